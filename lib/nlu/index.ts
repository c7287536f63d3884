/**
 * Natural-language understanding for shopper messages: language, intent, product, quantity, colour, size,
 * category and the merchant answer that fits. Pure and synchronous: `buildIndex` precomputes what depends on
 * the shop's catalogue and answers (rebuilt when they change, see lib/catalog/cache.ts); `understand` reads
 * one message in well under a millisecond on a thousand products.
 *
 * How a message is read:
 * 1. tokens (text.ts), the conversation's language (language.ts: sticky, switchable on request);
 * 2. spelling correction of words the lexicons or the catalogue know (one or two edits);
 * 3. entities: colour and size (catalogue spellings first), product (products.ts: fuzzy, every locale's
 *    titles), category, quantity (quantity.ts), the kind of product question;
 * 4. intent: nearest training examples on TF-IDF features with the entities masked as slots, plus the cue
 *    lexicon and the entities found; merchant answers by similarity to their example questions.
 */
import type { Answer, Product } from "../catalog/types";
import type { Locale } from "../i18n";
import { type Features, type Idf, NearestNeighbours } from "./classifier";
import {
  type CatalogLexicons,
  findCategories,
  findColor,
  findSize,
  numericSize,
  type Span,
} from "./entities";
import { type Analysis, analyse, blockedBy, forAnswers, overlaps, type Slot } from "./features";
import { DeletionIndex } from "./fuzzy";
import { decideLocale, FILLER, LANGUAGE_NAMES } from "./language";
import { PhraseLexicon } from "./lexicon";
import { STATIC_MODEL_DATA } from "./model/data";
import { loadStaticModel, type StaticModel } from "./model/static";
import { maskOrderId } from "./orderId";
import { type ProductGroup, type ProductHit, ProductIndex } from "./products";
import { extractQuantity } from "./quantity";
import { type Token, tokenize, tokenizeCached } from "./text";
import { INTENTS, type Intent, type ProductMatch, type Understanding } from "./types";
import { COLORS, SIZE_LETTERS } from "./vocab/attributes";
import { CATEGORY_WORDS } from "./vocab/categories";
import {
  ALL_WORDS,
  CART_WORDS,
  CLEARING,
  INTENT_CUES,
  MESSAGING,
  OPT_OUT,
  OPT_OUT_FILLER,
  PLACED_ORDER,
  STOPPING,
} from "./vocab/cues";

export { detectLanguage, nextLocale } from "./language";
export { findOrderId } from "./orderId";
export { readQuantity } from "./quantity";
export { normalize, tokenize } from "./text";
export type { Intent, ProductMatch, QuestionKind, Understanding } from "./types";
export { INTENTS } from "./types";
export { readYesNo, type YesNo } from "./yesno";

/** Below this the best intent is not trusted: the bot says it did not understand and records the question. */
const MIN_INTENT_SCORE = 0.3;
/** A merchant answer needs at least this similarity to one of its example questions. */
const MIN_ANSWER_SCORE = 0.42;
/** How close a message must be to an example of a topic for the topic to count as named. */
const MIN_TOPIC_SIMILARITY = 0.4;
/** An answer good enough when the classifier itself reads a policy question. */
const MIN_FAQ_ANSWER_SCORE = 0.3;
/** How much an answer's topics count against its closest example question when they fit better. */
const TOPIC_BLEND = 0.5;
/** Categories that usually qualify another ("running shoes", "kids dress"): the other one wins. */
const MODIFIER_CATEGORIES = new Set(["sports", "kids", "home"]);
const POLICY_TOPICS = new Set([
  "ship",
  "time",
  "return",
  "refund",
  "exchange",
  "pay",
  "cod",
  "hours",
  "store",
  "warranty",
  "cancel",
  "fee",
  "fit",
  "gift",
  "contact",
  "howto",
  "change",
]);
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
/**
 * Requests to change the cart or an order, or to stop messages: a merchant answer on the same topic ("how
 * do I cancel an order" for "cancel my order") does not turn them into a policy question, unless they ask
 * about a fee ("is there a fee to cancel").
 */
const ACTIONS: readonly Intent[] = ["remove_from_cart", "clear_cart", "cancel_order", "stop"];
/** Topics of an order already delivered: not wanting an item then is a return, not a change to the cart. */
const AFTER_DELIVERY = new Set(["return", "refund", "exchange"]);
const SOCIAL: ReadonlySet<Intent> = new Set(["greeting", "thanks", "goodbye"]);

// ---------------------------------------------------------------------------------------------------------
// The static model: vocabulary and classifier from the lexicons and the training examples (model/), loaded once.

let model: StaticModel | undefined;

/** Loads the static model now (call at cold start, so the first message does not pay for it). */
export function warmUp(): void {
  staticModel();
}

function staticModel(): StaticModel {
  model ??= loadStaticModel(STATIC_MODEL_DATA);
  return model;
}

// ---------------------------------------------------------------------------------------------------------
// The index: what depends on the shop's products and answers.

/** Built by `buildIndex`; treat as opaque. */
export interface NluIndex {
  readonly products: ProductIndex;
  readonly byId: ReadonlyMap<string, Product>;
  /** answer ids by similarity to their example questions; undefined without answers */
  readonly answers: NearestNeighbours<string> | undefined;
  /** per answer, the topics its example questions are about (see `topicScores`) */
  readonly answerTopics: AnswerTopics;
  /** words of the answers' questions, for the spelling corrector */
  readonly vocab: DeletionIndex;
  readonly lexicons: CatalogLexicons;
  /** canonical colour / size → the catalogue's spelling */
  readonly colorSpelling: ReadonlyMap<string, string>;
  readonly sizeSpelling: ReadonlyMap<string, string>;
  /** category concept (tops, shoes …) → the shop's category */
  readonly categoryByConcept: ReadonlyMap<string, string>;
}

const colorOf = (p: Product) => p.attributes.color ?? p.attributes.colour;

/** The canonical colour of a catalogue value: "Navy Blue" → "navy"; unknown values stay as they are. */
function canonicalColor(value: string): string {
  const tokens = tokenize(value);
  const m = COLORS.findAll(tokens.map((t) => t.key));
  const [first] = m;
  return first && m.length === 1 && first.start === 0 && first.end === tokens.length
    ? first.value
    : tokens.map((t) => t.text).join(" ");
}

/** The canonical size of a catalogue value: "Medium" → "M", "2XL" → "XXL", "42" → "42". */
function canonicalSize(value: string): string {
  const tokens = tokenize(value);
  const keys = tokens.map((t) => t.key);
  const letter = tokens.length === 1 && tokens[0] ? SIZE_LETTERS[tokens[0].text] : undefined;
  if (letter) return letter;
  const m = findSize(tokens, keys);
  if (m && m.start === 0 && m.end === tokens.length) return m.value;
  return tokens
    .map((t) => t.text)
    .join(" ")
    .toUpperCase();
}

/** Precomputes everything `understand` needs about a shop's catalogue and answers. */
export function buildIndex(products: Product[], answers: Answer[]): NluIndex {
  const m = staticModel();
  const productIndex = new ProductIndex(products);
  const colors = new PhraseLexicon<string>();
  const sizes = new PhraseLexicon<string>();
  const categories = new PhraseLexicon<string>();
  const colorSpelling = new Map<string, string>();
  const sizeSpelling = new Map<string, string>();
  const seen = new Set<string>();
  for (const p of products) {
    const color = colorOf(p);
    if (color && !seen.has(`c:${color}`)) {
      seen.add(`c:${color}`);
      const canonical = canonicalColor(color);
      colors.add(canonical, color);
      if (!colorSpelling.has(canonical)) colorSpelling.set(canonical, color);
    }
    const size = p.attributes.size;
    if (size && !seen.has(`s:${size}`)) {
      seen.add(`s:${size}`);
      const canonical = canonicalSize(size);
      // single letters and bare numbers need context, which findSize and numericSize give them
      if (size.trim().length > 1 && !/^\d+$/.test(size.trim())) sizes.add(canonical, size);
      if (!sizeSpelling.has(canonical)) sizeSpelling.set(canonical, size);
    }
    if (p.category && !seen.has(`k:${p.category}`)) {
      seen.add(`k:${p.category}`);
      categories.add(p.category, p.category.replace(/[-_/]+/g, " "));
    }
  }
  // Link category concepts to the shop's categories: by the category's own name first, then by what the
  // products in it are called ("tee" in the titles of the "t-shirts" category).
  const categoryByConcept = new Map<string, string>();
  const evidence = new Map<string, Map<string, number>>();
  for (const category of new Set(products.map((p) => p.category))) {
    const keys = tokenize(category.replace(/[-_/]+/g, " ")).map((t) => t.key);
    for (const c of CATEGORY_WORDS.findAll(keys))
      if (!categoryByConcept.has(c.value)) categoryByConcept.set(c.value, category);
  }
  const conceptsOf = new Map<string, string[]>();
  for (const p of products) {
    const texts = [...Object.values(p.title), ...p.tags];
    for (const text of texts) {
      if (!text) continue;
      let concepts = conceptsOf.get(text);
      if (!concepts) {
        concepts = CATEGORY_WORDS.findAll(tokenizeCached(text).map((t) => t.key)).map((c) => c.value);
        conceptsOf.set(text, concepts);
      }
      for (const c of concepts.map((value) => ({ value }))) {
        const counts = evidence.get(c.value) ?? new Map<string, number>();
        counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
        evidence.set(c.value, counts);
      }
    }
  }
  for (const [concept, counts] of evidence) {
    if (categoryByConcept.has(concept)) continue;
    const best = [...counts].sort((a, b) => b[1] - a[1])[0];
    if (best) categoryByConcept.set(concept, best[0]);
  }
  const { vocab, matcher, topics } = answerMatcher(answers, m.idf);
  return {
    products: productIndex,
    byId: new Map(products.map((p) => [p.id, p])),
    answers: matcher,
    answerTopics: topics,
    vocab,
    lexicons: { colors, sizes, categories },
    colorSpelling,
    sizeSpelling,
    categoryByConcept,
  };
}

/**
 * The topics (policy concepts: ship, refund, cancel …) of each merchant answer, learnt from its example
 * questions in every locale: `share` is the fraction of its questions that name the topic, `weight` how
 * telling the topic is (topics shared by many answers, like `fee`, tell less). Concepts are language-
 * independent, so a long or unusual wording in any language still finds the answer its topics point to.
 * Shares are relative to the answer that names the topic most (1 for it).
 */
interface AnswerTopics {
  share: ReadonlyMap<string, ReadonlyMap<string, number>>;
  weight: ReadonlyMap<string, number>;
}

/** The last answers' matcher: answers change far less often than stock, and every change rebuilds the index. */
let lastAnswers:
  | {
      key: string;
      vocab: DeletionIndex;
      matcher: NearestNeighbours<string> | undefined;
      topics: AnswerTopics;
    }
  | undefined;

function answerMatcher(answers: readonly Answer[], idf: Idf) {
  const key = JSON.stringify(answers.map((a) => [a.id, a.questions]));
  if (lastAnswers?.key === key) return lastAnswers;
  const vocab = new DeletionIndex();
  const docs: { label: string; features: Features }[] = [];
  const share = new Map<string, Map<string, number>>();
  const answersWith = new Map<string, number>();
  for (const a of answers) {
    const counts = new Map<string, number>();
    let n = 0;
    for (const questions of Object.values(a.questions)) {
      for (const q of questions ?? []) {
        const tokens = tokenize(q);
        for (const t of tokens)
          if ((t.script === "lat" || t.script === "ara") && t.key.length >= 5) vocab.add(t.key);
        const analysis = analyse(tokens, undefined);
        docs.push({ label: a.id, features: forAnswers(analysis.features) });
        for (const c of analysis.concepts) counts.set(c, (counts.get(c) ?? 0) + 1);
        n++;
      }
    }
    const shares = new Map<string, number>();
    for (const [c, k] of counts) {
      shares.set(c, k / n);
      answersWith.set(c, (answersWith.get(c) ?? 0) + 1);
    }
    share.set(a.id, shares);
  }
  // A topic belongs most to the answer that names it most often: shares relative to the highest one, so
  // "refund" counts fully for the refund answer even when only some of its questions say it.
  const highest = new Map<string, number>();
  for (const shares of share.values())
    for (const [c, v] of shares) highest.set(c, Math.max(highest.get(c) ?? 0, v));
  for (const shares of share.values()) for (const [c, v] of shares) shares.set(c, v / (highest.get(c) ?? 1));
  const weight = new Map<string, number>();
  for (const [c, k] of answersWith) weight.set(c, Math.log(1 + answers.length / k));
  lastAnswers = {
    key,
    vocab,
    matcher: docs.length > 0 ? new NearestNeighbours(idf, docs) : undefined,
    topics: { share, weight },
  };
  return lastAnswers;
}

/**
 * How well each answer's topics cover a message's topics, 0..1: the weighted share of the answer's questions
 * that name each topic of the message. A topic no answer knows ("discount" in a shop without a discount
 * answer) counts against every answer.
 */
function topicScores(concepts: ReadonlySet<string>, topics: AnswerTopics): Map<string, number> {
  const out = new Map<string, number>();
  if (concepts.size === 0) return out;
  let total = 0;
  for (const c of concepts) total += topics.weight.get(c) ?? Math.log(2);
  for (const [id, shares] of topics.share) {
    let s = 0;
    for (const c of concepts) s += (shares.get(c) ?? 0) * (topics.weight.get(c) ?? 0);
    if (s > 0) out.set(id, s / total);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Reading one message.

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
  const result: Understanding = {
    ...base,
    intent,
    confidence: round(intent === "unknown" ? Math.min(score, MIN_INTENT_SCORE) : Math.min(1, score)),
    attributes,
  };
  if (product) result.product = product;
  if (qty) result.quantity = qty.value;
  if (categorySpan) result.category = categorySpan;
  if (answer) result.answer = answer;
  if (analysis.kind) result.questionKind = analysis.kind;
  else if (intent === "product_question" && (attributes.color || attributes.size))
    result.questionKind = "stock";
  return result;
}

interface Message {
  tokens: Token[];
  keys: string[];
  colorSpan: Span<string> | undefined;
  sizeSpan: Span<string> | undefined;
  categorySpans: Span<string>[];
  /** the message names an order id (masked as a number in `tokens`) */
  orderId: boolean;
  signals: Signals;
}

/** Words that tell the cart and order requests apart (lexicons in vocab/cues.ts). */
interface Signals {
  all: boolean;
  cart: boolean;
  clearing: boolean;
  placedOrder: boolean;
  messaging: boolean;
  stopping: boolean;
}

function signalsOf(keys: readonly string[]): Signals {
  const has = (lex: PhraseLexicon<true>) => lex.findAll(keys).length > 0;
  return {
    all: has(ALL_WORDS),
    cart: has(CART_WORDS),
    clearing: has(CLEARING),
    placedOrder: has(PLACED_ORDER),
    messaging: has(MESSAGING),
    stopping: has(STOPPING),
  };
}

interface Reading {
  intent: Intent;
  score: number;
  product: ProductMatch | undefined;
  qty: ReturnType<typeof extractQuantity>;
  categorySpan: string | undefined;
  answer: { answerId: string; score: number } | undefined;
  analysis: Analysis;
  attributes: { color?: string; size?: string };
}

/** One reading of a message, with the product picked (or none): entities masked, intent scored. */
function read(message: Message, picked: Picked | undefined, index: NluIndex): Reading {
  const { tokens, keys, colorSpan, categorySpans } = message;
  let { sizeSpan } = message;
  const spans: Span<Slot>[] = [];
  if (!sizeSpan && picked) {
    const sizes = new Set(
      picked.hit.group.products.map((p) => p.attributes.size).filter((s): s is string => Boolean(s)),
    );
    sizeSpan = numericSize(tokens, sizes);
  }
  if (colorSpan) spans.push({ ...colorSpan, value: "color" });
  if (sizeSpan) spans.push({ ...sizeSpan, value: "size" });
  if (picked) {
    for (const i of picked.hit.tokens)
      if (!overlaps({ start: i, end: i + 1 }, spans)) spans.push({ start: i, end: i + 1, value: "product" });
  }
  const nouns = new Set(spans.filter((s) => s.value === "product").map((s) => s.start));
  for (const c of categorySpans) nouns.add(c.start);
  const qty = extractQuantity(tokens, blockedBy(tokens.length, spans), nouns);
  if (qty) spans.push({ start: qty.start, end: qty.end, value: "qty" });
  const categorySpan = chooseCategory(
    categorySpans.filter((c) => !overlaps(c, spans)),
    index,
  );
  for (const c of categorySpans) if (!overlaps(c, spans)) spans.push({ ...c, value: "category" });

  const analysis = analyse(tokens, spans, keys);
  const { signals } = message;
  // "remove an item from my order", "CC-7K3F9Q不要了": a change to an order already placed, not to the cart;
  // "I don't want it any more, can I return it": a return
  const unwanted = analysis.cues.has("remove_from_cart");
  if (
    unwanted &&
    (message.orderId ||
      (signals.placedOrder && !signals.cart) ||
      [...analysis.concepts].some((c) => AFTER_DELIVERY.has(c)))
  )
    analysis.cues.delete("remove_from_cart");
  // "is there a penalty when I call off an order": what cancelling costs, a policy question
  if (analysis.concepts.has("fee")) analysis.cues.delete("cancel_order");
  const m = staticModel();
  const knn = m.intents.classify(m.idf.query(analysis.features));

  // Merchant answers: the best example question of each answer, and how well its topics fit the message's.
  // A close paraphrase of an example question is a policy question by itself (`closest`); a wording far
  // from every example still finds its answer by topic when the classifier reads a policy question.
  let answer: { answerId: string; score: number } | undefined;
  let candidate: { answerId: string; score: number } | undefined;
  let closest = 0;
  if (index.answers) {
    const similar = index.answers.bestByLabel(m.idf.query(forAnswers(analysis.features)));
    // a wording that names no topic may still be close to our own examples of one
    let concepts = analysis.concepts;
    const guess = m.topics.best(m.idf.query(analysis.features));
    if (guess && guess.similarity >= MIN_TOPIC_SIMILARITY && !concepts.has(guess.label))
      concepts = new Set([...concepts, guess.label]);
    const topical = topicScores(concepts, index.answerTopics);
    let best: { id: string; score: number } | undefined;
    for (const id of new Set([...similar.keys(), ...topical.keys()])) {
      const nn = similar.get(id) ?? 0;
      closest = Math.max(closest, nn);
      const score = Math.max(nn, TOPIC_BLEND * (topical.get(id) ?? 0) + (1 - TOPIC_BLEND) * nn);
      if (!best || score > best.score) best = { id, score };
    }
    if (best) candidate = { answerId: best.id, score: round(best.score) };
    if (candidate && candidate.score >= MIN_ANSWER_SCORE) answer = candidate;
  }

  const color = colorSpan ? spell(colorSpan.value, "color", picked?.hit.group, index) : undefined;
  const size = sizeSpan ? spell(sizeSpan.value, "size", picked?.hit.group, index) : undefined;
  const attributes = { ...(color ? { color } : {}), ...(size ? { size } : {}) };
  const product = picked ? resolveVariant(picked, colorSpan?.value, sizeSpan?.value) : undefined;

  // Scores: neighbours, then the lexicon cues, then what the entities say.
  const scores = new Map<Intent, number>(INTENTS.map((i) => [i, knn.get(i) ?? 0]));
  const bump = (intent: Intent, by: number) => scores.set(intent, (scores.get(intent) ?? 0) + by);
  for (const [intent, w] of analysis.cues) bump(intent, w);
  if (product) {
    bump("product_question", 0.15);
    bump("browse_category", -0.1);
  }
  // a number with the item, its colour or size is an order line: "2 linen shirts blue M", "两件经典T恤";
  // with a word of removal, a line to take out ("remove 2 of the red tee")
  const line: Intent = analysis.cues.has("remove_from_cart") ? "remove_from_cart" : "add_to_cart";
  if (qty && product) bump(line, 0.3);
  else if (qty && (color || size || qty.strength >= 3)) bump(line, 0.15);
  // the item, its colour and its size with no question about them: an order line ("yung hoodie, M, itim")
  else if (product && color && size && !analysis.kind) bump(line, 0.2);
  // "remove the red tee", "alisin yung mug": the item named is the one to take out, not asked about
  if (product && analysis.cues.has("remove_from_cart")) bump("remove_from_cart", 0.15);
  // everything out of the cart: "empty it all", "tanggalin mo na lahat", "把购物车清一下" (not "remove all the
  // red tees": an item named is the one to take out)
  if (
    !product &&
    ((signals.clearing && (signals.cart || signals.all)) ||
      (signals.all && analysis.cues.has("remove_from_cart")))
  ) {
    bump("clear_cart", 0.6);
    bump("view_cart", -0.4);
    bump("remove_from_cart", -0.4);
  }
  // "cancel the hoodie", "yang hijab batal deh": cancelling an item, with no order in sight, takes it out
  if (product && analysis.cues.has("cancel_order") && !signals.placedOrder && !message.orderId) {
    bump("remove_from_cart", (analysis.cues.get("cancel_order") ?? 0) + 0.2);
    bump("cancel_order", -0.3);
  }
  // an order named by its id and not wanted any more: "CC-7K3F9Q不要了"
  if (message.orderId && unwanted && !product) bump("cancel_order", 0.3);
  // the shop's messages with a word of stopping, or to be removed from: "no more texts", "别再提醒我",
  // "jangan kirim promo", "remove me from your messages"
  if (!product && signals.messaging && (signals.stopping || unwanted)) {
    bump("stop", 0.5);
    bump("remove_from_cart", -0.3);
    bump("cancel_order", -0.3);
  }
  // an order id is named to track or cancel that order
  if (message.orderId) {
    bump("order_status", 0.1);
    bump("cancel_order", 0.1);
  }
  // "how much?" alone asks about the product in view; "do you have a loyalty program" is no product question
  if (analysis.kind && (product || color || size || tokens.length <= 4)) bump("product_question", 0.1);
  if (categorySpan && !product) bump("browse_category", 0.15);
  // "I want to buy some items, how do I do it": a long request to buy with nothing to put in the cart (no
  // item, number, colour, size or "it") asks how buying works. Short ones ("mine po", "add to cart") are
  // commands about the item in view.
  if (
    !product &&
    !qty &&
    !color &&
    !size &&
    !categorySpan &&
    tokens.length >= 5 &&
    !keys.some((k) => ANAPHORS.has(k))
  )
    bump("add_to_cart", -0.25);
  const action =
    ACTIONS.some((i) => analysis.cues.has(i)) &&
    !analysis.concepts.has("fee") &&
    ![...analysis.concepts].some((c) => AFTER_DELIVERY.has(c));
  if (answer && closest >= MIN_ANSWER_SCORE && !action) {
    // a policy topic (returns, shipping, payment …) with an answer about it: the answer, not the item
    // (not over a complaint: "my payment failed" is about payment, and still a complaint; nor over a
    // question about a named item's sizes, colours or price)
    const topic =
      [...analysis.concepts].some((c) => POLICY_TOPICS.has(c)) &&
      closest >= 0.5 &&
      !analysis.cues.has("complaint") &&
      !(product && analysis.kind)
        ? 0.2
        : 0;
    scores.set(
      "faq",
      Math.max(scores.get("faq") ?? 0, closest + 0.1 + topic + (analysis.cues.get("faq") ?? 0)),
    );
  }
  const substantive =
    product || categorySpan || qty || analysis.kind || [...analysis.cues.keys()].some((i) => !SOCIAL.has(i));
  if (substantive) for (const i of SOCIAL) bump(i, -0.3);

  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  let [intent, score] = ranked[0] ?? ["unknown", 0];
  if (score < MIN_INTENT_SCORE) intent = "unknown";
  // The classifier reads a policy question: a weaker answer will do, the best the shop has.
  if (intent === "faq" && !answer && candidate && candidate.score >= MIN_FAQ_ANSWER_SCORE) answer = candidate;
  if (intent === "faq" && !answer) intent = "unknown";
  return { intent, score, product, qty, categorySpan, answer, analysis, attributes };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Words that stand for an item already in view: "add it", "kunin ko yan", "ابي هذا", "要这个". */
const ANAPHORS = new Set([
  "it",
  "this",
  "that",
  "these",
  "those",
  "one",
  "them",
  "ito",
  "iyan",
  "yan",
  "yun",
  "iyon",
  "ini",
  "itu",
  "هذا",
  "هذي",
  "هذه",
  "ذا",
  "这个",
  "那个",
  "这",
  "那",
  "它",
]);

/** Words that point at one item ("the hoodie", "yung sandals", "这个包"), not at a category. */
const DEFINITE = new Set([
  "the",
  "this",
  "that",
  "yung",
  "iyong",
  "ang",
  "itong",
  "yang",
  "ini",
  "itu",
  "这",
  "那",
  "这个",
  "那个",
  "هذا",
  "هذه",
  "هذي",
  "ذا",
]);
const definite = (keys: readonly string[]) => keys.some((k) => DEFINITE.has(k));

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

interface Picked {
  hit: ProductHit;
  /** other groups that match nearly as well */
  rivals: ProductHit[];
  /** matched by category words only ("hoodie"): maybe the category is meant */
  categoryOnly: boolean;
}

/**
 * The product meant, if the match is good enough: most of a title, or a distinctive word of it. A match
 * made only of category words ("dresses") is a category, not a product, unless it is the whole title.
 */
function pickProduct(
  hits: readonly ProductHit[],
  categorySpans: readonly Span<string>[],
  cueSpans: readonly { start: number; end: number }[],
): Picked | undefined {
  const best = hits[0];
  if (!best) return undefined;
  const inCue = (i: number) => cueSpans.some((c) => c.start <= i && i < c.end);
  if (best.titleCoverage < 0.85 && [...best.tokens].every(inCue)) return undefined;
  const inCategory = (i: number) => categorySpans.some((c) => c.start <= i && i < c.end);
  const onlyCategoryWords = [...best.tokens].every(inCategory);
  const strong = best.titleCoverage >= 0.85 || (best.distinctive && best.score >= 0.4);
  if (!strong) return undefined;
  const categoryOnly = onlyCategoryWords && best.titleCoverage < 0.85;
  if (categoryOnly && !best.distinctive) return undefined;
  const rivals = hits
    .slice(1)
    .filter((h) => h.score >= best.score - 0.03 && h.titleCoverage >= best.titleCoverage - 0.03);
  return { hit: best, rivals: rivals.slice(0, 4), categoryOnly };
}

function chooseCategory(spans: readonly Span<string>[], index: NluIndex): string | undefined {
  const resolved = spans.map((s) =>
    s.value.startsWith("=")
      ? { category: s.value.slice(1), own: true, concept: "" }
      : { category: index.categoryByConcept.get(s.value), own: false, concept: s.value },
  );
  const ranked = resolved
    .map((r, i) => ({
      ...r,
      i,
      rank: (r.own ? 4 : 0) + (r.category ? 2 : 0) + (MODIFIER_CATEGORIES.has(r.concept) ? 0 : 1),
    }))
    .sort((a, b) => b.rank - a.rank || a.i - b.i);
  const top = ranked[0];
  if (!top) return undefined;
  return top.category ?? top.concept;
}

/** The catalogue's spelling of a canonical colour or size, preferring the matched item's own variants. */
function spell(
  canonical: string,
  attribute: "color" | "size",
  group: ProductGroup | undefined,
  index: NluIndex,
): string {
  if (group) {
    for (const p of group.products) {
      const value = attribute === "color" ? colorOf(p) : p.attributes.size;
      if (value && (attribute === "color" ? canonicalColor(value) : canonicalSize(value)) === canonical)
        return value;
    }
  }
  const spelled = (attribute === "color" ? index.colorSpelling : index.sizeSpelling).get(canonical);
  return spelled ?? canonical;
}

/** The variant meant: the one product of the item that has the colour and size mentioned, if exactly one. */
function resolveVariant(picked: Picked, color: string | undefined, size: string | undefined): ProductMatch {
  const { group } = picked.hit;
  const fits = group.products.filter(
    (p) =>
      (!color || (colorOf(p) !== undefined && canonicalColor(colorOf(p) ?? "") === color)) &&
      (!size || (p.attributes.size !== undefined && canonicalSize(p.attributes.size) === size)),
  );
  const ambiguous = picked.rivals.length > 0;
  const score = round(Math.min(1, picked.hit.score) * (ambiguous ? 0.8 : 1));
  const match: ProductMatch = { score, candidates: [] };
  if (group.groupId) match.groupId = group.groupId;
  const only =
    group.products.length === 1
      ? group.products[0]
      : fits.length === 1 && (color || size)
        ? fits[0]
        : undefined;
  if (only) match.productId = only.id;
  const inStockFirst = (list: Product[]) =>
    [...list].sort((a, b) => Number(b.stock > 0) - Number(a.stock > 0));
  match.candidates = ambiguous
    ? [picked.hit, ...picked.rivals]
        .map((h) => inStockFirst(h.group.products)[0]?.id)
        .filter((id): id is string => Boolean(id))
    : inStockFirst(fits.length > 0 ? fits : group.products).map((p) => p.id);
  return match;
}
