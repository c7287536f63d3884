/**
 * `npm test`: type check, format and lint check, then every vitest suite (unit, integration against
 * DynamoDB Local, e2e through the HTTP stack and Chromium). Prints one closing line
 * `tests: N passed, N failed` and ends any process the suites started that is still alive.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./stack";

const bin = (name: string) => join(ROOT, "node_modules/.bin", name);
const results = join(ROOT, ".test-results");
const run = (label: string, cmd: string, args: string[]) => {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit" });
  console.log(
    `${label}: ${r.status === 0 ? "ok" : "FAILED"} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return r.status === 0;
};

const onlyVitest = process.argv.slice(2);
let ok = true;
if (onlyVitest.length === 0) {
  ok = run("typecheck", bin("tsc"), ["--noEmit", "-p", "."]) && ok;
  ok = run("biome", bin("biome"), ["check", "."]) && ok;
}
rmSync(join(results, "vitest.json"), { force: true });
const vitestOk = run("vitest", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${join(results, "vitest.json")}`,
  ...onlyVitest,
]);
ok = vitestOk && ok;

// Safety net: if vitest died before its teardown, end the JVM and the stack it started (by PID, ours only).
const pidFile = join(results, "pids");
if (existsSync(pidFile)) {
  for (const pid of readFileSync(pidFile, "utf8").split("\n").filter(Boolean).map(Number)) {
    try {
      process.kill(pid, "SIGKILL");
      console.log(`stopped leftover process ${pid}`);
    } catch {
      // already gone
    }
  }
  rmSync(pidFile, { force: true });
}

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(join(results, "vitest.json"), "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
} catch {
  failed = Math.max(failed, 1);
}
if (!ok && failed === 0) failed = 1;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(ok && failed === 0 && passed > 0 ? 0 : 1);
