/**
 * Reading one shopper message: tokens and the conversation's language, spelling correction, entities, the
 * product picked, the reading scored (reading.ts), then the evidence rules (rules/evidence.ts) that let an
 * intent change state only on strong evidence.
 */
import type { Locale } from "../i18n";
import { findCategories, findColor, findSize, type Span } from "./entities";
import { blockedBy } from "./features";
import { decideLocale, FILLER, LANGUAGE_NAMES } from "./language";
import { maskOrderId } from "./orderId";
import { ANAPHORS, type Message, MIN_INTENT_SCORE, read, signalsOf } from "./reading";
import { definite, pickProduct, round } from "./resolve";
import { applyEvidence, type Evidence } from "./rules/evidence";
import type { NluIndex } from "./shopIndex";
import { staticModel } from "./staticModel";
import { type Token, tokenize } from "./text";
import type { Intent, Understanding } from "./types";
import { INTENT_CUES, OPT_OUT, OPT_OUT_FILLER } from "./vocab/cues";
import {
  ADDRESS_WORDS,
  CONDITION_WORDS,
  EXPLICIT_ADD,
  GET_STARTED,
  POLICY_WORDS,
  STATE_WORDS,
} from "./vocab/evidence";
import { STOPWORDS } from "./vocab/stopwords";
import { readYesNo } from "./yesno";

const NOT_PRODUCT_CUES: ReadonlySet<Intent> = new Set([
  "view_cart",
  "remove_from_cart",
  "clear_cart",
  "checkout",
  "order_status",
  "cancel_order",
  "human",
  "greeting",
  "stop",
]);

/** Keys after spelling correction: words of the lexicons, the training examples or the answers. */
function correctKeys(tokens: readonly Token[], index: NluIndex | undefined): string[] {
  const m = staticModel();
  const isKnown = (k: string) =>
    m.known.has(k) || index?.products.has(k) === true || index?.vocab.has(k) === true;
  return tokens.map((t) => {
    if (t.script !== "lat" && t.script !== "ara") return t.key;
    const k = t.key;
    if (isKnown(k)) return k;
    // Tagalog linker: "pulang" is "pula" + "ng"
    if (t.script === "lat" && k.length >= 5 && k.endsWith("ng") && isKnown(k.slice(0, -2)))
      return k.slice(0, -2);
    // Arabic conjunction or preposition glued to the word: "وبكم", "بالاحمر" is handled by keyOf
    if (t.script === "ara" && k.length >= 4 && /^[وبلفك]/.test(k)) {
      const rest = tokenize(k.slice(1))[0]?.key;
      if (rest && isKnown(rest)) return rest;
    }
    if (k.length < 5) return k;
    const edits = k.length >= 9 ? 2 : 1;
    const near = [...m.vocab.near(k, edits), ...(index ? index.vocab.near(k, edits) : [])].sort(
      (a, b) => a.distance - b.distance,
    )[0];
    return near?.word ?? k;
  });
}

/** The context `understand` needs: the shop's index and the conversation's locale. */
export interface UnderstandContext {
  index: NluIndex;
  /** the conversation's locale so far; undefined on a first message */
  locale?: Locale;
  /** the shop's locales */
  allowed: Locale[];
  /** the shop's default locale */
  fallback: Locale;
}

/** Reads one shopper message. Pure; never throws on any input. */
export function understand(text: string, ctx: UnderstandContext): Understanding {
  const { index } = ctx;
  const { text: masked, orderId } = maskOrderId(text.slice(0, 2000));
  const tokens = tokenize(masked).slice(0, 200);
  const decision = decideLocale(masked, ctx.locale, ctx.allowed, ctx.fallback, tokens);
  const locale = decision.locale;
  const localeChanged = locale !== ctx.locale;
  const base = { locale, localeChanged, attributes: {}, ...(orderId ? { orderId } : {}) };
  if (tokens.length === 0) return { ...base, intent: "unknown", confidence: 0 };

  const keys = correctKeys(tokens, index);
  // Language names are not products or categories ("Chinese" is no product, "bahasa" no category).
  const languageSpans = LANGUAGE_NAMES.findAll(keys);
  const colorSpan = findColor(tokens, keys, index.lexicons);
  const sizeSpan = findSize(tokens, keys, index.lexicons);
  // Sizes and language names never match product names.
  const skip = blockedBy(tokens.length, [...languageSpans, ...(sizeSpan ? [sizeSpan] : [])]);
  const hits = index.products.search(tokens, keys, skip);
  const categorySpans = findCategories(keys, index.lexicons);
  // "lihat keranjang" is the cart, not the "Keranjang Anyaman" basket: words of a cart, checkout or order
  // phrase do not name a product on their own.
  const cueSpans = INTENT_CUES.findAll(keys).filter((c) => NOT_PRODUCT_CUES.has(c.value.intent));
  const picked = pickProduct(hits, categorySpans, cueSpans);
  const message: Message = {
    tokens,
    keys,
    colorSpan,
    sizeSpan,
    categorySpans,
    orderId: Boolean(orderId),
    signals: signalsOf(keys),
  };

  let reading = read(message, picked, index);
  // "hoodie", "jeans", "backpack": a category word that names one item. Browsing the category, or asking
  // about that item? The reading without the product decides.
  if (picked?.categoryOnly && !definite(keys) && !(colorSpan || sizeSpan)) {
    const asCategory = read(message, undefined, index);
    // Either way, when the shop has one item of that kind, it is the product meant.
    if (asCategory.intent === "browse_category" || asCategory.intent === "recommendation")
      reading = picked.rivals.length === 0 ? { ...asCategory, product: reading.product } : asCategory;
  }
  let { intent, score } = reading;
  // A message that only asks for another language: greet in it.
  if (decision.requested && isOnlyLanguageRequest(keys, languageSpans)) {
    intent = "greeting";
    score = Math.max(score, 0.9);
  }
  if (isOnlyOptOut(keys)) {
    intent = "stop";
    score = 1;
  }
  const { product, qty, categorySpan, answer, analysis, attributes } = reading;
  const anaphor = keys.some((k) => ANAPHORS.has(k));
  const evidence: Evidence = {
    score,
    ranked: reading.ranked,
    cues: new Set([...analysis.cues.keys(), ...STATE_WORDS.findAll(keys).map((m) => m.value)]),
    explicitAdd: EXPLICIT_ADD.findAll(keys).length > 0,
    question:
      /[?？؟]/.test(masked) || analysis.kind !== undefined || CONDITION_WORDS.findAll(keys).length > 0,
    address: ADDRESS_WORDS.findAll(keys).length > 0,
    yesNoOnly: readYesNo(masked, locale) !== undefined,
    product: product !== undefined,
    anaphor,
    optOutOnly: isOnlyOptOut(keys),
    stopMessages:
      !product &&
      message.signals.messaging &&
      (message.signals.stopping || analysis.cues.has("remove_from_cart")),
    getStarted: GET_STARTED.findAll(keys).some((m) => m.start === 0 && m.end === keys.length),
    orderId: Boolean(orderId),
    policy: POLICY_WORDS.findAll(keys).length > 0,
  };
  const ruled = applyEvidence(intent, score, evidence);
  intent = ruled.intent;
  score = ruled.score;
  const result: Understanding = {
    ...base,
    intent,
    confidence: round(intent === "unknown" ? Math.min(score, MIN_INTENT_SCORE) : Math.min(1, score)),
    attributes,
  };
  if (product) result.product = product;
  // digits in an address are house numbers, not quantities ("I live at 12 Orchard Road")
  if (qty && !(evidence.address && !evidence.explicitAdd)) result.quantity = qty.value;
  if (categorySpan) result.category = categorySpan;
  if (answer) result.answer = answer;
  if (analysis.kind) result.questionKind = analysis.kind;
  else if (intent === "product_question" && (attributes.color || attributes.size))
    result.questionKind = "stock";
  if (anaphor) result.anaphor = true;
  const unknownWords = wordsNotKnown(tokens, keys, index);
  if (unknownWords.length > 0) result.unknownWords = unknownWords;
  if (ruled.confirm) result.confirm = true;
  if (ruled.applied.length > 0) result.rules = ruled.applied;
  if (reading.scoring.length > 0) result.scoring = reading.scoring;
  return result;
}

/**
 * Words neither the lexicons, the training examples, the catalogue nor the answers know ("harpsichords"):
 * what a search that finds nothing was for, recorded as demand.
 */
function wordsNotKnown(tokens: readonly Token[], keys: readonly string[], index: NluIndex): string[] {
  const m = staticModel();
  return tokens
    .filter((t, i) => {
      const k = keys[i] ?? t.key;
      if (t.script === "sym" || t.script === "num" || k.length < 3 || STOPWORDS.has(k)) return false;
      return !m.known.has(k) && !index.products.has(k) && !index.vocab.has(k);
    })
    .map((t) => t.text)
    .slice(0, 5);
}

/** "STOP", "unsubscribe po", "退订": a message that is nothing but an opt-out keyword. */
function isOnlyOptOut(keys: readonly string[]): boolean {
  let found = false;
  for (let i = 0; i < keys.length; ) {
    const m = OPT_OUT.matchAt(keys, i);
    if (m) {
      found = true;
      i = m.end;
    } else if (OPT_OUT_FILLER.has(keys[i] ?? "")) i++;
    else return false;
  }
  return found;
}

function isOnlyLanguageRequest(keys: readonly string[], languageSpans: readonly Span<Locale>[]): boolean {
  return keys.every((k, i) => languageSpans.some((s) => s.start <= i && i < s.end) || FILLER.has(k));
}
