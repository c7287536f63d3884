/**
 * One reading of a message: the entities masked as slots, the intent scored (nearest training examples, the
 * cue lexicon, then the scoring rules of rules/scoring.ts), the merchant answer that fits.
 */

import { numericSize, type Span } from "./entities";
import { type Analysis, analyse, blockedBy, forAnswers, overlaps, type Slot } from "./features";
import type { PhraseLexicon } from "./lexicon";
import { extractQuantity } from "./quantity";
import { chooseCategory, type Picked, resolveVariant, round, spell } from "./resolve";
import { applyScoring } from "./rules/scoring";
import { type NluIndex, topicScores } from "./shopIndex";
import { staticModel } from "./staticModel";
import type { Token } from "./text";
import { INTENTS, type Intent, type ProductMatch } from "./types";
import { ALL_WORDS, CART_WORDS, CLEARING, MESSAGING, PLACED_ORDER, STOPPING } from "./vocab/cues";

/** Below this the best intent is not trusted: the bot says it did not understand and records the question. */
export const MIN_INTENT_SCORE = 0.3;
/** A merchant answer needs at least this similarity to one of its example questions. */
const MIN_ANSWER_SCORE = 0.42;
/** How close a message must be to an example of a topic for the topic to count as named. */
const MIN_TOPIC_SIMILARITY = 0.4;
/** An answer good enough when the classifier itself reads a policy question. */
const MIN_FAQ_ANSWER_SCORE = 0.3;
/** How much an answer's topics count against its closest example question when they fit better. */
const TOPIC_BLEND = 0.5;
/** Categories that usually qualify another ("running shoes", "kids dress"): the other one wins. */
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
/**
 * Requests to change the cart or an order, or to stop messages: a merchant answer on the same topic ("how
 * do I cancel an order" for "cancel my order") does not turn them into a policy question, unless they ask
 * about a fee ("is there a fee to cancel").
 */
const ACTIONS: readonly Intent[] = ["remove_from_cart", "clear_cart", "cancel_order", "stop"];
/** Topics of an order already delivered: not wanting an item then is a return, not a change to the cart. */
const AFTER_DELIVERY = new Set(["return", "refund", "exchange"]);

export interface Message {
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
export interface Signals {
  all: boolean;
  cart: boolean;
  clearing: boolean;
  placedOrder: boolean;
  messaging: boolean;
  stopping: boolean;
}

export function signalsOf(keys: readonly string[]): Signals {
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

export interface Reading {
  intent: Intent;
  score: number;
  product: ProductMatch | undefined;
  qty: ReturnType<typeof extractQuantity>;
  categorySpan: string | undefined;
  answer: { answerId: string; score: number } | undefined;
  analysis: Analysis;
  attributes: { color?: string; size?: string };
  /** every intent by score, best first */
  ranked: Array<[Intent, number]>;
  /** the scoring rules that applied (rules/scoring.ts) */
  scoring: string[];
}

/** One reading of a message, with the product picked (or none): entities masked, intent scored. */
export function read(message: Message, picked: Picked | undefined, index: NluIndex): Reading {
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
  const scoring = applyScoring(scores, {
    tokens,
    keys,
    analysis,
    product,
    qty,
    color,
    size,
    categorySpan,
    orderId: message.orderId,
    unwanted,
    signals,
    anaphor: keys.some((k) => ANAPHORS.has(k)),
    closest,
    answered: answer !== undefined && closest >= MIN_ANSWER_SCORE,
    action:
      ACTIONS.some((i) => analysis.cues.has(i)) &&
      !analysis.concepts.has("fee") &&
      ![...analysis.concepts].some((c) => AFTER_DELIVERY.has(c)),
    policyTopic: [...analysis.concepts].some((c) => POLICY_TOPICS.has(c)),
  });

  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  let [intent, score] = ranked[0] ?? ["unknown", 0];
  if (score < MIN_INTENT_SCORE) intent = "unknown";
  // The classifier reads a policy question: a weaker answer will do, the best the shop has.
  if (intent === "faq" && !answer && candidate && candidate.score >= MIN_FAQ_ANSWER_SCORE) answer = candidate;
  if (intent === "faq" && !answer) intent = "unknown";
  return { intent, score, product, qty, categorySpan, answer, analysis, attributes, ranked, scoring };
}

/** Words that stand for an item already in view: "add it", "kunin ko yan", "ابي هذا", "要这个". */
export const ANAPHORS = new Set([
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
