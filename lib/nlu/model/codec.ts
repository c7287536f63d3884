/**
 * The generated static model's format (data.ts): each training example as its tokens and the slots the
 * lexicons found in them, one line of text per example. See static.ts for why.
 */
import { PRODUCT_TOKEN, type Slot, type SlotMarks } from "../features";
import { ARABIC_RE, HAN_RE, keyOf, type Script, type Token } from "../text";
import type { QuestionKind } from "../types";
import { INTENTS, type Intent } from "../types";

/**
 * The training examples as read by the lexicons, in the classifier's order: locale by locale, intent by
 * intent (the order of `INTENTS`).
 */
export interface StaticModelData {
  /** [locale, intent, its examples: one `encodeExample` line each] */
  examples: [string, Intent, string][];
  /**
   * The topic reader's examples, one a line: `topic index`, the index of the policy question of the
   * training examples with the same text, or `topic =encoded example` when there is none.
   */
  topics: string;
}

/**
 * What data.ts keeps of an example: its tokens, the slots (colour, size, quantity, category, product) and
 * the kind of question, the costly part of reading it. The cue intents and concepts are plain lookups of the
 * keys and are looked up again at load (`cueMarks`).
 */
export interface StoredExample extends SlotMarks {
  tokens: Token[];
  kind?: QuestionKind;
}

const SLOT_LETTER: Record<Slot, string> = {
  product: "p",
  category: "k",
  color: "c",
  size: "s",
  qty: "q",
  num: "n",
};
const LETTER_SLOT = new Map<string, Slot>(
  Object.entries(SLOT_LETTER).map(([slot, letter]) => [letter, slot as Slot]),
);
const SYMBOLS = new Set(["$", "€", "£", "¥", "₱", "#", "%"]);
/** the `{product}` placeholder */
const PRODUCT = "§";

/** The script of a token's text, as the tokenizer assigned it (the encoder checks that it does). */
function scriptOf(text: string): Script {
  const c = text.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return "num";
  if (SYMBOLS.has(text)) return "sym";
  if (ARABIC_RE.test(text[0] ?? "")) return "ara";
  if (HAN_RE.test(text[0] ?? "")) return "han";
  return "lat";
}

/**
 * One example as text: its tokens separated by spaces (`§` for the product placeholder), each followed by
 * `^x` where a slot span starts on it or `~x` inside one (x: p product, k category, c colour, s size, q
 * quantity, n number); then, for a question about a product, ` > ` and its kind (`> Q:price`). A token's
 * key and script follow from its text (`keyOf`). Tokens hold no spaces, `^`, `~`, `>` or `§` (the tokenizer
 * drops punctuation and symbols other than `$€£¥₱#%`); the encoder checks all of this.
 */
export function encodeExample(example: StoredExample): string {
  const { tokens, slotAt, spanStart, kind } = example;
  const parts = tokens.map((t, i) => {
    const slot = slotAt[i];
    let out: string;
    if (t === PRODUCT_TOKEN) {
      if (slot !== "product") throw new Error("the product placeholder must be a product slot");
      out = PRODUCT;
      if (spanStart[i]) out += "^p";
      return out;
    }
    if (
      /[\s^~>§]/.test(t.text) ||
      t.text === "" ||
      scriptOf(t.text) !== t.script ||
      keyOf(t.text, t.script) !== t.key
    )
      throw new Error(`token ${JSON.stringify(t)} cannot be encoded`);
    out = t.text;
    if (slot) out += `${spanStart[i] ? "^" : "~"}${SLOT_LETTER[slot]}`;
    else if (spanStart[i]) throw new Error("a span starts on a token without a slot");
    return out;
  });
  return kind ? `${parts.join(" ")} > Q:${kind}` : parts.join(" ");
}

/**
 * Reads one line back. `tokens` shares the token of a text between the examples decoded with it (tokens are
 * never changed, and the same words recur: half the work of a cold start's decoding).
 */
export function decodeExample(line: string, known: Map<string, Token> = new Map()): StoredExample {
  const cut = line.indexOf(" > ");
  const body = cut < 0 ? line : line.slice(0, cut);
  const tokens: Token[] = [];
  const slotAt: (Slot | undefined)[] = [];
  const spanStart: boolean[] = [];
  for (const part of body === "" ? [] : body.split(" ")) {
    let text = part;
    let slot: Slot | undefined;
    let start = false;
    const mark = part.length >= 2 ? part[part.length - 2] : undefined;
    if (mark === "^" || mark === "~") {
      slot = LETTER_SLOT.get(part[part.length - 1] ?? "");
      start = mark === "^";
      text = part.slice(0, -2);
    }
    spanStart.push(start);
    if (text === PRODUCT) {
      tokens.push(PRODUCT_TOKEN);
      slotAt.push("product");
      continue;
    }
    slotAt.push(slot);
    let token = known.get(text);
    if (!token) {
      const script = scriptOf(text);
      token = { text, key: keyOf(text, script), raw: text, script, glued: false };
      known.set(text, token);
    }
    tokens.push(token);
  }
  const out: StoredExample = { tokens, slotAt, spanStart };
  if (cut >= 0) {
    const extra = line.slice(cut + 3);
    if (extra.startsWith("Q:")) out.kind = extra.slice(2) as QuestionKind;
  }
  return out;
}

/** A decoded training example with its locale and intent. */
export interface TrainingExample extends StoredExample {
  locale: string;
  intent: Intent;
}

/** The training examples of `data`, decoded, in order. */
export function trainingExamples(data: StaticModelData): TrainingExample[] {
  const out: TrainingExample[] = [];
  const tokens = new Map<string, Token>();
  for (const [locale, intent, lines] of data.examples) {
    if (!INTENTS.includes(intent)) throw new Error(`no intent ${intent}`);
    for (const line of lines.split("\n")) out.push({ locale, intent, ...decodeExample(line, tokens) });
  }
  return out;
}

/** The topic examples of `data`: a topic and a training example's index, or an example of its own. */
export function topicExamples(data: StaticModelData): { topic: string; ref: number | StoredExample }[] {
  if (data.topics === "") return [];
  return data.topics.split("\n").map((line) => {
    const space = line.indexOf(" ");
    const topic = line.slice(0, space);
    const ref = line.slice(space + 1);
    return { topic, ref: ref.startsWith("=") ? decodeExample(ref.slice(1)) : Number(ref) };
  });
}

const PRODUCT_WORD: Token = { text: "product", key: "product", raw: "product", script: "lat", glued: false };

/** The tokens of the training examples of one locale, with `{product}` read as the word "product". */
export function* localeTokens(data: StaticModelData, locale: string): Iterable<Token[]> {
  const tokens = new Map<string, Token>();
  for (const [l, , lines] of data.examples) {
    if (l !== locale) continue;
    for (const line of lines.split("\n"))
      yield decodeExample(line, tokens).tokens.map((t) => (t === PRODUCT_TOKEN ? PRODUCT_WORD : t));
  }
}
