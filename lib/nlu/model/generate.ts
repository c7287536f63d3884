/**
 * `npm run build:nlu`: reads the training examples through the lexicons and writes lib/nlu/model/data.ts,
 * which the bundles load instead of the examples (see static.ts). Run it after changing the training
 * examples or a lexicon; tests/unit/nlu/model.test.ts fails while data.ts is stale.
 * `npm run build:nlu -- --check` only says whether it is.
 *
 * Also the model built the way it was before data.ts (straight from the training examples), which the test
 * compares with the one loaded from data.ts. Imported by tests and this script only: never by the bundles.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyse, exampleTokens, type Marks, markTokens } from "../features";
import type { LatinLocale } from "../language";
import { type Token, tokenize } from "../text";
import { TOPIC_EXAMPLES, TRAINING } from "../training";
import { INTENTS, type Intent } from "../types";
import { decodeExample, encodeExample, type StaticModelData } from "./codec";
import { assembleStaticModel, type StaticModel } from "./static";

const HERE = dirname(fileURLToPath(import.meta.url));
export const DATA_FILE = join(HERE, "data.ts");

const sameToken = (a: Token, b: Token) => a.text === b.text && a.key === b.key && a.script === b.script;

/** Reads an example through the lexicons, encodes it and checks that it decodes to the same tokens and slots. */
function encodeText(text: string): string {
  const tokens = exampleTokens(text);
  const marks: Marks = markTokens(tokens);
  const line = encodeExample({ tokens, ...marks });
  const back = decodeExample(line);
  const same =
    back.tokens.length === tokens.length &&
    back.tokens.every((t, i) => sameToken(t, tokens[i] as Token)) &&
    JSON.stringify([back.slotAt, back.spanStart, back.kind]) ===
      JSON.stringify([marks.slotAt, marks.spanStart, marks.kind]);
  if (!same) throw new Error(`training example ${JSON.stringify(text)} does not survive its encoding`);
  return line;
}

/** The training examples read through the lexicons, as data.ts holds them. */
export function generateStaticModelData(): StaticModelData {
  const examples: StaticModelData["examples"] = [];
  const faqIndex = new Map<string, number>();
  let n = 0;
  for (const [locale, perIntent] of Object.entries(TRAINING)) {
    for (const intent of INTENTS) {
      const lines = perIntent[intent].map((text) => {
        // the topic reader reuses a policy question's features: the last one with that text, as before
        if (intent === "faq") faqIndex.set(text, n);
        n++;
        return encodeText(text);
      });
      if (lines.length > 0) examples.push([locale, intent, lines.join("\n")]);
    }
  }
  const topics = TOPIC_EXAMPLES.map(({ topic, text }) => {
    if (/\s/.test(topic) || topic === "") throw new Error(`topic ${JSON.stringify(topic)} cannot be encoded`);
    const index = faqIndex.get(text);
    if (index !== undefined) return `${topic} ${index}`;
    return `${topic} =${encodeText(text)}`;
  });
  return { examples, topics: topics.join("\n") };
}

/** The classifier's documents read straight from the training examples, as before data.ts. */
export function referenceDocs() {
  const keys: string[] = [];
  const docs: { label: Intent; features: Map<string, number> }[] = [];
  const byText = new Map<string, Map<string, number>>();
  for (const perIntent of Object.values(TRAINING)) {
    for (const intent of INTENTS) {
      for (const text of perIntent[intent]) {
        const tokens = exampleTokens(text);
        for (const t of tokens) if (t.script === "lat" || t.script === "ara") keys.push(t.key);
        const features = analyse(tokens, undefined).features;
        if (intent === "faq") byText.set(text, features);
        docs.push({ label: intent, features });
      }
    }
  }
  const topicDocs = TOPIC_EXAMPLES.map(({ topic, text }) => ({
    label: topic,
    features: byText.get(text) ?? analyse(exampleTokens(text), undefined).features,
  }));
  return { keys, docs, topicDocs };
}

/** The static model built straight from the training examples, as before data.ts. */
export function referenceStaticModel(): StaticModel {
  const { keys, docs, topicDocs } = referenceDocs();
  return assembleStaticModel(keys, docs, topicDocs);
}

/**
 * The language profiles as language.ts built them before data.ts: every trigram of every Latin word of the
 * training examples' text, counted one by one.
 */
export function referenceProfiles() {
  const out: Record<string, { logp: Map<string, number>; unseen: number }> = {};
  for (const locale of ["en", "tl", "id"] as LatinLocale[]) {
    const counts = new Map<string, number>();
    let total = 0;
    for (const examples of Object.values(TRAINING[locale])) {
      for (const ex of examples) {
        for (const t of tokenize(ex)) {
          if (t.script !== "lat") continue;
          const p = ` ${t.text} `;
          for (let i = 0; i + 3 <= p.length; i++) {
            const g = p.slice(i, i + 3);
            counts.set(g, (counts.get(g) ?? 0) + 1);
            total++;
          }
        }
      }
    }
    const vocab = counts.size + 1000;
    const logp = new Map<string, number>();
    for (const [g, c] of counts) logp.set(g, Math.log((c + 1) / (total + vocab)));
    out[locale] = { logp, unseen: Math.log(1 / (total + vocab)) };
  }
  return out;
}

/** A locale's training examples as a module of its own (before the formatter). */
function renderLocaleModule(locale: string, examples: StaticModelData["examples"]): string {
  const blocks = examples.map(
    ([, intent, lines]) => `  [${JSON.stringify(locale)}, ${JSON.stringify(intent)}, ${literal(lines)}],`,
  );
  return [
    "/**",
    ` * GENERATED by \`npm run build:nlu\` (lib/nlu/model/generate.ts) from lib/nlu/training/${locale}.ts and the`,
    " * lexicons: do not edit. The examples as the lexicons read them, one a line (format: codec.ts).",
    " */",
    'import type { StaticModelData } from "../codec";',
    "",
    'export const EXAMPLES: StaticModelData["examples"] = [',
    ...blocks,
    "];",
    "",
  ].join("\n");
}

function literal(s: string): string {
  if (/[`\\]|\$\{/.test(s)) throw new Error(`${JSON.stringify(s.slice(0, 40))} cannot be a template literal`);
  return `\`${s}\``;
}

/** Lines of examples a generated module holds at most (before the formatter spreads them). */
const PART_LINES = 300;

/** The locales in the order their examples come, each once. */
const localesOf = (data: StaticModelData): string[] => [...new Set(data.examples.map(([l]) => l))];

/** The generated modules' source texts by path (before the formatter): one per locale, and data.ts joining them. */
export function renderDataModules(data: StaticModelData): Map<string, string> {
  const locales = localesOf(data);
  const out = new Map<string, string>();
  const modules: string[] = [];
  for (const locale of locales) {
    // a locale with many examples is split at intent boundaries so no module passes ~400 lines
    const parts: StaticModelData["examples"][] = [[]];
    let lines = 0;
    for (const example of data.examples.filter(([l]) => l === locale)) {
      const size = example[2].split("\n").length + 3;
      const last = parts[parts.length - 1] as StaticModelData["examples"];
      if (lines + size > PART_LINES && last.length > 0) {
        parts.push([example]);
        lines = size;
      } else {
        last.push(example);
        lines += size;
      }
    }
    parts.forEach((examples, i) => {
      const name = parts.length === 1 ? locale : `${locale}${i + 1}`;
      modules.push(name);
      out.set(join(HERE, "data", `${name}.ts`), renderLocaleModule(locale, examples));
    });
  }
  out.set(
    DATA_FILE,
    [
      "/**",
      " * GENERATED by `npm run build:nlu` (lib/nlu/model/generate.ts): do not edit. The static model: each locale's",
      " * training examples (data/{locale}.ts) and the topic reader's examples (format: codec.ts).",
      " */",
      'import type { StaticModelData } from "./codec";',
      ...modules.map((m) => `import { EXAMPLES as ${m} } from "./data/${m}";`),
      "",
      "export const STATIC_MODEL_DATA: StaticModelData = {",
      `  examples: [${modules.map((m) => `...${m}`).join(", ")}],`,
      `  topics: ${literal(data.topics)},`,
      "};",
      "",
    ].join("\n"),
  );
  return out;
}

/** Writes data.ts and the locale modules, and formats them as the repository does. */
export function writeDataModule(data: StaticModelData = generateStaticModelData()): void {
  const files = renderDataModules(data);
  mkdirSync(join(HERE, "data"), { recursive: true });
  for (const [path, text] of files) writeFileSync(path, text);
  const root = join(HERE, "../../..");
  const biome = spawnSync(join(root, "node_modules/.bin/biome"), ["format", "--write", ...files.keys()], {
    cwd: root,
    encoding: "utf8",
  });
  if (biome.status !== 0) throw new Error(`biome format failed:\n${biome.stdout}${biome.stderr}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const data = generateStaticModelData();
  if (process.argv.includes("--check")) {
    const { STATIC_MODEL_DATA } = await import("./data");
    const stale = JSON.stringify(STATIC_MODEL_DATA) !== JSON.stringify(data);
    console.log(
      stale ? "lib/nlu/model/data.ts is stale: run npm run build:nlu" : "lib/nlu/model/data.ts is current",
    );
    process.exitCode = stale ? 1 : 0;
  } else {
    const before = readFileSync(DATA_FILE, "utf8");
    writeDataModule(data);
    const after = readFileSync(DATA_FILE, "utf8");
    console.log(`${before === after ? "unchanged" : "wrote"} ${DATA_FILE} (${after.length} characters)`);
  }
}
