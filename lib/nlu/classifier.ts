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

const UNSEEN_QUERY_IDF = 1.5;

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

  /** The unit TF-IDF vector of raw feature weights (a training document's: every feature is known). */
  vector(features: Features): Features {
    return this.weigh(features, this.unseen);
  }

  /**
   * The unit vector of a message. A feature no training example has (a name, an order id's neighbour, a
   * typo's character trigrams) weighs like a common one, not like the rarest: it still dilutes the
   * similarity of a message made mostly of unknown words ("asdf qwer"), but a long message with a few of
   * them is not pushed below every threshold.
   */
  query(features: Features): Features {
    return this.weigh(features, UNSEEN_QUERY_IDF);
  }

  private weigh(features: Features, unseen: number): Features {
    const out: Features = new Map();
    let norm = 0;
    for (const [f, w] of features) {
      const v = w * (this.idf.get(f) ?? unseen);
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
    // Two passes, counting then filling typed arrays: thousands of documents at cold start, no object per
    // posting.
    const vectors = docs.map((d) => idf.vector(d.features));
    const counts = new Map<string, number>();
    for (const v of vectors) for (const f of v.keys()) counts.set(f, (counts.get(f) ?? 0) + 1);
    const fill = new Map<string, number>();
    for (const [f, n] of counts) {
      this.postings.set(f, { docs: new Int32Array(n), values: new Float64Array(n) });
      fill.set(f, 0);
    }
    for (const [id, v] of vectors.entries()) {
      this.labels.push((docs[id] as Doc<L>).label);
      for (const [f, value] of v) {
        const list = this.postings.get(f);
        const at = fill.get(f) ?? 0;
        if (!list) continue;
        list.docs[at] = id;
        list.values[at] = value;
        fill.set(f, at + 1);
      }
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

  /** The best similarity of each label's documents. */
  bestByLabel(query: Features): Map<L, number> {
    const out = new Map<L, number>();
    this.similarities(query, (label, s) => {
      if (s > (out.get(label) ?? 0)) out.set(label, s);
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
