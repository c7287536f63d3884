/**
 * `npm run bench`: figures for this machine, printed as tables and written to `.bench/results.json`.
 * It asserts nothing. It starts what it needs (DynamoDB Local in memory, a fake Graph API on 127.0.0.1, child
 * `node` processes) and stops all of it on exit, on error and on SIGINT/SIGTERM; no JVM is left behind.
 *
 * The machine is small (2 cores) and shared, so every figure is an order statistic (median, percentiles,
 * max) and worth comparing between runs only when the difference is large.
 *
 * Figures
 * 1. Lambda artefacts, per function of deploy/functions.cjs (local stage, so devSink is included):
 *    - bundle: bytes of the `.mjs` esbuild writes with the options of `custom.esbuild` in serverless.yml
 *      (bundle, minify, platform node, target node22, format esm, the createRequire banner, `.html` as text,
 *      nothing external), and its size gzipped (level 9; the deployment zip deflates about as well);
 *    - init: median (and min–max) over 7 fresh `node` processes of the dynamic `import()` of the bundle, timed
 *      inside the child with performance.now(); node's own start-up is not included. The environment is a
 *      valid local one (IS_OFFLINE, a dummy DYNAMODB_ENDPOINT on 127.0.0.1, no SSM prefix), and the child
 *      counts TCP connects: a cold start must not reach for the network;
 *    - first call: median over the same processes of the first handler invocation with a harmless event
 *      (webhooks: the GET verification handshake, which builds the runtime and parses the config lazily;
 *      health: GET /health; devSink: GET /dev/chat/config; outbox: a scheduled event that drains the empty
 *      outbox on the bench's DynamoDB Local — the only first call that does I/O).
 *    Lambda runs arm64 with a CPU share set by memory (webhooks 1024 MB), so absolute figures differ there.
 * 2. Text turns in process, per channel: `handleWebhook` (lib/bot/webhook.ts) on a Runtime from
 *    `createRuntime(parseConfig(env))` with DynamoDB Local and the fake Graph API (it answers at once, so Meta's
 *    round trip is not included). Per channel 50 warm-up turns, then 1,000 signed deliveries, one at a time
 *    (latency, not throughput; the two channels interleaved turn by turn so drift does not land on one of
 *    them), each with a unique mid/wamid, spread over 50 shoppers writing short texts in en/ar/zh/tl/id:
 *    p50/p90/p99/max ms; DynamoDB requests per turn (commands, counted by a middleware on
 *    `runtime.db.raw.middlewareStack`, with the breakdown by command; HTTP attempts too, which differ only on
 *    retries); Graph API requests per turn (replies and WhatsApp read receipts).
 *    Redelivery: 100 of those deliveries sent again byte for byte: p50/p99 and requests per redelivery
 *    (a redelivery must not reach the Graph API).
 *    A webhook answers 200 even when a turn fails, so the warn/error lines the code logs are counted per
 *    delivery and listed (LOG_LEVEL=warn: info lines are not written, in process or in the children).
 * 3. Carts and orders in process, the same way (scripts/bench/commerce.ts), after raising the stock of the
 *    in-stock demo products so nothing is capped or sold out:
 *    - add to cart: per channel 50 warm-up, then 300 deliveries over 50 shoppers (apart from the text turns'),
 *      rounds alternating between a button tap `ADD:{productId}` (WhatsApp reply button, Messenger postback)
 *      and a typed request in the shopper's language ("add 2 of the red tee in M"); p50/p90/p99/max and
 *      DynamoDB requests per delivery by command, for taps, texts and both; the replies that said "Added …"
 *      (any locale) are counted, so a typed request the NLU misread shows as a shortfall;
 *    - place an order: per channel 200 shoppers (and 20 for warm-up) whose cart of 1–3 lines waits at the
 *      confirm step, written directly in DynamoDB before the clock starts (addToCart, then saveCheckout);
 *      the timed delivery is the `CONFIRM:{rev}` tap. Same figures, plus the replies naming an order id and
 *      the measured shoppers' orders found in the shop's order list (listOrders).
 * 4. Understanding: `understand` over a 1,000-product catalogue built from the demo shop, messages in the
 *    five locales: the static model's build (cold start), the index build, p50/p99/max per message.
 */
import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRuntime, type Runtime } from "../lib/bot/runtime";
import { seedDemo } from "../lib/catalog/seed";
import type { ChannelId } from "../lib/channels/types";
import { parseConfig } from "../lib/config";
import { type LocalDynamo, startDynamoLocal } from "../lib/store/local";
import { ensureTable } from "../lib/store/table";
import {
  type BuiltBundle,
  buildBundles,
  type ColdSample,
  checkEsbuildOptions,
  coldStart,
  firstEvent,
  listFunctions,
  writeChildScript,
} from "./bench/bundles";
import { benchCommerce, type CommerceResult } from "./bench/commerce";
import { type FakeGraph, startFakeGraph } from "./bench/fakeGraph";
import { benchNlu } from "./bench/nlu";
import { kib, median, ms, round, table } from "./bench/stats";
import { benchTurns, countDbRequests, type PhaseResult, type TurnsResult } from "./bench/turns";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT_FILE = join(ROOT, ".bench", "results.json");

const COLD_RUNS = 7;
const WARMUP = 50;
const TURNS = 1000;
const SHOPPERS = 50;
const REDELIVERIES = 100;
/** Stop measuring turns after this long (both channels) so the whole bench stays near 3 minutes. */
const TURN_BUDGET_MS = 110_000;
const ADD_WARMUP = 50;
const ADDS = 300;
const ORDER_WARMUP = 20;
const ORDERS = 200;

const TABLE_NAME = "chatcart-bench";
const MESSENGER_PAGE_ID = "100000000000001";
const WHATSAPP_PHONE_NUMBER_ID = "200000000000002";
/** Nothing listens on the discard port: a cold start that connects would show up as an error or a count. */
const DUMMY_ENDPOINT = "http://127.0.0.1:9";

// The pinned AWS SDK prints a notice on Node 20; the functions set the same variable (serverless.yml).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** Teardown steps, run once, last registered first. */
class Cleanup {
  private readonly steps: Array<() => unknown> = [];
  private done: Promise<void> | undefined;
  add(step: () => unknown): void {
    this.steps.push(step);
  }
  run(): Promise<void> {
    this.done ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step();
        } catch (e) {
          console.error(`cleanup: ${(e as Error).message}`);
        }
      }
    })();
    return this.done;
  }
}

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

interface FunctionFigures {
  name: string;
  entry: string;
  bundleBytes: number;
  gzipBytes: number;
  buildMs: number;
  initMs: { median: number; min: number; max: number; samples: number[] };
  firstCallMs: { median: number; status: number | null | undefined; samples: number[] };
  /** TCP connects during init (should be 0) and during the first call */
  connects: { init: number; firstCall: number };
  largestContributors: BuiltBundle["contributors"];
}

async function coldStarts(
  bundles: BuiltBundle[],
  script: string,
  dynamoEndpoint: string,
  graphUrl: string,
  running: Set<ChildProcess>,
): Promise<FunctionFigures[]> {
  const out: FunctionFigures[] = [];
  for (const b of bundles) {
    // Only the outbox's first call needs the table; everyone else gets an endpoint nobody answers on.
    const env = lambdaEnv(b.name === "outbox" ? dynamoEndpoint : DUMMY_ENDPOINT, graphUrl);
    const event = firstEvent(b.name, "dev-verify-token");
    const samples: ColdSample[] = [];
    for (let i = 0; i < COLD_RUNS; i++) samples.push(await coldStart(script, b.file, event, env, running));
    const init = samples.map((s) => s.initMs);
    const first = samples.map((s) => s.firstMs ?? Number.NaN);
    out.push({
      name: b.name,
      entry: b.entry,
      bundleBytes: b.bytes,
      gzipBytes: b.gzipBytes,
      buildMs: round(b.buildMs, 0),
      initMs: {
        median: round(median(init)),
        min: round(Math.min(...init)),
        max: round(Math.max(...init)),
        samples: init.map((x) => round(x)),
      },
      firstCallMs: {
        median: round(median(first)),
        status: samples[0]?.status,
        samples: first.map((x) => round(x)),
      },
      connects: {
        init: Math.max(...samples.map((s) => s.initConnects)),
        firstCall: Math.max(...samples.map((s) => s.firstConnects)),
      },
      largestContributors: b.contributors,
    });
  }
  return out;
}

function printFunctions(figures: FunctionFigures[]): void {
  console.log(
    `\n1. Lambda bundles and cold start (init and first call: median of ${COLD_RUNS} fresh processes)\n`,
  );
  console.log(
    table(
      ["function", "bundle", "gzip", "init p50", "init min–max", "1st call p50", "status"],
      figures.map((f) => [
        f.name,
        kib(f.bundleBytes),
        kib(f.gzipBytes),
        `${ms(f.initMs.median)} ms`,
        `${ms(f.initMs.min)}–${ms(f.initMs.max)} ms`,
        `${ms(f.firstCallMs.median)} ms`,
        String(f.firstCallMs.status ?? "–"),
      ]),
    ),
  );
  for (const f of figures) {
    if (f.connects.init > 0) console.log(`! ${f.name}: ${f.connects.init} TCP connect(s) during init`);
    if (f.connects.firstCall > 0 && f.name !== "outbox") {
      console.log(`! ${f.name}: ${f.connects.firstCall} TCP connect(s) during the first call`);
    }
  }
}

/** A phase's row of the latency tables: label, n, p50, p90, p99, max, DDB and Graph requests per turn, non-200, logs. */
const phaseRow = (label: string, p: PhaseResult) => [
  label,
  String(p.latencyMs.n),
  ms(p.latencyMs.p50),
  ms(p.latencyMs.p90),
  ms(p.latencyMs.p99),
  ms(p.latencyMs.max),
  p.db.perTurn.toFixed(2),
  p.graph.perTurn.toFixed(2),
  String(p.non200),
  String(p.warnOrErrorLogs),
];

/** The DynamoDB requests per delivery of each phase, by command, with the totals and the HTTP attempts. */
function printDbByCommand(phases: ReadonlyArray<readonly [string, PhaseResult]>): void {
  console.log("\nDynamoDB requests per delivery, by command\n");
  const commands = [...new Set(phases.flatMap(([, p]) => Object.keys(p.db.byCommand)))];
  const rows = commands.map((cmd) => [cmd, ...phases.map(([, p]) => (p.db.byCommand[cmd] ?? 0).toFixed(2))]);
  rows.push(["total", ...phases.map(([, p]) => p.db.perTurn.toFixed(2))]);
  rows.push(["HTTP attempts (retries incl.)", ...phases.map(([, p]) => p.db.attemptsPerTurn.toFixed(2))]);
  console.log(table(["command", ...phases.map(([label]) => label)], rows));
}

function printTurns(t: TurnsResult): void {
  const channels = Object.keys(t.channels) as ChannelId[];
  console.log(
    `\n2. Text turns through handleWebhook in process, one at a time, channels interleaved (after ${t.warmupPerChannel} warm-up turns each; DynamoDB Local, fake Graph API)\n`,
  );
  console.log(
    table(
      [
        "deliveries",
        "n",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "DDB req/turn",
        "Graph req/turn",
        "non-200",
        "warn/error logs",
      ],
      [
        ...channels.map((c) => phaseRow(`${c} turn`, t.channels[c].turns)),
        ...channels.map((c) => phaseRow(`${c} redelivery`, t.channels[c].redeliveries)),
      ],
    ),
  );
  printDbByCommand(
    channels.flatMap((c) => [
      [`${c} turn`, t.channels[c].turns] as const,
      [`${c} redelivery`, t.channels[c].redeliveries] as const,
    ]),
  );
  const graphNotes = channels.map((c) => {
    const g = t.channels[c].turns.graph;
    return `${c} ${g.messagesPerTurn.toFixed(2)} replies + ${g.readReceiptsPerTurn.toFixed(2)} read receipts`;
  });
  console.log(`\nGraph API requests per turn: ${graphNotes.join("; ")}`);
  for (const c of channels) {
    const { turns, redeliveries } = t.channels[c];
    if (turns.graph.other + redeliveries.graph.other > 0) {
      console.log(
        `! ${c}: the fake Graph API refused ${turns.graph.other + redeliveries.graph.other} request(s)`,
      );
    }
  }
  if (t.logged.length > 0) {
    console.log("\n! warn/error lines logged during the turns (warm-up included), by count:");
    for (const { line, count } of t.logged.slice(0, 8))
      console.log(`  ${String(count).padStart(5)}  ${line}`);
  }
}

function printCommerce(c: CommerceResult, t: TurnsResult): void {
  const channels = Object.keys(c.adds) as ChannelId[];
  console.log(
    `\n3. Carts and orders through handleWebhook in process, one at a time, channels interleaved (after ${c.warmup.adds} add and ${c.warmup.orders} order warm-up deliveries each; stock of ${c.stockRaised.products} products raised to ${c.stockRaised.to})\n`,
  );
  const phases = channels.flatMap((ch) => [
    [`${ch} add (tap)`, ch, c.adds[ch].tap] as const,
    [`${ch} add (text)`, ch, c.adds[ch].text] as const,
    [`${ch} add (all)`, ch, c.adds[ch].all] as const,
    [`${ch} order`, ch, c.orders[ch]] as const,
  ]);
  const ratio = (x: number, base: number) => (base > 0 ? `×${(x / base).toFixed(1)}` : "–");
  console.log(
    table(
      [
        "deliveries",
        "n",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "DDB req",
        "Graph req",
        "non-200",
        "warn/error",
        "p50/p99 vs text",
        "DDB vs text",
      ],
      phases.map(([label, ch, p]) => {
        const text = t.channels[ch].turns;
        return [
          ...phaseRow(label, p),
          `${ratio(p.latencyMs.p50, text.latencyMs.p50)} / ${ratio(p.latencyMs.p99, text.latencyMs.p99)}`,
          ratio(p.db.perTurn, text.db.perTurn),
        ];
      }),
    ),
  );
  printDbByCommand(phases.map(([label, , p]) => [label, p] as const));
  console.log("");
  for (const ch of channels) {
    const a = c.adds[ch];
    const o = c.orders[ch];
    console.log(
      `${ch}: "Added" replies ${a.added.tap}/${a.tap.latencyMs.n} taps, ${a.added.text}/${a.text.latencyMs.n} texts; ` +
        `orders ${o.ordersListed} listed, ${o.repliesWithOrderId} replies with an order id, of ${o.latencyMs.n} confirmations ` +
        `(${o.lines.min}–${o.lines.max} lines, mean ${o.lines.mean})`,
    );
    if (a.added.tap < a.tap.latencyMs.n || a.added.text < a.text.latencyMs.n) {
      console.log(`! ${ch}: some adds were not answered with "Added"`);
    }
    if (o.ordersListed < o.latencyMs.n || o.repliesWithOrderId < o.latencyMs.n) {
      console.log(`! ${ch}: some confirmations did not produce an order`);
    }
  }
  console.log(
    `(wall time: adds ${c.wallSeconds.adds} s, preparing carts ${c.wallSeconds.prepare} s, orders ${c.wallSeconds.orders} s)`,
  );
  if (c.logged.length > 0) {
    console.log("\n! warn/error lines logged during carts and orders (warm-up included), by count:");
    for (const { line, count } of c.logged.slice(0, 8))
      console.log(`  ${String(count).padStart(5)}  ${line}`);
  }
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
  const dirty = spawnSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" });
  return `${rev.stdout.trim()}${dirty.stdout.trim() ? "-dirty" : ""}`;
}

async function main(cleanup: Cleanup, running: Set<ChildProcess>): Promise<void> {
  const started = performance.now();
  const cpu = cpus();
  const machine = {
    cpu: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    loadAverageAtStart: loadavg().map((x) => round(x)),
  };
  console.log(
    `chatcart bench — ${machine.cores} × ${machine.cpu}, node ${machine.node}, load ${machine.loadAverageAtStart.join(" ")}`,
  );
  console.log(
    "Shared, noisy machine: figures are medians/percentiles; compare runs only for large differences.",
  );
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
  const bundles = await buildBundles(ROOT, fns, tmp);
  const [dynamo, graph]: [LocalDynamo, FakeGraph] = await Promise.all([dynamoStarting, graphStarting]);
  const graphUrl = `${graph.url}/v21.0`;

  const config = await parseConfig(lambdaEnv(dynamo.endpoint, graphUrl), async () => {
    throw new Error("the bench never reads SSM");
  });
  // Before createRuntime, which builds the NLU's static model: the figure includes that cold-start cost.
  const nlu = benchNlu();
  const rt: Runtime = createRuntime(config);
  cleanup.add(() => rt.db.raw.destroy());
  await ensureTable(rt.db.raw, TABLE_NAME);
  // Turns run against the demo shop, as `npm start` does (70 products, 16 answers).
  await seedDemo(rt.db, config);

  const functions = await coldStarts(bundles, writeChildScript(tmp), dynamo.endpoint, graphUrl, running);
  printFunctions(functions);

  const counter = countDbRequests(rt.db.raw);
  const turns = await benchTurns(["messenger", "whatsapp"], rt, graph, counter, {
    appSecret: config.secrets.META_APP_SECRET,
    messengerPageId: MESSENGER_PAGE_ID,
    whatsappPhoneNumberId: WHATSAPP_PHONE_NUMBER_ID,
    shoppers: SHOPPERS,
    warmup: WARMUP,
    turns: TURNS,
    redeliveries: REDELIVERIES,
    budgetMs: TURN_BUDGET_MS,
  });
  printTurns(turns);
  for (const [c, r] of Object.entries(turns.channels)) {
    if (r.turns.latencyMs.n < TURNS)
      console.log(`! ${c}: stopped after ${r.turns.latencyMs.n} turns (time budget)`);
  }

  const commerce = await benchCommerce(["messenger", "whatsapp"], rt, graph, counter, {
    appSecret: config.secrets.META_APP_SECRET,
    messengerPageId: MESSENGER_PAGE_ID,
    whatsappPhoneNumberId: WHATSAPP_PHONE_NUMBER_ID,
    shoppers: SHOPPERS,
    addWarmup: ADD_WARMUP,
    adds: ADDS,
    orderWarmup: ORDER_WARMUP,
    orders: ORDERS,
  });
  printCommerce(commerce, turns);

  console.log(
    `\n4. Understanding one message (lib/nlu understand), ${nlu.products}-product catalogue, ${nlu.perMessageMs.n} messages in five locales\n`,
  );
  console.log(
    table(
      ["static model", "index build", "p50", "p99", "max"],
      [
        [
          ms(nlu.warmUpMs),
          ms(nlu.buildMs),
          ms(nlu.perMessageMs.p50),
          ms(nlu.perMessageMs.p99),
          ms(nlu.perMessageMs.max),
        ],
      ],
    ),
  );

  const totalSeconds = round((performance.now() - started) / 1000, 1);
  const results = {
    generatedAt: new Date().toISOString(),
    revision: gitRevision(),
    machine: { ...machine, loadAverageAtEnd: loadavg().map((x) => round(x)) },
    note: "Shared 2-core machine: medians and percentiles; DynamoDB Local and a fake Graph API, not AWS.",
    settings: {
      coldRuns: COLD_RUNS,
      warmup: WARMUP,
      turns: TURNS,
      shoppers: SHOPPERS,
      redeliveries: REDELIVERIES,
      addWarmup: ADD_WARMUP,
      adds: ADDS,
      orderWarmup: ORDER_WARMUP,
      orders: ORDERS,
    },
    functions,
    turns,
    commerce,
    nlu,
    totalSeconds,
  };
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, toJson(results));
  console.log(`\nWrote ${OUT_FILE.slice(ROOT.length + 1)} (${totalSeconds} s in all)`);
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
