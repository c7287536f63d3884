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
  /**
   * The inverted index, one row per feature in a compressed layout: the documents that have the feature
   * `rowOf.get(f)` and its value in each are `docIds` and `values` from `starts[row]` to `starts[row + 1]`,
   * in document order. Three typed arrays, not two per feature: thousands of features at cold start.
   */
  private readonly rowOf = new Map<string, number>();
  private readonly starts: Int32Array;
  private readonly docIds: Int32Array;
  private readonly values: Float64Array;
  private readonly labels: L[] = [];
  /** one accumulator reused by every query: `similarities` runs thousands of times per second */
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;

  constructor(idf: Idf, docs: readonly Doc<L>[]) {
    // Two passes over the documents: rows and their lengths, then the values. A value is `idf.vector`'s:
    // the weight times the idf over the norm summed in the document's feature order.
    const { rowOf } = this;
    let total = 0;
    for (const d of docs) total += d.features.size;
    const rowAt = new Int32Array(total);
    const weightAt = new Float64Array(total);
    const counts: number[] = [];
    const idfOfRow: number[] = [];
    let p = 0;
    for (const d of docs) {
      for (const [f, w] of d.features) {
        let row = rowOf.get(f);
        if (row === undefined) {
          row = counts.length;
          rowOf.set(f, row);
          counts.push(0);
          idfOfRow.push(idf.get(f));
        }
        counts[row] = (counts[row] ?? 0) + 1;
        rowAt[p] = row;
        weightAt[p++] = w;
      }
    }
    this.starts = new Int32Array(counts.length + 1);
    const next = new Int32Array(counts.length);
    for (let row = 0; row < counts.length; row++) {
      next[row] = this.starts[row] ?? 0;
      this.starts[row + 1] = (this.starts[row] ?? 0) + (counts[row] ?? 0);
    }
    this.docIds = new Int32Array(total);
    this.values = new Float64Array(total);
    p = 0;
    for (const [id, d] of docs.entries()) {
      this.labels.push(d.label);
      const first = p;
      const end = p + d.features.size;
      let norm = 0;
      for (let k = first; k < end; k++) {
        const v = (weightAt[k] ?? 0) * (idfOfRow[rowAt[k] ?? 0] ?? 0);
        weightAt[k] = v;
        norm += v * v;
      }
      norm = Math.sqrt(norm) || 1;
      for (let k = first; k < end; k++) {
        const row = rowAt[k] ?? 0;
        const at = next[row] ?? 0;
        next[row] = at + 1;
        this.docIds[at] = id;
        this.values[at] = (weightAt[k] ?? 0) / norm;
      }
      p = end;
    }
    this.scores = new Float64Array(this.labels.length);
    this.touched = new Int32Array(this.labels.length);
  }

  get size(): number {
    return this.labels.length;
  }

  /** Every feature with its documents and values, in the order features were first seen (for tests). */
  *postings(): Iterable<[string, Int32Array, Float64Array]> {
    for (const [f, row] of this.rowOf) {
      const from = this.starts[row] ?? 0;
      const to = this.starts[row + 1] ?? 0;
      yield [f, this.docIds.subarray(from, to), this.values.subarray(from, to)];
    }
  }

  /** Calls `visit` with every document sharing a feature with the query and its similarity. */
  private similarities(query: Features, visit: (label: L, similarity: number) => void): void {
    const { scores, touched, docIds, values, starts } = this;
    let n = 0;
    for (const [f, q] of query) {
      const row = this.rowOf.get(f);
      if (row === undefined) continue;
      const to = starts[row + 1] ?? 0;
      for (let i = starts[row] ?? 0; i < to; i++) {
        const doc = docIds[i] ?? 0;
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
