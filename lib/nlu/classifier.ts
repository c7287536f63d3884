/**
 * The learned part of intent recognition: TF-IDF vectors over word keys, word and Han bigrams, character
 * trigrams, policy concepts, lexicon cues and entity slots ({product}, {color}, …), compared by cosine
 * similarity with the training examples (k nearest neighbours per class). Merchant answers' example
 * questions are scored by the same vectors, so "ongkir berapa?" finds the shipping answer written in English
 * through the shared `ship` concept.
 */

export type Features = Map<string, number>;

export interface Doc<L extends string> {
  label: L;
  features: Features;
}

/** Inverse document frequencies learnt from the training examples, shared by every scorer. */
export class Idf {
  private readonly idf = new Map<string, number>();
  readonly unseen: number;

  constructor(docs: readonly Features[]) {
    const df = new Map<string, number>();
    for (const d of docs) for (const f of d.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    const n = docs.length;
    for (const [f, c] of df) this.idf.set(f, Math.log((n + 1) / (c + 1)) + 1);
    this.unseen = Math.log(n + 1) + 1;
  }

  get(feature: string): number {
    return this.idf.get(feature) ?? this.unseen;
  }

  known(feature: string): boolean {
    return this.idf.has(feature);
  }

  /** The unit TF-IDF vector of raw feature weights. */
  vector(features: Features): Features {
    const out: Features = new Map();
    let norm = 0;
    for (const [f, w] of features) {
      const v = w * this.get(f);
      out.set(f, v);
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [f, v] of out) out.set(f, v / norm);
    return out;
  }
}

/** Cosine similarity of a query to labelled documents through an inverted index. */
export class NearestNeighbours<L extends string> {
  private readonly postings = new Map<string, { docs: Int32Array; values: Float64Array }>();
  private readonly labels: L[] = [];
  /** one accumulator reused by every query: `similarities` runs thousands of times per second */
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;

  constructor(idf: Idf, docs: readonly Doc<L>[]) {
    const lists = new Map<string, { doc: number; value: number }[]>();
    for (const d of docs) {
      const id = this.labels.length;
      this.labels.push(d.label);
      for (const [f, value] of idf.vector(d.features)) {
        const list = lists.get(f);
        if (list) list.push({ doc: id, value });
        else lists.set(f, [{ doc: id, value }]);
      }
    }
    for (const [f, list] of lists) {
      this.postings.set(f, {
        docs: Int32Array.from(list, (p) => p.doc),
        values: Float64Array.from(list, (p) => p.value),
      });
    }
    this.scores = new Float64Array(this.labels.length);
    this.touched = new Int32Array(this.labels.length);
  }

  get size(): number {
    return this.labels.length;
  }

  /** Calls `visit` with every document sharing a feature with the query and its similarity. */
  private similarities(query: Features, visit: (label: L, similarity: number) => void): void {
    const { scores, touched } = this;
    let n = 0;
    for (const [f, q] of query) {
      const list = this.postings.get(f);
      if (!list) continue;
      const { docs, values } = list;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i] ?? 0;
        if (scores[doc] === 0) touched[n++] = doc;
        scores[doc] = (scores[doc] ?? 0) + q * (values[i] ?? 0);
      }
    }
    for (let i = 0; i < n; i++) {
      const doc = touched[i] ?? 0;
      visit(this.labels[doc] as L, scores[doc] ?? 0);
      scores[doc] = 0;
    }
  }

  /** The most similar document's label and similarity. */
  best(query: Features): { label: L; similarity: number } | undefined {
    let out: { label: L; similarity: number } | undefined;
    this.similarities(query, (label, similarity) => {
      if (!out || similarity > out.similarity) out = { label, similarity };
    });
    return out;
  }

  /** A score per label: the best three neighbours of that label, the nearest counting most. */
  classify(query: Features): Map<L, number> {
    const top = new Map<L, [number, number, number]>();
    this.similarities(query, (label, s) => {
      const t = top.get(label);
      if (!t) top.set(label, [s, 0, 0]);
      else if (s > t[0]) top.set(label, [s, t[0], t[1]]);
      else if (s > t[1]) top.set(label, [t[0], s, t[1]]);
      else if (s > t[2]) t[2] = s;
    });
    const out = new Map<L, number>();
    for (const [label, [a, b, c]] of top) out.set(label, 0.6 * a + 0.25 * b + 0.15 * c);
    return out;
  }
}
