/**
 * The static model: the spelling corrector's vocabulary and the intent and topic classifiers, learnt from
 * the training examples (lib/nlu/training) and the lexicons.
 *
 * Reading 2,600 training examples through the lexicons (tokens, colour, size, quantity and category slots,
 * cues, concepts, the kind of question) took most of the 200-odd ms a container's first message paid for
 * the model. That reading does not change between deployments of the same code, so it is done when the
 * code is written: `npm run build:nlu` (generate.ts) stores each example's tokens and marks in data.ts, a
 * test checks that data.ts is what the generator makes of the current training examples and lexicons, and
 * a cold start only counts features, idf and postings from it (`loadStaticModel`), with the very same
 * functions as before, so the model is identical (another test compares it with the one built the old way).
 * The bundles no longer carry the training examples themselves.
 */
import { DocMatrix, Idf, NearestNeighbours } from "../classifier";
import { countFeaturesInto, cueMarks, type Marks } from "../features";
import { DeletionIndex } from "../fuzzy";
import { FILLER, LANGUAGE_NAMES } from "../language";
import type { PhraseLexicon } from "../lexicon";
import { quantityWords } from "../quantity";
import type { Intent } from "../types";
import { COLORS, SIZE_MARKERS, SIZES } from "../vocab/attributes";
import { CATEGORY_WORDS } from "../vocab/categories";
import { CONCEPTS, INTENT_CUES, QUESTION_KINDS } from "../vocab/cues";
import { STOPWORDS } from "../vocab/stopwords";
import { type StaticModelData, type StoredExample, topicExamples, trainingExamples } from "./codec";

export interface StaticModel {
  known: Set<string>;
  vocab: DeletionIndex;
  idf: Idf;
  intents: NearestNeighbours<Intent>;
  /** policy questions by topic: names the topic of a question no lexicon word gives away */
  topics: NearestNeighbours<string>;
}

/**
 * The words the spelling corrector knows: the lexicons' and the training examples' Latin and Arabic keys,
 * and its deletion index.
 */
function vocabulary(trainingKeys: Iterable<string>): Pick<StaticModel, "known" | "vocab"> {
  const known = new Set<string>(STOPWORDS);
  const lexicons = [
    INTENT_CUES,
    QUESTION_KINDS,
    CONCEPTS,
    COLORS,
    SIZES,
    SIZE_MARKERS,
    CATEGORY_WORDS,
    LANGUAGE_NAMES,
  ];
  for (const lex of lexicons) for (const w of (lex as PhraseLexicon<unknown>).words()) known.add(w);
  for (const w of quantityWords()) known.add(w);
  for (const w of FILLER) known.add(w);
  for (const k of trainingKeys) known.add(k);
  // the corrector's deletion index is built the first time a message has a word it does not know
  const vocab = new DeletionIndex(function* () {
    for (const w of known) if (w.length >= 5 && !/[\u3400-\u9FFF]/.test(w)) yield w;
  });
  return { known, vocab };
}

/** The model from labelled feature maps (the build from the training examples themselves, generate.ts). */
export function assembleStaticModel(
  trainingKeys: Iterable<string>,
  docs: { label: Intent; features: Map<string, number> }[],
  topicDocs: { label: string; features: Map<string, number> }[],
): StaticModel {
  const idf = new Idf(docs.map((d) => d.features));
  return {
    ...vocabulary(trainingKeys),
    idf,
    intents: new NearestNeighbours(idf, docs),
    topics: new NearestNeighbours(idf, topicDocs),
  };
}

/** An example's features from what data.ts keeps of it, its cue phrases and concepts looked up again. */
function addExample(matrix: DocMatrix<string>, label: string, example: StoredExample): void {
  const { tokens, slotAt, spanStart, kind } = example;
  const keys = tokens.map((t) => t.key);
  const { cueIntents, concepts } = cueMarks(keys);
  const marks: Marks = { slotAt, spanStart, cueIntents, concepts, ...(kind ? { kind } : {}) };
  matrix.begin(label);
  countFeaturesInto(matrix.add, tokens, keys, marks);
}

/**
 * The model from the generated data: features counted from the stored tokens and slots into one matrix
 * (the training examples, then any topic example that is not one of them), idf and neighbours from it.
 */
export function loadStaticModel(data: StaticModelData): StaticModel {
  const keys: string[] = [];
  const matrix = new DocMatrix<string>();
  for (const example of trainingExamples(data)) {
    for (const t of example.tokens) if (t.script === "lat" || t.script === "ara") keys.push(t.key);
    addExample(matrix, example.intent, example);
  }
  const n = matrix.size;
  const topicDocs: number[] = [];
  for (const { topic, ref } of topicExamples(data)) {
    if (typeof ref === "number") {
      if (ref >= n) throw new Error(`no training example #${ref}`);
      // the same features under the topic's label
      matrix.begin(topic);
      const from = matrix.starts[ref] ?? 0;
      const to = matrix.starts[ref + 1] ?? 0;
      for (let k = from; k < to; k++)
        matrix.add(matrix.names[matrix.columns[k] ?? 0] as string, matrix.weights[k] ?? 0);
    } else addExample(matrix, topic, ref);
    topicDocs.push(matrix.size - 1);
  }
  const idf = Idf.fromMatrix(matrix, n);
  const intentDocs = Array.from({ length: n }, (_, i) => i);
  return {
    ...vocabulary(keys),
    idf,
    intents: new NearestNeighbours(idf, { matrix: matrix as DocMatrix<Intent>, docs: intentDocs }),
    topics: new NearestNeighbours(idf, { matrix, docs: topicDocs }),
  };
}
