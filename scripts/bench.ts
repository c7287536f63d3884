/**
 * `npm run bench`: figures for this machine, each next to the *floor*'s (the least a Meta webhook must do:
 * HMAC, one GetItem, one PutItem, one Graph API POST; scripts/bench/floor.ts), printed as tables and written
 * to `.bench/results.json` and docs/benchmarks.md. It asserts nothing. It starts what it needs (DynamoDB Local
 * in memory, a fake Graph API on 127.0.0.1, child `node` processes) and stops all of it on exit, on error and
 * on SIGINT/SIGTERM; no JVM is left behind.
 *
 *   npm run bench                          # everything (about 5 minutes here)
 *   npm run bench -- --only=scale          # parts: cold, turns, scale (comma-separated); also BENCH_ONLY=…
 *   npm run bench -- --skip=scale --sizes=10000
 *
 * The machine is small (2 cores) and shared, so every figure is an order statistic (median, percentiles,
 * max) and the floor runs in the same minutes: compare the ratios.
 *
 * Parts
 * - cold: one esbuild bundle per function of deploy/functions.cjs (local stage) and the floor's, with the
 *   options of serverless.yml (scripts/bench/bundles.ts); module init and the first call (a GET handshake) in
 *   fresh `node` processes, the webhooks and the floor interleaved round by round, with their CPU time and RSS.
 * - turns: deliveries through `handleWebhook` (lib/bot/webhook.ts) on `createRuntime(parseConfig(env))`, in
 *   process, one at a time, channels interleaved, each followed by a floor turn on the same channel:
 *   question (text, five locales), redelivery (the same bytes again), add to cart (tap and text), checkout step
 *   (the typed address) and order (the CONFIRM tap) — carts and checkouts are prepared through deliveries too.
 *   Per kind: latency, CPU, DynamoDB requests by command (counted at the client), request units
 *   (ReturnConsumedCapacity on every command, scripts/bench/capacity.ts), Graph API requests, and the price
 *   per 1,000 turns (scripts/bench/prices.ts), with a memory model for 512/1024/1769 MB.
 * - scale: shops of 70, 10,000 and 50,000 products (scripts/bench/scale.ts): cold start to the first reply,
 *   RSS, index build, NLU p50/p99.
 */

import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createRuntime, type Runtime } from "../lib/bot/runtime";
import { handleWebhook } from "../lib/bot/webhook";
import { seedDemo } from "../lib/catalog/seed";
import { parseConfig } from "../lib/config";
import { warmUp } from "../lib/nlu";
import { createDb } from "../lib/store/client";
import { type LocalDynamo, startDynamoLocal } from "../lib/store/local";
import { ensureTable } from "../lib/store/table";
import {
  type BuiltBundle,
  buildBundles,
  type ColdSample,
  checkEsbuildOptions,
  coldStart,
  FLOOR_FUNCTION,
  firstEvent,
  listFunctions,
  writeChildScript,
} from "./bench/bundles";
import { meterCapacity } from "./bench/capacity";
import { Cleanup } from "./bench/cleanup";
import { benchCommerce } from "./bench/commerce";
import { type FakeGraph, startFakeGraph } from "./bench/fakeGraph";
import { createFloorRuntime, handleFloor } from "./bench/floor";
import { tapLogs } from "./bench/logTap";
import { markdown, printSections } from "./bench/render";
import { type BenchResults, type FunctionFigures, mergeResults, sections, targets } from "./bench/report";
import { benchScale } from "./bench/scale";
import { countDbRequests, Session, type Target } from "./bench/session";
import { median, round } from "./bench/stats";
import { benchQuestions, signed } from "./bench/turns";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT_FILE = join(ROOT, ".bench", "results.json");
const DOC_FILE = join(ROOT, "docs", "benchmarks.md");

const PARTS = ["cold", "turns", "scale"] as const;
type Part = (typeof PARTS)[number];

/** Fresh processes per webhook and for the floor (interleaved), and per other function. */
const COLD_RUNS_WEBHOOK = 9;
const COLD_RUNS_OTHER = 5;
const SHOPPERS = 50;
const WARMUP = 30;
const TURNS = 500;
const REDELIVERIES = 100;
/** Stop measuring question turns after this long (both channels) so the whole bench stays near 5 minutes. */
const TURN_BUDGET_MS = 90_000;
const ADD_WARMUP = 20;
const ADDS = 200;
const CHECKOUT_WARMUP = 10;
const CHECKOUTS = 80;
/** 50,000 is left to `--only=scale --sizes=50000` (about 5 minutes: DynamoDB Local reads ~1 MB a second here). */
const SCALE_SIZES = [70, 10_000];
const SCALE_COLD_RUNS = 3;
const SCALE_NLU_MESSAGES = 1400;

const TABLE_NAME = "chatcart-bench";
const MESSENGER_PAGE_ID = "100000000000001";
const WHATSAPP_PHONE_NUMBER_ID = "200000000000002";
/** Nothing listens on the discard port: a cold start that connects would show up as an error or a count. */
const DUMMY_ENDPOINT = "http://127.0.0.1:9";

// The pinned AWS SDK prints a notice on Node 20; the functions set the same variable (serverless.yml).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** The environment of the Lambda children: only what the functions read, nothing inherited from here. */
function lambdaEnv(dynamodbEndpoint: string, graphUrl: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    IS_OFFLINE: "true",
    AWS_REGION: "us-east-1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    TABLE_NAME,
    LOG_LEVEL: "warn",
    SEED: "none",
    DYNAMODB_ENDPOINT: dynamodbEndpoint,
    META_GRAPH_URL: graphUrl,
    MESSENGER_PAGE_ID,
    WHATSAPP_PHONE_NUMBER_ID,
  };
}

/** Indented JSON with arrays of numbers on one line (as Biome formats them: `npm test` checks JSON files). */
function toJson(value: unknown): string {
  const numberArray = /\[\n\s+((?:[-\d.,\s]|null)+?)\n\s*\]/g;
  const text = JSON.stringify(value, null, 2);
  return `${text.replace(numberArray, (_, items: string) => `[${items.split(/,\s+/).join(", ")}]`)}\n`;
}

function gitRevision(): string | undefined {
  const rev = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  if (rev.status !== 0) return undefined;
  // the figures this bench wrote last time do not make the code dirty
  const dirty = spawnSync("git", ["status", "--porcelain", "--", ".", ":!docs/benchmarks.md"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return `${rev.stdout.trim()}${dirty.stdout.trim() ? "-dirty" : ""}`;
}

function figuresOf(b: BuiltBundle, samples: ColdSample[]): FunctionFigures {
  const init = samples.map((s) => s.initMs);
  const first = samples.map((s) => s.firstMs ?? Number.NaN);
  return {
    name: b.name,
    entry: b.entry,
    memoryMb: b.memoryMb,
    bundleBytes: b.bytes,
    gzipBytes: b.gzipBytes,
    buildMs: round(b.buildMs, 0),
    initMs: {
      median: round(median(init)),
      min: round(Math.min(...init)),
      max: round(Math.max(...init)),
      samples: init.map((v) => round(v)),
    },
    initCpuMs: round(median(samples.map((s) => s.initCpuMs))),
    firstCallMs: {
      median: round(median(first)),
      status: samples[0]?.status,
      samples: first.map((v) => round(v)),
    },
    firstCallCpuMs: round(median(samples.map((s) => s.calls[0]?.cpuMs ?? Number.NaN))),
    rssMb: round(median(samples.map((s) => s.rssMb)), 0),
    connects: {
      init: Math.max(...samples.map((s) => s.initConnects)),
      firstCall: Math.max(...samples.map((s) => s.firstConnects)),
    },
    largestContributors: b.contributors,
  };
}

/**
 * Every function's cold start; the two webhooks and the floor round by round (webhookMessenger, floor,
 * webhookWhatsapp, floor …) so their ratio is not skewed by the machine's load drifting.
 */
async function coldStarts(
  bundles: BuiltBundle[],
  script: string,
  dynamoEndpoint: string,
  graphUrl: string,
  running: Set<ChildProcess>,
): Promise<FunctionFigures[]> {
  const samples = new Map<string, ColdSample[]>(bundles.map((b) => [b.name, []]));
  const run = async (b: BuiltBundle) => {
    // Only the outbox's first call needs the table; everyone else gets an endpoint nobody answers on.
    const env = lambdaEnv(b.name === "outbox" ? dynamoEndpoint : DUMMY_ENDPOINT, graphUrl);
    samples
      .get(b.name)
      ?.push(await coldStart(script, b.file, firstEvent(b.name, "dev-verify-token"), env, running));
  };
  const compared = bundles.filter((b) => b.name.startsWith("webhook"));
  const floor = bundles.find((b) => b.name === FLOOR_FUNCTION.name);
  for (let r = 0; r < COLD_RUNS_WEBHOOK; r++) {
    for (const b of compared) {
      await run(b);
      if (floor) await run(floor);
    }
  }
  for (const b of bundles) {
    if (b.name.startsWith("webhook") || b === floor) continue;
    for (let r = 0; r < COLD_RUNS_OTHER; r++) await run(b);
  }
  return bundles.map((b) => figuresOf(b, samples.get(b.name) ?? []));
}

function selectedParts(argv: string[]): { parts: Part[]; sizes: number[] } {
  const { values } = parseArgs({
    args: argv,
    options: { only: { type: "string" }, skip: { type: "string" }, sizes: { type: "string" } },
    strict: true,
  });
  const list = (s: string | undefined) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean);
  const only = list(values.only ?? process.env.BENCH_ONLY);
  const skip = list(values.skip ?? process.env.BENCH_SKIP);
  for (const p of [...only, ...skip]) {
    if (!PARTS.includes(p as Part)) throw new Error(`Unknown part "${p}" (parts: ${PARTS.join(", ")})`);
  }
  const parts = PARTS.filter((p) => (only.length === 0 || only.includes(p)) && !skip.includes(p));
  const sizes = values.sizes ? list(values.sizes).map(Number) : SCALE_SIZES;
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error("--sizes: whole numbers, e.g. 10000,50000");
  return { parts, sizes };
}

async function main(cleanup: Cleanup, running: Set<ChildProcess>): Promise<void> {
  const started = performance.now();
  const { parts, sizes } = selectedParts(process.argv.slice(2));
  const cpu = cpus();
  const machine = {
    cpu: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    loadAverageAtStart: loadavg().map((x) => round(x)),
  };
  console.log(
    `chatcart bench — ${machine.cores} × ${machine.cpu}, node ${machine.node}, load ${machine.loadAverageAtStart.join(" ")}; parts: ${parts.join(", ")}`,
  );
  console.log("Shared, noisy machine: compare the ratios to the floor, measured in the same minutes.");
  for (const line of checkEsbuildOptions(ROOT)) {
    console.log(`! serverless.yml no longer has "${line}": the bench's esbuild options may be out of step`);
  }

  const tmp = mkdtempSync(join(tmpdir(), "chatcart-bench-"));
  cleanup.add(() => rmSync(tmp, { recursive: true, force: true }));

  // DynamoDB Local boots (a JVM, a few seconds) while esbuild builds; it is registered for cleanup before
  // it is up, so a signal during start-up still waits for it and stops it.
  const dynamoStarting = startDynamoLocal({ dataDir: ":memory:" });
  cleanup.add(async () => (await dynamoStarting.catch(() => undefined))?.stop());
  const graphStarting = startFakeGraph({ messengerPageId: MESSENGER_PAGE_ID });
  cleanup.add(async () => (await graphStarting.catch(() => undefined))?.close());

  const fns = await listFunctions(ROOT);
  const wanted = parts.includes("cold") ? fns : fns.filter((f) => f.name === "webhookWhatsapp");
  const floorMemory = fns.find((f) => f.name === "webhookWhatsapp")?.memoryMb;
  const bundles = await buildBundles(ROOT, [...wanted, { ...FLOOR_FUNCTION, memoryMb: floorMemory }], tmp);
  const [dynamo, graph]: [LocalDynamo, FakeGraph] = await Promise.all([dynamoStarting, graphStarting]);
  const graphUrl = `${graph.url}/v21.0`;
  const script = writeChildScript(tmp);
  const env = lambdaEnv(dynamo.endpoint, graphUrl);
  const config = await parseConfig(env, async () => {
    throw new Error("the bench never reads SSM");
  });

  // The table exists before anything runs: the outbox's first call in the cold starts drains it.
  const setup = createDb({ endpoint: dynamo.endpoint, region: config.region, table: TABLE_NAME });
  await ensureTable(setup.raw, TABLE_NAME);
  setup.raw.destroy();

  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    revision: gitRevision(),
    machine,
    parts,
    settings: {
      coldRunsWebhook: COLD_RUNS_WEBHOOK,
      coldRunsOther: COLD_RUNS_OTHER,
      shoppers: SHOPPERS,
      warmup: WARMUP,
      turns: TURNS,
      turnBudgetMs: TURN_BUDGET_MS,
      redeliveries: REDELIVERIES,
      addWarmup: ADD_WARMUP,
      adds: ADDS,
      checkoutWarmup: CHECKOUT_WARMUP,
      checkouts: CHECKOUTS,
      scaleSizes: sizes,
      scaleColdRuns: SCALE_COLD_RUNS,
      scaleNluMessages: SCALE_NLU_MESSAGES,
    },
  };
  const report = (part: string) => console.log(`\n== ${part} ==`);

  if (parts.includes("cold")) {
    report("cold starts");
    results.functions = await coldStarts(bundles, script, dynamo.endpoint, graphUrl, running);
    printSections(sections({ ...results, parts: [] }), console.log);
  }

  if (parts.includes("turns")) {
    report("turns");
    // Before createRuntime, which builds the NLU's static model: the cold-start cost of this process.
    const t = performance.now();
    warmUp();
    results.staticModelMs = round(performance.now() - t);
    const rt: Runtime = createRuntime(config);
    cleanup.add(() => rt.db.raw.destroy());
    // Turns run against the demo shop, as `npm start` does (70 products, 16 answers).
    await seedDemo(rt.db, config);
    const sizer = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: config.region,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    cleanup.add(() => sizer.destroy());
    const chatcart: Target = {
      send: (channel, req) => handleWebhook(channel, req, rt),
      db: countDbRequests(rt.db.raw),
      capacity: meterCapacity(rt.db.raw, sizer),
    };
    const floorRt = createFloorRuntime({ ...env, TABLE_NAME });
    cleanup.add(() => floorRt.raw.destroy());
    const floor: Target = {
      // the floor measures the two channels the benchmark drives (Instagram is Messenger's path)
      send: (channel, req) => handleFloor(channel === "whatsapp" ? "whatsapp" : "messenger", req, floorRt),
      db: countDbRequests(floorRt.raw),
      capacity: meterCapacity(floorRt.raw, sizer),
    };
    const logs = tapLogs();
    cleanup.add(() => logs.stop());
    const o = {
      appSecret: config.secrets.META_APP_SECRET,
      messengerPageId: MESSENGER_PAGE_ID,
      whatsappPhoneNumberId: WHATSAPP_PHONE_NUMBER_ID,
      shoppers: SHOPPERS,
    };
    const session = new Session(chatcart, floor, graph, logs, o, (channel, body) =>
      signed(channel, body, o.appSecret),
    );
    results.questions = await benchQuestions(["messenger", "whatsapp"], session, {
      ...o,
      warmup: WARMUP,
      turns: TURNS,
      redeliveries: REDELIVERIES,
      budgetMs: TURN_BUDGET_MS,
    });
    console.log(
      `questions: ${results.questions.rounds} rounds in ${results.questions.wallSeconds.turns} s, ${results.questions.redeliveries} redeliveries`,
    );
    results.commerce = await benchCommerce(["messenger", "whatsapp"], rt, session, {
      ...o,
      addWarmup: ADD_WARMUP,
      adds: ADDS,
      checkoutWarmup: CHECKOUT_WARMUP,
      checkouts: CHECKOUTS,
    });
    console.log(
      `carts: adds ${results.commerce.wallSeconds.adds} s, checkouts and orders ${results.commerce.wallSeconds.checkouts} s`,
    );
    logs.stop();
    results.logged = logs.distinct();
    results.kinds = Object.fromEntries([...session.tallies.entries()].map(([k, t]) => [k, t.result()]));
    printSections(
      sections({ ...results, functions: undefined, staticModelMs: undefined, parts: [] }),
      console.log,
    );
  }

  if (parts.includes("scale")) {
    report("scale");
    const webhook = bundles.find((b) => b.name === "webhookWhatsapp");
    const floorBundle = bundles.find((b) => b.name === FLOOR_FUNCTION.name);
    if (!webhook || !floorBundle) throw new Error("bench: the webhook or floor bundle is missing");
    // The NLU's static model first, so the index builds below time the index only.
    warmUp();
    results.scale = await benchScale({
      sizes,
      // one at 50,000: each takes two minutes here, most of it DynamoDB Local serving 68 MB of Query pages
      coldRuns: (products) => (products >= 50_000 ? 1 : SCALE_COLD_RUNS),
      timeoutMs: 300_000,
      nluMessages: SCALE_NLU_MESSAGES,
      script,
      webhookBundle: webhook.file,
      floorBundle: floorBundle.file,
      dynamoEndpoint: dynamo.endpoint,
      graph,
      config,
      env: (table) => ({ ...env, TABLE_NAME: table }),
      whatsappPhoneNumberId: WHATSAPP_PHONE_NUMBER_ID,
      running,
      log: (line) => console.log(line),
    });
    for (const row of results.scale) row.measured = { at: results.generatedAt, revision: results.revision };
    printSections(
      sections({ generatedAt: "", machine, parts: [], settings: {}, scale: results.scale }),
      console.log,
    );
  }

  results.totalSeconds = round((performance.now() - started) / 1000, 1);
  results.machine = { ...machine, loadAverageAtEnd: loadavg().map((x) => round(x)) };
  const merged = mergeResults(previousResults(), results);
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, toJson(merged));
  mkdirSync(dirname(DOC_FILE), { recursive: true });
  writeFileSync(DOC_FILE, markdown(merged, sections(merged)));
  formatDoc();
  const goals = targets(merged);
  if (goals) printSections([goals], console.log);
  const kept = merged.parts.filter((p) => !parts.includes(p as Part));
  console.log(
    `\nWrote ${OUT_FILE.slice(ROOT.length + 1)} and ${DOC_FILE.slice(ROOT.length + 1)} (${results.totalSeconds} s)` +
      (kept.length > 0 ? `; kept the previous run's ${kept.join(", ")}` : ""),
  );
}

/** Biome formats Markdown too (`npm test` checks it): let it align the tables of the file just written. */
function formatDoc(): void {
  const biome = join(ROOT, "node_modules", ".bin", "biome");
  const res = spawnSync(biome, ["format", "--write", DOC_FILE], { cwd: ROOT, encoding: "utf8" });
  if (res.status !== 0) console.log(`! biome could not format ${DOC_FILE}: ${res.stderr || res.stdout}`);
}

/** The last run's results, to keep the parts this run skipped. */
function previousResults(): BenchResults | undefined {
  try {
    return JSON.parse(readFileSync(OUT_FILE, "utf8")) as BenchResults;
  } catch {
    return undefined;
  }
}

const cleanup = new Cleanup();
const running = new Set<ChildProcess>();
const killChildren = () => {
  for (const child of running) child.kill("SIGKILL");
};
cleanup.add(killChildren);
let signalled: number | undefined;
const stopOn = (signal: NodeJS.Signals, code: number) =>
  process.on(signal, () => {
    if (signalled !== undefined) return;
    signalled = code;
    console.error(`\n${signal}: stopping what the bench started…`);
    killChildren();
    void cleanup.run().finally(() => process.exit(code));
  });
stopOn("SIGINT", 130);
stopOn("SIGTERM", 143);

let code = 0;
try {
  await main(cleanup, running);
} catch (e) {
  // After a signal, whatever was in flight fails as its processes go away: not worth printing.
  if (signalled === undefined) console.error(e);
  code = 1;
} finally {
  await cleanup.run();
}
// Keep-alive sockets of the SDK and fetch would hold the loop open for a few seconds: end now.
process.exit(signalled ?? code);
