/**
 * `npm run eval:nlu`: how well lib/nlu reads shopper messages, on evaluation sets kept apart from its
 * training examples and lexicons (eval/nlu/messages.json in five languages; the English Bitext customer-
 * support sample mapped to our intents by eval/nlu/bitext-mapping.json), against the demo catalogue.
 *
 * Prints per locale: intent accuracy, product hit@1, quantity, attributes, category, FAQ answer and order id
 * accuracy, language detection on a first message; the Bitext set; a confusion summary of the most common errors (as
 * counts only: the sentences stay out of sight of whoever tunes the matcher); and the time of `understand`
 * on a catalogue of 1,000 products. Exits 1 when a target is missed (intent ≥ 90 % in every locale and on
 * Bitext, product hit@1 ≥ 90 % in every locale, p99 ≤ 5 ms), and ends with a `targets: met|NOT met (…)` line.
 *
 * Only aggregates are printed: counts, intent confusions (expected → predicted), the Bitext category of a
 * miss, and the catalogue ids (products, answers) missed. The messages themselves are never printed, so the
 * sets stay held out from whoever tunes the NLU.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Answer, Product } from "../lib/catalog/types";
import { LOCALES, type Locale } from "../lib/i18n";
import { buildIndex, type Intent, type NluIndex, type Understanding, understand } from "../lib/nlu";
import { evalSafety } from "./eval-nlu-safety";

const ROOT = join(import.meta.dirname, "..");
const TARGET = { intent: 0.9, product: 0.9, p99Ms: 5 };

const bumpCount = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

interface EvalItem {
  locale: Locale;
  text: string;
  intent: Intent;
  productId?: string;
  groupId?: string;
  quantity?: number;
  attributes?: { color?: string; size?: string };
  answerId?: string;
  category?: string;
  /** the order id named in the message, as `CC-XXXXXX` */
  orderId?: string;
  /** the Bitext category, for error counts */
  source?: string;
}

type Mapping = Record<string, { intent: Intent; answerId?: string } | null | string>;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(join(ROOT, path), "utf8")) as T;
}

/** RFC 4180 CSV: quoted fields with "" escapes and embedded newlines. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.some((f) => f !== ""));
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/** The demo catalogue, or the unit tests' small fixture while the demo is not there. */
function loadCatalogue(): { products: Product[]; answers: Answer[]; source: string } {
  const dir = "lib/catalog/demo";
  if (existsSync(join(ROOT, dir, "products.json")) && existsSync(join(ROOT, dir, "answers.json"))) {
    return {
      products: readJson(`${dir}/products.json`),
      answers: readJson(`${dir}/answers.json`),
      source: dir,
    };
  }
  return { products: [], answers: [], source: "(none: lib/catalog/demo is missing)" };
}

/** A catalogue of `size` products: the demo's, replicated with new ids and perturbed titles. */
function bigCatalogue(products: readonly Product[], size: number): Product[] {
  if (products.length === 0) return [];
  const words = [
    "Classic",
    "Urban",
    "Coastal",
    "Studio",
    "Heritage",
    "Essential",
    "Vintage",
    "Modern",
    "Travel",
    "Weekend",
  ];
  const out: Product[] = [...products];
  for (let copy = 1; out.length < size; copy++) {
    for (const p of products) {
      if (out.length >= size) break;
      const word = words[copy % words.length] ?? "New";
      const title = Object.fromEntries(Object.entries(p.title).map(([l, t]) => [l, `${word} ${t} ${copy}`]));
      out.push({
        ...p,
        id: `${p.id}-C${copy}`,
        ...(p.groupId ? { groupId: `${p.groupId}-C${copy}` } : {}),
        title,
        price: { ...p.price, amount: p.price.amount + copy },
      });
    }
  }
  return out;
}

interface Tally {
  n: number;
  intent: number;
  product: [number, number];
  quantity: [number, number];
  attributes: [number, number];
  category: [number, number];
  answer: [number, number];
  orderId: [number, number];
  language: [number, number];
}

const tally = (): Tally => ({
  n: 0,
  intent: 0,
  product: [0, 0],
  quantity: [0, 0],
  attributes: [0, 0],
  category: [0, 0],
  answer: [0, 0],
  orderId: [0, 0],
  language: [0, 0],
});

const pct = ([ok, n]: [number, number]) =>
  n === 0 ? "   –  " : `${((100 * ok) / n).toFixed(1).padStart(5)}%`;
const ratio = (ok: number, n: number) => (n === 0 ? 1 : ok / n);

function productHit(item: EvalItem, u: Understanding, index: NluIndex): boolean {
  const p = u.product;
  if (!p) return false;
  if (item.productId) return p.productId === item.productId;
  const predictedGroup =
    p.groupId ?? (p.productId ? (index.byId.get(p.productId)?.groupId ?? p.productId) : undefined);
  return predictedGroup === item.groupId;
}

function score(
  items: readonly EvalItem[],
  index: NluIndex,
  confusion: Map<string, number>,
  errors: Map<string, number>,
) {
  const byLocale = new Map<Locale, Tally>();
  for (const item of items) {
    const t = byLocale.get(item.locale) ?? tally();
    byLocale.set(item.locale, t);
    const u = understand(item.text, { index, locale: item.locale, allowed: [...LOCALES], fallback: "en" });
    t.n++;
    if (u.intent === item.intent) t.intent++;
    else {
      bumpCount(
        confusion,
        `${item.locale} ${item.intent} → ${u.intent}${item.source ? ` (${item.source})` : ""}`,
      );
      // the evidence rules (lib/nlu/rules/evidence.ts) that moved a reading the wrong way, by name
      if (u.rules) bumpCount(errors, `rule ${u.rules.join(" + ")} (expected ${item.intent})`);
      // why, in categories: the answer the matcher found (if any) and the confidence, rounded to a tenth
      bumpCount(
        errors,
        `why ${item.locale} ${item.intent} → ${u.intent}: answer ${u.answer ? `${u.answer.answerId}@${u.answer.score.toFixed(1)}` : "none"}, confidence ${u.confidence.toFixed(1)}`,
      );
    }
    if (item.productId || item.groupId) {
      t.product[1]++;
      if (productHit(item, u, index)) t.product[0]++;
      else {
        const kind = !u.product
          ? "product: none found"
          : item.productId &&
              (u.product.groupId ?? u.product.productId) === index.byId.get(item.productId)?.groupId
            ? "product: right item, variant not resolved"
            : "product: wrong item";
        bumpCount(errors, kind);
        bumpCount(
          errors,
          `product missed: ${item.productId ?? item.groupId} → ${u.product?.productId ?? u.product?.groupId ?? "none"}`,
        );
      }
    }
    if (item.quantity !== undefined) {
      t.quantity[1]++;
      if (u.quantity === item.quantity) t.quantity[0]++;
      else
        errors.set(
          `quantity: ${u.quantity === undefined ? "missed" : "wrong"}`,
          (errors.get(`quantity: ${u.quantity === undefined ? "missed" : "wrong"}`) ?? 0) + 1,
        );
    }
    if (item.attributes) {
      t.attributes[1]++;
      const same = (a?: string, b?: string) => (a ?? "").toLowerCase() === (b ?? "").toLowerCase();
      if (same(item.attributes.color, u.attributes.color) && same(item.attributes.size, u.attributes.size))
        t.attributes[0]++;
      else errors.set("attributes: colour or size", (errors.get("attributes: colour or size") ?? 0) + 1);
    }
    if (item.category) {
      t.category[1]++;
      if (u.category === item.category) t.category[0]++;
      else
        errors.set(
          `category: ${u.category ? "wrong" : "missed"}`,
          (errors.get(`category: ${u.category ? "wrong" : "missed"}`) ?? 0) + 1,
        );
    }
    if (item.answerId) {
      t.answer[1]++;
      if (u.intent === "faq" && u.answer?.answerId === item.answerId) t.answer[0]++;
      else {
        const kind =
          u.intent !== "faq" ? "faq: other intent" : u.answer ? "faq: wrong answer" : "faq: no answer";
        bumpCount(errors, kind);
        bumpCount(
          errors,
          `answer missed: ${item.answerId} → ${u.intent === "faq" ? (u.answer?.answerId ?? "none") : u.intent}`,
        );
      }
    }
    if (item.orderId) {
      t.orderId[1]++;
      if (u.orderId === item.orderId) t.orderId[0]++;
      else bumpCount(errors, `order id: ${u.orderId ? "wrong" : "missed"}`);
    } else if (u.orderId) bumpCount(errors, "order id: found where there is none");
    // Language on a first message (no conversation locale yet).
    const first = understand(item.text, { index, allowed: [...LOCALES], fallback: "en" });
    t.language[1]++;
    if (first.locale === item.locale) t.language[0]++;
    else
      errors.set(
        `language: ${item.locale} read as ${first.locale}`,
        (errors.get(`language: ${item.locale} read as ${first.locale}`) ?? 0) + 1,
      );
  }
  return byLocale;
}

function add(a: Tally, b: Tally): Tally {
  const pair = (x: [number, number], y: [number, number]): [number, number] => [x[0] + y[0], x[1] + y[1]];
  return {
    n: a.n + b.n,
    intent: a.intent + b.intent,
    product: pair(a.product, b.product),
    quantity: pair(a.quantity, b.quantity),
    attributes: pair(a.attributes, b.attributes),
    category: pair(a.category, b.category),
    answer: pair(a.answer, b.answer),
    orderId: pair(a.orderId, b.orderId),
    language: pair(a.language, b.language),
  };
}

function line(name: string, t: Tally): string {
  return [
    name.padEnd(8),
    String(t.n).padStart(4),
    pct([t.intent, t.n]),
    pct(t.product),
    pct(t.quantity),
    pct(t.attributes),
    pct(t.category),
    pct(t.answer),
    pct(t.orderId),
    pct(t.language),
  ].join("  ");
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function main(): number {
  const { products, answers, source } = loadCatalogue();
  const index = buildIndex(products, answers);
  const messages = readJson<EvalItem[]>("eval/nlu/messages.json");
  const mapping = readJson<Mapping>("eval/nlu/bitext-mapping.json");
  const bitextRows = parseCsv(
    readFileSync(join(ROOT, "tests/fixtures/intents/bitext_customer_support_sample_306.csv"), "utf8"),
  );
  const bitext: EvalItem[] = [];
  let skipped = 0;
  for (const row of bitextRows) {
    const target = mapping[row.intent ?? ""];
    if (!target || typeof target === "string") {
      skipped++;
      continue;
    }
    bitext.push({
      locale: "en",
      text: row.instruction ?? "",
      intent: target.intent,
      source: row.intent ?? "",
      ...(target.answerId ? { answerId: target.answerId } : {}),
    });
  }

  console.log(`catalogue: ${source} (${products.length} products, ${answers.length} answers)`);
  const header = [
    "set".padEnd(8),
    "   n",
    "intent",
    "prod@1",
    "  qty ",
    " attrs",
    "  cat ",
    "  faq ",
    "  oid ",
    "  lang",
  ].join("  ");
  const confusion = new Map<string, number>();
  const errors = new Map<string, number>();
  console.log(`\nmessages.json (${messages.length})\n${header}`);
  const byLocale = score(messages, index, confusion, errors);
  let all = tally();
  const missed: string[] = [];
  for (const locale of LOCALES) {
    const t = byLocale.get(locale);
    if (!t) continue;
    console.log(line(locale, t));
    all = add(all, t);
    if (ratio(t.intent, t.n) < TARGET.intent) missed.push(`intent ${locale}`);
    if (ratio(...t.product) < TARGET.product) missed.push(`product@1 ${locale}`);
  }
  console.log(line("all", all));

  const bitextConfusion = new Map<string, number>();
  const bitextErrors = new Map<string, number>();
  const bt = score(bitext, index, bitextConfusion, bitextErrors).get("en") ?? tally();
  console.log(`\nBitext sample (${bitext.length} mapped, ${skipped} without a counterpart)\n${header}`);
  console.log(line("bitext", bt));
  if (ratio(bt.intent, bt.n) < TARGET.intent) missed.push("intent bitext");
  console.log(line("overall", add(all, bt)));

  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${String(v).padStart(3)}  ${k}`)
      .join("\n");
  console.log(
    `\nmost common intent errors (expected → predicted), messages.json:\n${top(confusion, 25) || "  none"}`,
  );
  console.log(`other errors, messages.json:\n${top(errors, 30) || "  none"}`);
  console.log(`most common intent errors, Bitext:\n${top(bitextConfusion, 30) || "  none"}`);
  console.log(`other errors, Bitext:\n${top(bitextErrors, 30) || "  none"}`);

  missed.push(...evalSafety(ROOT, products, answers, index));

  // Speed on a catalogue of 1,000 products. Each message runs 5 times; its median is its cost, so a busy
  // machine's scheduling hiccups do not pass for the matcher's; the raw p99 over all runs is printed too.
  const big = bigCatalogue(products, 1000);
  const builds: number[] = [];
  let bigIndex = buildIndex(big, answers);
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    bigIndex = buildIndex(big, answers);
    builds.push(performance.now() - t0);
  }
  builds.sort((a, b) => a - b);
  const texts = [...messages, ...bitext];
  const ctxOf = (item: EvalItem) => ({
    index: bigIndex,
    locale: item.locale,
    allowed: [...LOCALES],
    fallback: "en" as const,
  });
  for (const item of texts) understand(item.text, ctxOf(item));
  const raw: number[] = [];
  const medians: number[] = [];
  for (const item of texts) {
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const s = performance.now();
      understand(item.text, ctxOf(item));
      runs.push(performance.now() - s);
    }
    raw.push(...runs);
    medians.push(runs.sort((a, b) => a - b)[2] ?? 0);
  }
  raw.sort((a, b) => a - b);
  medians.sort((a, b) => a - b);
  const p50 = percentile(medians, 50);
  const p99 = percentile(medians, 99);
  console.log(
    `\nspeed on ${big.length} products: buildIndex ${(builds[0] ?? 0).toFixed(1)} ms min, ${(builds[2] ?? 0).toFixed(1)} ms median of 5; understand p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (per-message medians of 5 runs, ${texts.length} messages); raw p99 ${percentile(raw, 99).toFixed(3)} ms`,
  );
  if (p99 > TARGET.p99Ms) missed.push("p99");
  console.log(
    `(intent ≥ ${TARGET.intent * 100}% per locale and on Bitext, product hit@1 ≥ ${TARGET.product * 100}% per locale, p99 ≤ ${TARGET.p99Ms} ms, false positives ≤ 1%, follow-ups ≥ 90% per locale)`,
  );
  console.log(`targets: ${missed.length === 0 ? "met" : `NOT met (${missed.join(", ")})`}`);
  return missed.length === 0 ? 0 : 1;
}

process.exitCode = main();
