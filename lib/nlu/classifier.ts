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

/**
 * Labelled documents as one sparse matrix: each document's features (by column, the order features were
 * first seen in) and raw weights, in the order they were first added to it, as a `Features` map keeps them.
 * Thousands of training documents at cold start as a few flat arrays rather than a map each.
 */
export class DocMatrix<L extends string> {
  readonly columnOf = new Map<string, number>();
  readonly names: string[] = [];
  readonly labels: L[] = [];
  /** document d's entries are `columns` and `weights` from `starts[d]` to `starts[d + 1]` */
  readonly starts: number[] = [0];
  readonly columns: number[] = [];
  readonly weights: number[] = [];
  /** per column, the last document that has it and where (to add to a feature named twice) */
  private readonly lastDoc: number[] = [];
  private readonly lastAt: number[] = [];

  /** Starts a document; `add` then gives its features. */
  begin(label: L): void {
    this.labels.push(label);
    this.starts.push(this.columns.length);
  }

  /** Adds `w` to a feature of the current document, as `features.set(f, (features.get(f) ?? 0) + w)`. */
  readonly add = (feature: string, w: number): void => {
    const doc = this.labels.length - 1;
    const { columns, weights } = this;
    let column = this.columnOf.get(feature);
    if (column === undefined) {
      column = this.names.length;
      this.columnOf.set(feature, column);
      this.names.push(feature);
      this.lastDoc.push(-1);
      this.lastAt.push(0);
    }
    if (this.lastDoc[column] === doc) {
      const at = this.lastAt[column] ?? 0;
      weights[at] = (weights[at] ?? 0) + w;
    } else {
      this.lastDoc[column] = doc;
      this.lastAt[column] = columns.length;
      columns.push(column);
      weights.push(0 + w);
    }
    this.starts[doc + 1] = columns.length;
  };

  /** Adds a whole document. */
  push(label: L, features: Features): void {
    this.begin(label);
    for (const [f, w] of features) this.add(f, w);
  }

  get size(): number {
    return this.labels.length;
  }
}

/** Inverse document frequencies learnt from the training examples, shared by every scorer. */
export class Idf {
  private readonly idf = new Map<string, number>();
  readonly unseen: number;

  /** From the documents' features, or from each feature's document count among `n` documents. */
  constructor(docs: readonly Features[] | { df: Iterable<[string, number]>; n: number }) {
    let df: Iterable<[string, number]>;
    let n: number;
    if (Array.isArray(docs)) {
      const counts = new Map<string, number>();
      for (const d of docs as readonly Features[])
        for (const f of d.keys()) counts.set(f, (counts.get(f) ?? 0) + 1);
      df = counts;
      n = docs.length;
    } else ({ df, n } = docs as { df: Iterable<[string, number]>; n: number });
    for (const [f, c] of df) this.idf.set(f, Math.log((n + 1) / (c + 1)) + 1);
    this.unseen = Math.log(n + 1) + 1;
  }

  /** The idf of the first `n` documents of a matrix: `new Idf` of their features. */
  static fromMatrix(matrix: DocMatrix<string>, n: number = matrix.size): Idf {
    const df = new Array<number>(matrix.names.length).fill(0);
    const end = matrix.starts[n] ?? 0;
    for (let k = 0; k < end; k++) {
      const column = matrix.columns[k] ?? 0;
      df[column] = (df[column] ?? 0) + 1;
    }
    // columns are numbered in the order features were first seen, the order `new Idf` counts them in
    const counts: [string, number][] = [];
    for (const [column, c] of df.entries()) if (c > 0) counts.push([matrix.names[column] as string, c]);
    return new Idf({ df: counts, n });
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

  /**
   * From labelled documents, or from documents of a matrix: `docs` picks and orders them (all of them, in
   * order, by default).
   */
  constructor(idf: Idf, source: readonly Doc<L>[] | { matrix: DocMatrix<L>; docs?: readonly number[] }) {
    let matrix: DocMatrix<L>;
    let picked: readonly number[] | undefined;
    if (Array.isArray(source)) {
      matrix = new DocMatrix<L>();
      for (const d of source as readonly Doc<L>[]) matrix.push(d.label, d.features);
    } else ({ matrix, docs: picked } = source as { matrix: DocMatrix<L>; docs?: readonly number[] });
    const docs = picked ?? Array.from({ length: matrix.size }, (_, i) => i);
    const { starts, columns, weights, names } = matrix;
    // Rows in the order the picked documents first name their features; a value is `idf.vector`'s: the
    // weight times the idf over the norm summed in the document's feature order.
    const rowOfColumn = new Int32Array(names.length).fill(-1);
    const counts: number[] = [];
    const idfOfRow: number[] = [];
    for (const d of docs) {
      for (let k = starts[d] ?? 0; k < (starts[d + 1] ?? 0); k++) {
        const column = columns[k] ?? 0;
        let row = rowOfColumn[column] ?? -1;
        if (row < 0) {
          row = counts.length;
          rowOfColumn[column] = row;
          const name = names[column] as string;
          this.rowOf.set(name, row);
          counts.push(0);
          idfOfRow.push(idf.get(name));
        }
        counts[row] = (counts[row] ?? 0) + 1;
      }
    }
    this.starts = new Int32Array(counts.length + 1);
    const next = new Int32Array(counts.length);
    for (let row = 0; row < counts.length; row++) {
      next[row] = this.starts[row] ?? 0;
      this.starts[row + 1] = (this.starts[row] ?? 0) + (counts[row] ?? 0);
    }
    const total = this.starts[counts.length] ?? 0;
    this.docIds = new Int32Array(total);
    this.values = new Float64Array(total);
    let scratch = new Float64Array(64);
    for (const [id, d] of docs.entries()) {
      this.labels.push(matrix.labels[d] as L);
      const first = starts[d] ?? 0;
      const end = starts[d + 1] ?? 0;
      if (end - first > scratch.length) scratch = new Float64Array(2 * (end - first));
      let norm = 0;
      for (let k = first; k < end; k++) {
        const v = (weights[k] ?? 0) * (idfOfRow[rowOfColumn[columns[k] ?? 0] ?? 0] ?? 0);
        scratch[k - first] = v;
        norm += v * v;
      }
      norm = Math.sqrt(norm) || 1;
      for (let k = first; k < end; k++) {
        const row = rowOfColumn[columns[k] ?? 0] ?? 0;
        const at = next[row] ?? 0;
        next[row] = at + 1;
        this.docIds[at] = id;
        this.values[at] = (scratch[k - first] ?? 0) / norm;
      }
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
