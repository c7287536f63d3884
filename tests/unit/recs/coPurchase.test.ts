import { describe, expect, it } from "vitest";
import {
  addBasket,
  buildCoPurchase,
  coScore,
  deserializeCoPurchase,
  groupMap,
  itemCount,
  neighbours,
  pairCount,
  serializeCoPurchase,
  topNeighbours,
} from "../../../lib/recs";
import { baskets, shop } from "./fixtures";

const co = () => buildCoPurchase(baskets, { groupOf: groupMap(shop) });

describe("buildCoPurchase", () => {
  it("counts baskets per item and per pair, symmetrically", () => {
    const c = co();
    expect(c.baskets).toBe(baskets.length);
    expect(itemCount(c, "LAP-1")).toBe(3);
    expect(pairCount(c, "LAP-1", "MOUSE")).toBe(2);
    expect(pairCount(c, "MOUSE", "LAP-1")).toBe(2);
    expect(pairCount(c, "LAP-1", "SERUM")).toBe(0);
    expect(coScore(c, "LAP-1", "MOUSE")).toBe(coScore(c, "MOUSE", "LAP-1"));
  });

  it("counts variants of one group as one item, looked up by product id or group id", () => {
    const c = co();
    // TEE-S, TEE-L, and the basket holding both TEE-M and TEE-L once
    expect(itemCount(c, "TEE")).toBe(3);
    expect(itemCount(c, "TEE-M")).toBe(3);
    expect(pairCount(c, "TEE-S", "SHADES")).toBe(2);
    expect(pairCount(c, "TEE", "SHADES")).toBe(2);
    expect(coScore(c, "TEE-S", "TEE-L")).toBe(0);
    expect(neighbours(c, "TEE").map(([k]) => k)).not.toContain("TEE");
  });

  it("damps pairs seen once: a pair seen twice scores higher than a pair seen once at the same cosine", () => {
    const c = buildCoPurchase([
      ["A", "B"],
      ["A", "B"],
      ["C", "D"],
    ]);
    expect(coScore(c, "A", "B")).toBeGreaterThan(coScore(c, "C", "D"));
    expect(coScore(c, "A", "B")).toBeLessThanOrEqual(1);
  });

  it("takes a basket out again with weight -1", () => {
    const c = co();
    const before = serializeCoPurchase(c, 100);
    addBasket(c, ["LAP-2", "MOUSE", "TEE-M"]);
    expect(pairCount(c, "LAP-2", "MOUSE")).toBe(1);
    addBasket(c, ["LAP-2", "MOUSE", "TEE-M"], -1);
    expect(serializeCoPurchase(c, 100)).toEqual(before);
  });
});

describe("topNeighbours", () => {
  it("orders neighbours by score, best first, and keeps n", () => {
    const c = co();
    const all = neighbours(c, "LAP-1");
    expect(all.map(([k]) => k).sort()).toEqual(["MOUSE", "SLEEVE"]);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]?.[1]).toBeGreaterThanOrEqual(all[i]?.[1] ?? 0);
    expect(all[0]?.[0]).toBe("MOUSE");
    expect(topNeighbours(c, "LAP-1", 1)).toEqual([all[0]]);
    expect(topNeighbours(c, "NOPE", 5)).toEqual([]);
  });

  it("breaks ties by key, so the order is stable", () => {
    const c = buildCoPurchase([["X", "C", "A", "B"]]);
    expect(neighbours(c, "X").map(([k]) => k)).toEqual(["A", "B", "C"]);
  });
});

describe("serializeCoPurchase", () => {
  it("round-trips: every kept neighbour scores as in the full table", () => {
    const c = co();
    const json = JSON.parse(JSON.stringify(serializeCoPurchase(c, 2)));
    const back = deserializeCoPurchase(json);
    for (const key of c.counts.keys())
      for (const [other, score] of topNeighbours(c, key, 2))
        expect(coScore(back, key, other)).toBeCloseTo(score, 12);
    expect(itemCount(back, "TEE-M")).toBe(3);
    expect(json.top.LAP1).toBeUndefined();
    expect(json.top["LAP-1"].length).toBeLessThanOrEqual(2);
  });

  it("keeps a pair from either side, so a truncated table answers from both items", () => {
    const c = buildCoPurchase([
      ["HUB", "A"],
      ["HUB", "A"],
      ["HUB", "B"],
    ]);
    const back = deserializeCoPurchase(serializeCoPurchase(c, 1));
    // HUB keeps only A; B keeps HUB.
    expect(pairCount(back, "HUB", "B")).toBe(1);
  });
});
