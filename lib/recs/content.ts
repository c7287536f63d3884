/**
 * Content similarity between products, and between a query and products: TF-IDF over category, tags,
 * brand, attributes and title/description words, each field weighted, vectors L2-normalised (cosine 0‥1).
 *
 * Words are read from every locale the product has: a shopper writing Indonesian still matches a product whose
 * Indonesian title says "pantai". Latin words are folded (case, diacritics) and crudely singularised; Han
 * characters count one by one (Chinese has no spaces).
 */
import type { LocalizedText, Product } from "../catalog/types";

/** A sparse L2-normalised vector: feature numbers ascending, their weights. */
export interface Vector {
  idx: Int32Array;
  val: Float64Array;
}

/** Relative weight of each field: a shared category says more than a shared description word. */
const FIELD = { cat: 3, tag: 1.5, brand: 1.5, attr: 1, title: 1, text: 0.4 } as const;

const STOPWORDS = new Set(
  (
    "the and for with this that from your you are our its into has have will can all any more most very " +
    "not but out one two its also made make makes each per such than then them they their which while " +
    "what when where who how yang dan untuk dengan ang mga para sa ng na"
  ).split(" "),
);

const HAN = /\p{Script=Han}/u;

/** Folded, singularised word tokens of a text (Han characters one by one). */
export function words(text: string): string[] {
  const out: string[] = [];
  const folded = text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  for (const raw of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (raw === "") continue;
    if (HAN.test(raw)) {
      for (const ch of raw) if (HAN.test(ch)) out.push(ch);
      continue;
    }
    if (raw.length < 3 || STOPWORDS.has(raw)) continue;
    // "shoes" → "shoe", "glasses" → "glass", "accessories" → "accessori": the same crude rule on both
    // sides is all a match needs.
    let w = raw;
    if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}i`;
    else if (w.endsWith("sses")) w = w.slice(0, -2);
    else if (w.endsWith("s") && !w.endsWith("ss") && w.length > 3) w = w.slice(0, -1);
    out.push(w);
  }
  return out;
}

const texts = (t: LocalizedText | undefined): string =>
  t
    ? Object.values(t)
        .filter((s): s is string => typeof s === "string")
        .join(" ")
    : "";

/** Raw (unweighted by IDF) features of a product. */
export function productFeatures(p: Product): Map<string, number> {
  const f = new Map<string, number>();
  const add = (key: string, w: number) => f.set(key, Math.max(f.get(key) ?? 0, w));
  const category = p.category.toLowerCase();
  add(`cat:${category}`, FIELD.cat);
  for (const w of words(category.replace(/-/g, " "))) add(`w:${w}`, FIELD.title);
  for (const t of p.tags) {
    add(`tag:${t.toLowerCase()}`, FIELD.tag);
    for (const w of words(t)) add(`w:${w}`, FIELD.title);
  }
  if (p.brand) add(`brand:${p.brand.toLowerCase()}`, FIELD.brand);
  for (const [k, v] of Object.entries(p.attributes)) {
    add(`attr:${k.toLowerCase()}=${v.toLowerCase()}`, FIELD.attr);
    for (const w of words(v)) add(`w:${w}`, FIELD.text);
  }
  for (const w of words(texts(p.title))) add(`w:${w}`, FIELD.title);
  for (const w of words(texts(p.description))) add(`w:${w}`, FIELD.text);
  return f;
}

/** What the shopper asked for, in the same feature space. */
export interface Query {
  category?: string;
  tags?: string[];
  text?: string;
}

export function queryFeatures(q: Query): Map<string, number> {
  const f = new Map<string, number>();
  const add = (key: string, w: number) => f.set(key, Math.max(f.get(key) ?? 0, w));
  if (q.category) add(`cat:${q.category.toLowerCase()}`, FIELD.cat);
  for (const t of q.tags ?? []) {
    add(`tag:${t.toLowerCase()}`, FIELD.tag);
    for (const w of words(t)) add(`w:${w}`, FIELD.title);
  }
  // A free-text word may name a tag ("beach") as well as appear in titles.
  for (const w of words(q.text ?? "")) {
    add(`w:${w}`, FIELD.title);
    add(`tag:${w}`, FIELD.tag);
  }
  return f;
}

/** Feature numbers and inverse document frequencies of a catalogue. */
export interface Vocabulary {
  ids: Map<string, number>;
  idf: Float64Array;
}

export function vocabularyOf(features: ReadonlyArray<Map<string, number>>): Vocabulary {
  const df = new Map<string, number>();
  for (const f of features) for (const k of f.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = features.length;
  const ids = new Map<string, number>();
  const idf = new Float64Array(df.size);
  for (const [k, d] of df) {
    idf[ids.size] = Math.log(1 + n / d);
    ids.set(k, ids.size);
  }
  return { ids, idf };
}

/** Weighted by IDF (features the catalogue never has are dropped) and L2-normalised. */
export function toVector(features: Map<string, number>, vocab: Vocabulary): Vector {
  const pairs: Array<[number, number]> = [];
  let norm = 0;
  for (const [k, w] of features) {
    const id = vocab.ids.get(k);
    if (id === undefined) continue;
    const x = w * (vocab.idf[id] ?? 0);
    pairs.push([id, x]);
    norm += x * x;
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return {
    idx: Int32Array.from(pairs, (p) => p[0]),
    val: Float64Array.from(pairs, (p) => p[1] * s),
  };
}

/** Cosine of two normalised vectors: a merge over their ascending feature numbers. */
export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let i = 0;
  let j = 0;
  const ai = a.idx;
  const bi = b.idx;
  while (i < ai.length && j < bi.length) {
    const x = ai[i] as number;
    const y = bi[j] as number;
    if (x === y) dot += (a.val[i++] as number) * (b.val[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return dot;
}
