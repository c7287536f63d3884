/**
 * The bench's pure arithmetic (scripts/bench): DynamoDB item sizes and request units, the price of 1,000 turns,
 * the memory model, and how a partial run's results are merged with the previous run's. The bench asserts
 * nothing itself, so a slip here would silently misprice every turn.
 */
import { describe, expect, it } from "vitest";
import { itemSize, readUnits, valueSize, writeUnits } from "../../../scripts/bench/capacity";
import { costPer1000, durationAt, PRICES } from "../../../scripts/bench/prices";
import { type BenchResults, mergeResults } from "../../../scripts/bench/report";

describe("item sizes and request units", () => {
  it("counts names and values as DynamoDB does", () => {
    expect(valueSize({ S: "héllo" })).toBe(6);
    expect(valueSize({ N: "12345" })).toBe(4);
    expect(valueSize({ N: "-0.5" })).toBe(2);
    expect(valueSize({ BOOL: true })).toBe(1);
    expect(valueSize({ L: [{ S: "ab" }, { N: "1" }] })).toBe(3 + 1 + 2 + 1 + 2);
    expect(valueSize({ M: { k: { S: "v" } } })).toBe(3 + 1 + 1 + 1);
    expect(itemSize({ pk: { S: "a" }, sk: { S: "bb" } })).toBe(2 + 1 + 2 + 2);
  });

  it("rounds writes up to 1 KB and reads up to 4 KB, at least one unit", () => {
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    expect(readUnits(4096)).toBe(1);
    expect(readUnits(4097)).toBe(2);
  });
});

describe("price per 1,000 turns", () => {
  it("adds DynamoDB units, Lambda GB-seconds and requests, and one HTTP API request", () => {
    const c = costPer1000({ readUnits: 1, writeUnits: 2, lambdaMs: 100, memoryMb: 512 });
    expect(c.dynamo).toBeCloseTo(
      1000 * (PRICES.dynamoReadRequestUnit.usd + 2 * PRICES.dynamoWriteRequestUnit.usd),
      12,
    );
    expect(c.lambda).toBeCloseTo(
      1000 * (0.5 * 0.1 * PRICES.lambdaArmGbSecond.usd + PRICES.lambdaRequest.usd),
      12,
    );
    expect(c.httpApi).toBeCloseTo(0.001, 12);
    expect(c.total).toBeCloseTo(c.dynamo + c.lambda + c.httpApi, 12);
  });

  it("stretches only the CPU part below one vCPU (1,769 MB)", () => {
    expect(durationAt(1769, 50, 20)).toBeCloseTo(50);
    expect(durationAt(4096, 50, 20)).toBeCloseTo(50);
    expect(durationAt(1769 / 2, 50, 20)).toBeCloseTo(70);
    // CPU time above the wall time (helper threads) counts as the whole call
    expect(durationAt(1769 / 2, 50, 80)).toBeCloseTo(100);
  });
});

describe("merging a partial run", () => {
  const base = (over: Partial<BenchResults>): BenchResults => ({
    generatedAt: "2026-01-01T00:00:00Z",
    machine: {},
    parts: [],
    settings: {},
    ...over,
  });
  const scale = (products: number) =>
    ({ products, coldFirstReplyMs: { median: products } }) as unknown as NonNullable<
      BenchResults["scale"]
    >[number];

  it("keeps the parts that did not run and merges scale figures by size", () => {
    const previous = base({
      parts: ["turns", "scale"],
      partsRunAt: { turns: { at: "old" }, scale: { at: "old" } },
      staticModelMs: 300,
      kinds: {},
      scale: [scale(70), scale(10_000)],
    });
    const now = base({ generatedAt: "new", parts: ["scale"], scale: [scale(10_000), scale(50_000)] });
    now.scale = [scale(10_000), scale(50_000)];
    const merged = mergeResults(previous, now);
    expect(merged.staticModelMs).toBe(300);
    expect(merged.scale?.map((s) => s.products)).toEqual([70, 10_000, 50_000]);
    expect(merged.partsRunAt?.turns?.at).toBe("old");
    expect(merged.partsRunAt?.scale?.at).toBe("new");
    expect(merged.parts.sort()).toEqual(["scale", "turns"]);
  });
});
