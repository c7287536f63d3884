/**
 * `npm run fuzz [-- count]`: at least 10,000 fuzzed, correctly signed deliveries (every fixture, mutated:
 * scripts/fuzz/mutate.ts) against a local stack of its own. Prints the status histogram, p99 and max latency,
 * the stack's error-log count, and whether the stack still answers; exits 1 on any 5xx, error log or a stack
 * that no longer answers.
 */
import { freePort } from "../lib/store/local";
import { FIXTURES_DIR, runFuzz } from "./fuzz/run";
import { tapStack } from "./load/stackTap";
import { startStack } from "./stack";

const count = Number(process.argv[2] ?? 10_000);
const tap = tapStack();
const stack = await startStack({
  port: await freePort(),
  dataDir: ":memory:",
  buildDir: `.esbuild/fuzz-${process.pid}`,
  verbose: true,
  env: { SEED: "demo", LOG_LEVEL: "warn" },
});
let failed = true;
try {
  const started = Date.now();
  const r = await runFuzz({ url: stack.url, appSecret: "dev-app-secret", count, fixturesDir: FIXTURES_DIR });
  const errors = tap.problems().filter((p) => p.line.startsWith("error"));
  const errorCount = errors.reduce((n, p) => n + p.count, 0);
  const fivexx = Object.entries(r.statuses)
    .filter(([s]) => !/^[1-4]\d\d$/.test(s))
    .reduce((n, [, c]) => n + c, 0);
  console.log(`\nfuzz: ${r.deliveries} deliveries in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log("statuses:", JSON.stringify(r.statuses));
  console.log(`latency: p99 ${r.p99Ms} ms, max ${r.maxMs} ms (slowest: ${r.slowest})`);
  console.log(`5xx or failed: ${fivexx}; error logs: ${errorCount}; warn+error lines: ${tap.warnOrError()}`);
  for (const p of tap.problems().slice(0, 10)) console.log(`  ${p.count} × ${p.line.slice(0, 160)}`);
  for (const f of r.failures.slice(0, 5)) console.log(`  failed ${f.status}: ${f.what}`);
  console.log(`stack answers /health: ${r.healthy}`);
  failed = fivexx > 0 || errorCount > 0 || !r.healthy;
} finally {
  tap.stop();
  await stack.stop();
}
process.exit(failed ? 1 : 0);
