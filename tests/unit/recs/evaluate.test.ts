import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCoPurchase, type CoPurchase, serializeCoPurchase } from "../../../lib/recs";
import { fromDummyJson } from "../../../lib/recs/dummyjson";
import { evaluate, hitAt, holdOutLast, ndcgAt, trainingBaskets } from "../../../lib/recs/evaluate";

const carts = [["A", "B", "C"], ["A", "D"], ["B", "C", "E", "F"], ["G"], ["C", "A", "C"]];

describe("holdOutLast", () => {
  it("holds out the last distinct item and seeds with the rest; skips carts of one item", () => {
    expect(holdOutLast(carts)).toEqual([
      { cart: 0, seeds: ["A", "B"], heldOut: "C" },
      { cart: 1, seeds: ["A"], heldOut: "D" },
      { cart: 2, seeds: ["B", "C", "E"], heldOut: "F" },
      { cart: 4, seeds: ["C"], heldOut: "A" },
    ]);
  });
});

describe("trainingBaskets", () => {
  it("holds every other cart and the seeds of its own, never its held-out item with them", () => {
    const [s] = holdOutLast(carts);
    if (!s) throw new Error("no split");
    const train = trainingBaskets(carts, s);
    expect(train).toEqual([["A", "D"], ["B", "C", "E", "F"], ["G"], ["C", "A", "C"], ["A", "B"]]);
  });
});

describe("evaluate", () => {
  it("trains each split on exactly its training baskets (no leakage of the held-out item)", () => {
    const seen: CoPurchase[] = [];
    const snapshots: unknown[] = [];
    evaluate(carts, {
      spy: (_, co) => {
        seen.push(co);
        snapshots.push(serializeCoPurchase(co, 1000));
        return [];
      },
    });
    const splits = holdOutLast(carts);
    expect(snapshots).toHaveLength(splits.length);
    splits.forEach((s, i) => {
      expect(snapshots[i]).toEqual(serializeCoPurchase(buildCoPurchase(trainingBaskets(carts, s)), 1000));
    });
  });

  it("cannot find a held-out item that only its own cart ties to its seeds", () => {
    // X goes with Y only in the held-out cart: a model reading co-purchase has nothing to find it by.
    const history = [["Y", "X"], ["Y", "Z"], ["Y", "Z"], ["X"]];
    const byCoPurchase = (s: { seeds: string[] }, co: CoPurchase) =>
      [...(co.pairs.get(s.seeds.at(-1) ?? "")?.keys() ?? [])].sort();
    const score = evaluate(history, { co: byCoPurchase });
    expect(score.co?.n).toBe(3);
    // the first cart's X cannot be found; the two Y,Z carts find Z through each other
    expect(score.co?.hit).toBeCloseTo(2 / 3);
  });

  it("scores an oracle 1 and a model that never finds it 0", () => {
    const score = evaluate(carts, { oracle: (s) => ["nope", s.heldOut].slice(1), none: () => ["nope"] });
    expect(score.oracle).toMatchObject({ hit: 1, ndcg: 1, n: 4 });
    expect(score.none).toMatchObject({ hit: 0, ndcg: 0 });
  });
});

describe("metrics", () => {
  it.each([
    [["T", "a", "b"], 1, 1],
    [["a", "T"], 1, 1 / Math.log2(3)],
    [["a", "b", "c", "d", "T"], 1, 1 / Math.log2(6)],
    [["a", "b", "c", "d", "e", "T"], 0, 0],
    [[], 0, 0],
  ])("%j → hit@5 %d, NDCG@5 %f", (ranked, hit, ndcg) => {
    expect(hitAt(ranked, "T", 5)).toBe(hit);
    expect(ndcgAt(ranked, "T", 5)).toBeCloseTo(ndcg, 12);
  });
});

describe("eval data", () => {
  const root = join(import.meta.dirname, "../../..");
  const products = fromDummyJson(
    JSON.parse(readFileSync(join(root, "tests/fixtures/catalog/products.json"), "utf8")),
  );

  it("maps the DummyJSON catalogue: 194 products, SKU ids, prices in cents", () => {
    expect(products).toHaveLength(194);
    expect(new Set(products.map((p) => p.id)).size).toBe(194);
    expect(products[0]).toMatchObject({
      id: "BEA-ESS-ESS-001",
      price: { amount: 999, currency: "USD" },
      category: "beauty",
      rating: { average: 2.56, count: 3 },
    });
  });

  it("the cart history holds 2–6 distinct known products per cart", () => {
    const history = JSON.parse(readFileSync(join(root, "eval/recs/carts.json"), "utf8")) as {
      carts: string[][];
    };
    const known = new Set(products.map((p) => p.id));
    expect(history.carts.length).toBeGreaterThanOrEqual(1000);
    for (const cart of history.carts) {
      expect(cart.length).toBeGreaterThanOrEqual(2);
      expect(cart.length).toBeLessThanOrEqual(6);
      expect(new Set(cart).size).toBe(cart.length);
      for (const id of cart) expect(known.has(id)).toBe(true);
    }
  });
});
