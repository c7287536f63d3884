/**
 * The index: what depends on the shop's products and answers (colour, size and category spellings, the
 * product matcher, the merchant answers' example questions and topics). Built by `buildIndex` when the
 * catalogue or the answers change (lib/catalog/cache.ts).
 */
import type { Answer, Product } from "../catalog/types";
import { type Features, type Idf, NearestNeighbours } from "./classifier";
import { type CatalogLexicons, findSize } from "./entities";
import { analyse, forAnswers } from "./features";
import { DeletionIndex } from "./fuzzy";
import { PhraseLexicon } from "./lexicon";
import { ProductIndex } from "./products";
import { staticModel } from "./staticModel";
import { tokenize, tokenizeCached } from "./text";
import { COLORS, SIZE_LETTERS } from "./vocab/attributes";
import { CATEGORY_WORDS } from "./vocab/categories";

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

export const colorOf = (p: Product) => p.attributes.color ?? p.attributes.colour;

/** The canonical colour of a catalogue value: "Navy Blue" → "navy"; unknown values stay as they are. */
export function canonicalColor(value: string): string {
  const tokens = tokenize(value);
  const m = COLORS.findAll(tokens.map((t) => t.key));
  const [first] = m;
  return first && m.length === 1 && first.start === 0 && first.end === tokens.length
    ? first.value
    : tokens.map((t) => t.text).join(" ");
}

/** The canonical size of a catalogue value: "Medium" → "M", "2XL" → "XXL", "42" → "42". */
export function canonicalSize(value: string): string {
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
export interface AnswerTopics {
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
export function topicScores(concepts: ReadonlySet<string>, topics: AnswerTopics): Map<string, number> {
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
