/**
 * `npm run eval:recs`: offline evaluation of lib/recs on a cart history (eval/recs/carts.json, synthetic: see
 * eval/recs/README.md) over the DummyJSON catalogue (tests/fixtures/catalog/products.json).
 *
 * Leave-last-out: for each cart the last item is held out and the others are the seeds; co-purchase is
 * trained on every other cart plus those seeds (lib/recs/evaluate.ts). Chatcart's `recommend` is compared
 * with a most-popular baseline under the same rules (in stock, one per group, never a seed). Prints hit@5 and
 * NDCG@5 for both, the relative improvement and the time per recommendation; exits 1 unless Chatcart is at
 * least 20 % better than the baseline on both.
 *
 *   node --import tsx scripts/eval-recs.ts [--carts eval/recs/carts.json]
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { groupMap, mostPopular, recommend, type Weights } from "../lib/recs";
import { fromDummyJson } from "../lib/recs/dummyjson";
import { evaluate, holdOutLast, type Recommender } from "../lib/recs/evaluate";

const ROOT = join(import.meta.dirname, "..");
const K = 5;
const TARGET = 0.2;

const { values: args } = parseArgs({
  options: { carts: { type: "string", default: "eval/recs/carts.json" } },
});

const started = performance.now();
const products = fromDummyJson(
  JSON.parse(readFileSync(join(ROOT, "tests/fixtures/catalog/products.json"), "utf8")),
);
const history: unknown = JSON.parse(readFileSync(resolve(ROOT, args.carts), "utf8"));
const rawCarts =
  typeof history === "object" && history !== null && "carts" in history && Array.isArray(history.carts)
    ? history.carts
    : [];
const known = new Set(products.map((p) => p.id));
const carts: string[][] = rawCarts
  .filter((c: unknown): c is unknown[] => Array.isArray(c))
  .map((c: unknown[]) => c.filter((id): id is string => typeof id === "string" && known.has(id)));

const chatcart =
  (weights: Partial<Weights> = {}): Recommender =>
  (s, co) =>
    recommend({ products, coPurchase: co, seeds: s.seeds, exclude: s.seeds, limit: K, weights }).map(
      (p) => p.id,
    );

// The ablations show what each signal adds; only `chatcart` and `popular` count for the target.
const scores = evaluate(
  carts,
  {
    chatcart: chatcart(),
    "- no co-purchase": chatcart({ coPurchase: 0 }),
    "- no content": chatcart({ similar: 0 }),
    "- no diversity": chatcart({ diversity: 0, maxCategoryShare: 1 }),
    popular: (s, co) =>
      mostPopular({ products, coPurchase: co, seeds: s.seeds, exclude: s.seeds, limit: K }).map((p) => p.id),
  },
  { k: K, groupOf: groupMap(products) },
);

const ours = scores.chatcart;
const base = scores.popular;
if (!ours || !base) throw new Error("evaluation returned no scores");
const gain = (a: number, b: number) => (b > 0 ? a / b - 1 : a > 0 ? Number.POSITIVE_INFINITY : 0);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const signed = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} %`;
const hitGain = gain(ours.hit, base.hit);
const ndcgGain = gain(ours.ndcg, base.ndcg);

const splits = holdOutLast(carts);
console.log(
  `catalogue ${products.length} products (${products.filter((p) => p.stock <= 0).length} out of stock), ` +
    `${carts.length} carts, ${splits.length} held-out items (last of each cart), k = ${K}`,
);
console.log("");
console.log(`${"model".padEnd(20)}   hit@5    NDCG@5    ms/rec`);
for (const [name, v] of Object.entries(scores))
  console.log(
    `${name.padEnd(20)}${pct(v.hit).padStart(8)}  ${v.ndcg.toFixed(4).padStart(8)}  ${v.msPerCall.toFixed(3).padStart(8)}`,
  );
console.log(
  `${"chatcart vs popular".padEnd(20)}${signed(hitGain).padStart(8)}  ${signed(ndcgGain).padStart(8)}`,
);
console.log("");
const met = hitGain >= TARGET && ndcgGain >= TARGET;
console.log(
  `targets: ${met ? "met" : "NOT met"} (≥ ${signed(TARGET)} on hit@5 and NDCG@5 over most-popular) ` +
    `in ${((performance.now() - started) / 1000).toFixed(2)} s`,
);
if (!met) process.exitCode = 1;
