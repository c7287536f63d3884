/**
 * Posts fuzzed, correctly signed deliveries to a stack and measures what came back (issue 14). Used by
 * `npm run fuzz` (10,000 deliveries on a stack of its own) and by the suite's short run (tests/e2e/fuzz.test.ts).
 */
import { join } from "node:path";
import { signBody } from "../../lib/channels/meta/signature";
import { prng } from "../bench/prng";
import { percentile } from "../bench/stats";
import { fuzzedDelivery, loadFixtures } from "./mutate";

export interface FuzzResult {
  deliveries: number;
  statuses: Record<string, number>;
  p99Ms: number;
  maxMs: number;
  /** the slowest delivery, to reproduce it */
  slowest: string;
  /** 5xx answers or failed requests, with what the delivery was */
  failures: Array<{ status: string; what: string }>;
  /** /health answered 200 after the run */
  healthy: boolean;
}

export async function runFuzz(o: {
  url: string;
  appSecret: string;
  count: number;
  seed?: number;
  concurrency?: number;
  fixturesDir: string;
}): Promise<FuzzResult> {
  const fixtures = loadFixtures(o.fixturesDir);
  const rand = prng(o.seed ?? 14);
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const failures: FuzzResult["failures"] = [];
  let slowest = { ms: 0, what: "" };
  let next = 0;
  const worker = async () => {
    while (next < o.count) {
      next++;
      const d = fuzzedDelivery(fixtures, rand);
      const started = Date.now();
      let status: string;
      try {
        const res = await fetch(`${o.url}/webhooks/${d.channel}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-hub-signature-256": signBody(d.body, o.appSecret),
          },
          body: d.body,
          signal: AbortSignal.timeout(30_000),
        });
        await res.arrayBuffer();
        status = String(res.status);
      } catch (e) {
        status = (e as Error).name;
      }
      const ms = Date.now() - started;
      latencies.push(ms);
      if (ms > slowest.ms) slowest = { ms, what: d.what.slice(0, 200) };
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (!/^[1-4]\d\d$/.test(status)) failures.push({ status, what: d.what.slice(0, 300) });
    }
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 4 }, worker));
  const health = await fetch(`${o.url}/health`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  return {
    deliveries: latencies.length,
    statuses,
    p99Ms: percentile(latencies, 99),
    maxMs: Math.max(...latencies),
    slowest: slowest.what,
    failures,
    healthy: health?.status === 200,
  };
}

export const FIXTURES_DIR = join(import.meta.dirname ?? __dirname, "../../tests/fixtures");
