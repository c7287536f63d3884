/**
 * The classifier's features of a token sequence, in two steps: `markTokens` reads what the lexicons say
 * about it (entity slots, intent cues, policy concepts, the kind of question), then `countFeatures` turns
 * the tokens and those marks into weighted features. Messages go through both at once (`analyse`); the
 * training examples went through the first step when the static model was generated (model/), so a cold
 * start only counts.
 */
import type { Features } from "./classifier";
import { findCategories, findColor, findSize, questionKind, type Span } from "./entities";
import type { PhraseLexicon } from "./lexicon";
import { extractQuantity } from "./quantity";
import { type Token, tokenize } from "./text";
import type { Intent, QuestionKind } from "./types";
import { CONCEPTS, INTENT_CUES, QUESTION_KINDS } from "./vocab/cues";
import { STOPWORDS } from "./vocab/stopwords";

export type Slot = "product" | "category" | "color" | "size" | "qty" | "num";

export const PRODUCT_TOKEN: Token = {
  text: "§product",
  key: "§product",
  raw: "",
  script: "sym",
  glued: false,
};

/** A training example's tokens; `{product}` becomes one placeholder token. */
export function exampleTokens(text: string): Token[] {
  return text
    .split(/(\{product\})/)
    .flatMap((part) => (part === "{product}" ? [PRODUCT_TOKEN] : tokenize(part)));
}

/** The entity slots that mask tokens. */
export interface SlotMarks {
  /** per token, the slot that masks it */
  slotAt: (Slot | undefined)[];
  /** per token, whether a slot span starts there */
  spanStart: boolean[];
}

/** What the lexicons say about a token sequence, before any feature is counted. */
export interface Marks extends SlotMarks {
  /** the intent of each cue phrase found, in order (a cue found twice counts twice) */
  cueIntents: Intent[];
  /** the policy concepts named, in the order first named */
  concepts: string[];
  kind?: QuestionKind;
}

export interface Analysis {
  features: Features;
  kind?: QuestionKind;
  cues: Map<Intent, number>;
  concepts: Set<string>;
}

/** Slot spans as per-token marks; the `{product}` placeholder is always a product slot. */
function slotMarks(tokens: readonly Token[], slotSpans: readonly Span<Slot>[]): SlotMarks {
  const slotAt = new Array<Slot | undefined>(tokens.length).fill(undefined);
  const spanStart = new Array<boolean>(tokens.length).fill(false);
  for (const s of slotSpans) {
    for (let i = s.start; i < s.end; i++) slotAt[i] = s.value;
    spanStart[s.start] = true;
  }
  for (const [i, t] of tokens.entries()) if (t === PRODUCT_TOKEN) slotAt[i] = "product";
  return { slotAt, spanStart };
}

/** The cue phrases and policy concepts of a sequence of keys: lexicon lookups, no slots involved. */
export function cueMarks(keys: readonly string[]) {
  const cueMatches = INTENT_CUES.findAll(keys);
  // presence, not count: a topic named twice is still one topic
  const concepts = new Set<string>();
  for (const c of CONCEPTS.findAll(keys)) concepts.add(c.value);
  return { cueMatches, cueIntents: cueMatches.map((c) => c.value.intent), concepts: [...concepts] };
}

/** The marks of a training example or of a merchant's example question: slots from the static lexicons. */
export function markTokens(tokens: readonly Token[]): Marks {
  return read(
    tokens,
    undefined,
    tokens.map((t) => t.key),
  ).marks;
}

function read(
  tokens: readonly Token[],
  spans: readonly Span<Slot>[] | undefined,
  keys: readonly string[],
): { marks: Marks; cueMatches: ReturnType<typeof INTENT_CUES.findAll> } {
  const slotSpans: Span<Slot>[] = spans ? [...spans] : staticSpans(tokens, keys);
  const { cueMatches, cueIntents, concepts } = cueMarks(keys);
  const mentioned = {
    color: slotSpans.some((s) => s.value === "color"),
    size: slotSpans.some((s) => s.value === "size"),
  };
  const { kind } = questionKind(keys, mentioned, slotSpans);
  const marks: Marks = {
    ...slotMarks(tokens, slotSpans),
    cueIntents,
    concepts,
    ...(kind ? { kind } : {}),
  };
  return { marks, cueMatches };
}

/**
 * The weighted features of tokens and their marks: word keys, spelling trigrams, word and Han bigrams,
 * slots, then the cues, concepts and kind of question. `keys` are the tokens' keys after spelling
 * correction (a message's) or their own (an example's).
 */
export function countFeatures(tokens: readonly Token[], keys: readonly string[], marks: Marks): Features {
  const f: Features = new Map();
  countFeaturesInto((name, w) => f.set(name, (f.get(name) ?? 0) + w), tokens, keys, marks);
  return f;
}

/** `countFeatures`, each weight given to `add` (which sums a feature's weights, in the order given). */
export function countFeaturesInto(
  add: (name: string, w: number) => void,
  tokens: readonly Token[],
  keys: readonly string[],
  marks: Marks,
): void {
  const { slotAt, spanStart } = marks;
  let prev: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    const slot = slotAt[i];
    let word: string | undefined;
    if (slot) {
      if (!spanStart[i] && slotAt[i - 1] === slot && t !== PRODUCT_TOKEN) continue;
      add(`S:${slot}`, 1);
      word = `<${slot}>`;
    } else if (t.script === "han") {
      const key = keys[i] ?? t.key;
      add(`W:${key}`, 0.6);
      const next = tokens[i + 1];
      if (next?.script === "han" && !slotAt[i + 1]) add(`B:${key}${keys[i + 1] ?? next.key}`, 1);
      prev = undefined;
      continue;
    } else if (t.script === "num") {
      add("S:num", 1);
      word = "<num>";
    } else if (t.script === "sym") {
      continue;
    } else {
      const key = keys[i] ?? t.key;
      add(`W:${key}`, 1);
      for (const gram of spellingGrams(t.text)) add(gram, 0.2);
      word = key;
    }
    if (prev !== undefined) add(`B:${prev}_${word}`, 0.6);
    prev = word;
  }
  for (const intent of marks.cueIntents) add(`I:${intent}`, 0.8);
  for (const c of marks.concepts) add(`K:${c}`, 1);
  if (marks.kind) add(`Q:${marks.kind}`, 0.8);
}

/**
 * Features of a token sequence with entity spans masked as slots. Training examples go through here with
 * no index (their products are `{product}` placeholders), messages with the shop's index and spans.
 */
export function analyse(
  tokens: readonly Token[],
  spans: readonly Span<Slot>[] | undefined,
  keys?: readonly string[],
): Analysis {
  const k = keys ?? tokens.map((t) => t.key);
  const { marks, cueMatches } = read(tokens, spans, k);
  const cues = new Map<Intent, number>();
  for (const c of cueMatches) {
    const before = cues.get(c.value.intent);
    cues.set(
      c.value.intent,
      before === undefined ? c.value.weight : Math.min(0.7, Math.max(before, c.value.weight) + 0.1),
    );
  }
  const { kind } = marks;
  return {
    features: countFeatures(tokens, k, marks),
    cues,
    concepts: new Set(marks.concepts),
    ...(kind ? { kind } : {}),
  };
}

const gramCache = new Map<string, string[]>();

/** The character-trigram features of a word (" ship " → "C: sh", "C:shi" …), remembered: words repeat. */
function spellingGrams(text: string): string[] {
  let grams = gramCache.get(text);
  if (!grams) {
    const padded = ` ${text} `;
    grams = [];
    for (let j = 0; j + 3 <= padded.length; j++) grams.push(`C:${padded.slice(j, j + 3)}`);
    if (gramCache.size >= 20_000) gramCache.clear();
    gramCache.set(text, grams);
  }
  return grams;
}

let functionWords: ReadonlySet<string> | undefined;

/** Stopwords that carry no topic or intent: the lexicons' words ("buy", "order", "cost") are not among them. */
function isFunctionWord(key: string): boolean {
  if (!functionWords) {
    const meaningful = new Set<string>();
    for (const lex of [INTENT_CUES, CONCEPTS, QUESTION_KINDS] as PhraseLexicon<unknown>[])
      for (const w of lex.words()) meaningful.add(w);
    functionWords = new Set([...STOPWORDS].filter((w) => !meaningful.has(w)));
  }
  return functionWords.has(key);
}

/**
 * Answers are about topics, not about how a question is phrased: function words and spelling n-grams count
 * less, policy concepts more ("what forms of payment do you take" ⇄ "payment methods?").
 */
export function forAnswers(features: Features): Features {
  const out: Features = new Map();
  for (const [f, w] of features) {
    const kind = f.slice(0, 2);
    let factor = 1;
    if (kind === "K:") factor = 2.5;
    else if (kind === "C:") factor = 0.5;
    else if (kind === "I:") factor = 0.5;
    else if (kind === "W:" && isFunctionWord(f.slice(2))) factor = 0.3;
    else if (kind === "B:") factor = 0.5;
    out.set(f, w * factor);
  }
  return out;
}

/** Slot spans from the static lexicons only (training examples and answers' questions). */
function staticSpans(tokens: readonly Token[], keys: readonly string[]): Span<Slot>[] {
  const spans: Span<Slot>[] = [];
  const color = findColor(tokens, keys);
  if (color) spans.push({ ...color, value: "color" });
  const size = findSize(tokens, keys);
  if (size) spans.push({ ...size, value: "size" });
  const blocked = blockedBy(tokens.length, spans);
  const qty = extractQuantity(tokens, blocked);
  if (qty) spans.push({ start: qty.start, end: qty.end, value: "qty" });
  for (const c of findCategories(keys)) if (!overlaps(c, spans)) spans.push({ ...c, value: "category" });
  return spans;
}

export const overlaps = (
  a: { start: number; end: number },
  spans: readonly { start: number; end: number }[],
) => spans.some((s) => s.start < a.end && a.start < s.end);

export function blockedBy(length: number, spans: readonly { start: number; end: number }[]): boolean[] {
  const blocked = new Array<boolean>(length).fill(false);
  for (const s of spans) for (let i = s.start; i < s.end; i++) blocked[i] = true;
  return blocked;
}
