/**
 * Issue 14 (8): the suite's short fuzz run (`npm run fuzz` runs 10,000): fuzzed, correctly signed deliveries
 * of every fixture never get a 5xx, and the stack still answers afterwards.
 */
import { describe, expect, inject, it } from "vitest";
import { FIXTURES_DIR, runFuzz } from "../../scripts/fuzz/run";
import { APP_SECRET } from "../helpers/meta";

const url = inject("stackUrl");

describe("fuzzed deliveries", () => {
  it("150 fuzzed deliveries: no 5xx, the stack still answers", async () => {
    const r = await runFuzz({
      url,
      appSecret: APP_SECRET,
      count: 150,
      seed: 1414,
      fixturesDir: FIXTURES_DIR,
    });
    expect(r.deliveries).toBe(150);
    expect(r.failures).toEqual([]);
    expect(r.healthy).toBe(true);
  }, 120_000);
});
