import { describe, expect, it } from "vitest";
import type { Product } from "../../../lib/catalog/types";
import { buildCoPurchase, groupMap, mostPopular, PRESETS, recommend } from "../../../lib/recs";
import { baskets, product, shop } from "./fixtures";

const coPurchase = buildCoPurchase(baskets, { groupOf: groupMap(shop) });
const ids = (ps: Product[]) => ps.map((p) => p.id);
const groupOf = (p: Product) => p.groupId ?? p.id;

describe("recommend", () => {
  it.each([
    ["nothing to go on", {}],
    ["a seed", { seeds: ["LAP-1"] }],
    ["a query", { query: { text: "usb cable" } }],
    ["everything", { seeds: ["TEE-S"], query: { category: "mobile-accessories" } }],
  ])("never returns an item out of stock (%s)", (_, over) => {
    const got = recommend({ products: shop, coPurchase, limit: 20, ...over });
    expect(got.length).toBeGreaterThan(0);
    for (const p of got) expect(p.stock).toBeGreaterThan(0);
    expect(ids(got)).not.toContain("CABLE");
    expect(ids(got)).not.toContain("TEE-M");
  });

  it("never returns a seed or an excluded item, nor another variant of one", () => {
    const got = recommend({
      products: shop,
      coPurchase,
      seeds: ["LAP-1"],
      exclude: ["TEE-M", "SPF"],
      limit: 20,
    });
    const groups = got.map(groupOf);
    expect(groups).not.toContain("LAP-1");
    expect(groups).not.toContain("SPF");
    expect(groups).not.toContain("TEE");
    const viaSeed = recommend({ products: shop, seeds: ["TEE-S"], limit: 20 });
    expect(viaSeed.map(groupOf)).not.toContain("TEE");
  });

  it("returns one product per group: the in-stock variant rated best", () => {
    const got = recommend({ products: shop, coPurchase, limit: 20 });
    const groups = got.map(groupOf);
    expect(new Set(groups).size).toBe(groups.length);
    expect(got.find((p) => p.groupId === "TEE")?.id).toBe("TEE-L");
  });

  it("goes well with: after a laptop, its co-bought accessories before other laptops", () => {
    const got = recommend({
      products: shop,
      coPurchase,
      seeds: ["LAP-1"],
      exclude: ["LAP-1"],
      weights: PRESETS.complement,
      limit: 3,
    });
    expect(ids(got).slice(0, 2).sort()).toEqual(["MOUSE", "SLEEVE"]);
  });

  it("more like this: without co-purchase, similar items (same category) first", () => {
    const got = recommend({ products: shop, seeds: ["LAP-1"], weights: PRESETS.similar, limit: 2 });
    expect(got.map((p) => p.category)).toEqual(["laptops", "laptops"]);
  });

  it("weighs the most recent seed most", () => {
    const products = ["A1", "A2", "B1", "B2"].map((id) => product({ id, category: id[0] ?? "" }));
    const co = buildCoPurchase([
      ["A1", "A2"],
      ["B1", "B2"],
    ]);
    expect(ids(recommend({ products, coPurchase: co, seeds: ["A1", "B1"], limit: 1 }))).toEqual(["B2"]);
    expect(ids(recommend({ products, coPurchase: co, seeds: ["B1", "A1"], limit: 1 }))).toEqual(["A2"]);
  });

  it("something for the beach: matching products first, by tag or words", () => {
    const got = recommend({
      products: shop,
      coPurchase,
      query: { text: "something for the beach" },
      limit: 3,
    });
    expect(ids(got).slice(0, 2).sort()).toEqual(["SHADES", "TOWEL"]);
    const byTag = recommend({ products: shop, query: { tags: ["summer"] }, limit: 2 });
    expect(ids(byTag).sort()).toEqual(["SPF", "TOWEL"]);
  });

  it("with nothing to go on, ranks by rating shrunk by its count: many good reviews beat one perfect one", () => {
    const products = [
      product({ id: "ONE-REVIEW", category: "a", rating: { average: 5, count: 1 } }),
      product({ id: "MANY", category: "b", rating: { average: 4.6, count: 500 } }),
      product({ id: "POOR", category: "c", rating: { average: 2, count: 50 } }),
    ];
    expect(ids(recommend({ products, limit: 3 }))).toEqual(["MANY", "ONE-REVIEW", "POOR"]);
  });

  it("varies the list: not all from one category or brand, though they score highest", () => {
    const products = [
      ...Array.from({ length: 6 }, (_, i) =>
        product({ id: `W-${i}`, category: "watches", brand: "Rolex", rating: { average: 4.9, count: 200 } }),
      ),
      product({ id: "BAG", category: "bags", brand: "Gucci", rating: { average: 4.2, count: 100 } }),
      product({ id: "RING", category: "jewellery", brand: "Tiffany", rating: { average: 4.1, count: 100 } }),
    ];
    const got = recommend({ products, limit: 4 });
    expect(got).toHaveLength(4);
    expect(got.filter((p) => p.category === "watches").length).toBeLessThanOrEqual(2);
    expect(got[0]?.category).toBe("watches");
    // asked for watches: the category cap does not apply to the category asked for
    const watches = recommend({ products, query: { category: "watches" }, limit: 4 });
    expect(watches.every((p) => p.category === "watches")).toBe(true);
    // without MMR the cap still stops one category filling the list, and the list is still filled
    const noMmr = recommend({ products, limit: 8, weights: { diversity: 0 } });
    expect(noMmr).toHaveLength(8);
  });

  it("is deterministic: the same list on every call and whatever the catalogue order", () => {
    const input = { coPurchase, seeds: ["TEE-S", "SPF"], limit: 6 };
    const first = ids(recommend({ products: shop, ...input }));
    expect(ids(recommend({ products: shop, ...input }))).toEqual(first);
    expect(ids(recommend({ products: [...shop].reverse(), ...input }))).toEqual(first);
    const tied = Array.from({ length: 5 }, (_, i) => product({ id: `T-${4 - i}`, category: `c${i}` }));
    expect(ids(recommend({ products: tied, limit: 5, weights: { diversity: 0 } }))).toEqual([
      "T-0",
      "T-1",
      "T-2",
      "T-3",
      "T-4",
    ]);
  });

  it("copes with unknown seeds, an empty catalogue and a zero limit", () => {
    expect(recommend({ products: shop, coPurchase, seeds: ["GONE"], limit: 3 })).toHaveLength(3);
    expect(recommend({ products: [], coPurchase, seeds: ["LAP-1"] })).toEqual([]);
    expect(recommend({ products: shop, limit: 0 })).toEqual([]);
  });
});

describe("mostPopular", () => {
  it("ranks by baskets under the same rules: in stock, one per group, never a seed", () => {
    const got = mostPopular({ products: shop, coPurchase, seeds: ["LAP-1"], limit: 20 });
    const groups = got.map(groupOf);
    expect(new Set(groups).size).toBe(groups.length);
    expect(groups).not.toContain("LAP-1");
    expect(ids(got)).not.toContain("CABLE");
    // three baskets each: ties go by id
    expect(ids(got).slice(0, 3)).toEqual(["MOUSE", "SLEEVE", "TEE-L"]);
  });
});
