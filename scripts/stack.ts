/**
 * The local stack: DynamoDB Local (unless `DYNAMODB_ENDPOINT` is given), the table, the demo seed and every
 * HTTP route through serverless-offline. Used by `npm start`, the e2e tests and the benchmarks.
 * `stop()` ends both child processes and waits for them to exit.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedDemo } from "../lib/catalog/seed";
import { parseConfig } from "../lib/config";
import { createDb } from "../lib/store/client";
import { freePort, type LocalDynamo, startDynamoLocal } from "../lib/store/local";
import { ensureTable } from "../lib/store/table";
import { ensureDefaultTokens } from "../lib/store/tokens";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * serverless-offline runs no `schedule` events: the stack invokes the scheduled functions itself, more often
 * than deployed (outbox every minute, handoverIdle and cartReminder every 5 minutes there), so local results show
 * up quickly.
 */
const SCHEDULES: Array<[name: string, everyMs: number]> = [
  ["outbox", 1000],
  ["handoverIdle", 10_000],
  ["cartReminder", 10_000],
];

export interface StackOptions {
  port?: number;
  dataDir?: string;
  /** extra environment for the functions (e.g. META_GRAPH_URL) */
  env?: Record<string, string>;
  /** print serverless-offline's output */
  verbose?: boolean;
  /**
   * esbuild's work folder. Two stacks must not share one (each rebuilds and removes it), so tests pass a
   * folder of their own and remove it when they stop.
   */
  buildDir?: string;
}

export interface Stack {
  url: string;
  port: number;
  dynamoEndpoint: string;
  tableName: string;
  /** PIDs of the processes the stack started */
  pids: number[];
  stop(): Promise<void>;
}

async function waitFor(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`serverless offline exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${output()}`);
}

function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const env = { ...process.env, ...opts.env } as Record<string, string | undefined>;
  if (opts.port !== undefined) env.PORT = String(opts.port);
  if (opts.dataDir !== undefined) env.DATA_DIR = opts.dataDir;
  const config = await parseConfig(env);
  let dynamo: LocalDynamo | undefined;
  let offline: ChildProcess | undefined;
  const timers: NodeJS.Timeout[] = [];
  const stop = async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.all([offline ? stopChild(offline) : undefined, dynamo?.stop()]);
    if (opts.buildDir) rmSync(join(ROOT, opts.buildDir), { recursive: true, force: true });
  };
  try {
    let endpoint = config.dynamodbEndpoint;
    if (!endpoint) {
      if (config.dataDir !== ":memory:") mkdirSync(config.dataDir, { recursive: true });
      dynamo = await startDynamoLocal({ dataDir: config.dataDir });
      endpoint = dynamo.endpoint;
    }
    const db = createDb({ endpoint, region: config.region, table: config.tableName });
    await ensureTable(db.raw, config.tableName);
    // The default shop's tokens always; the demo catalogue only with SEED=demo and only into an empty shop.
    if (config.seed === "demo") await seedDemo(db, config);
    else await ensureDefaultTokens(db, config);
    db.raw.destroy();

    const lambdaPort = await freePort();
    let output = "";
    offline = spawn(
      process.execPath,
      [
        join(ROOT, "node_modules/serverless/bin/serverless.js"),
        "offline",
        "start",
        "--stage",
        "local",
        "--httpPort",
        String(config.port),
        "--lambdaPort",
        String(lambdaPort),
        "--noPrependStageInUrl",
        // loopback only: the local stack serves dev secrets' effects and shopper data (issue 14)
        "--host",
        "127.0.0.1",
        "--useInProcess",
      ],
      {
        cwd: ROOT,
        env: {
          ...env,
          PORT: String(config.port),
          DYNAMODB_ENDPOINT: endpoint,
          TABLE_NAME: config.tableName,
          SLS_TELEMETRY_DISABLED: "1",
          ...(opts.buildDir ? { ESBUILD_WORK_FOLDER: opts.buildDir } : {}),
          SLS_NOTIFICATIONS_MODE: "off",
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const collect = (d: Buffer) => {
      output = (output + d.toString()).slice(-20_000);
      if (opts.verbose) process.stdout.write(d);
    };
    offline.stdout?.on("data", collect);
    offline.stderr?.on("data", collect);
    const url = `http://127.0.0.1:${config.port}`;
    await waitFor(`${url}/health`, offline, 60_000, () => output);
    // Load the webhook and sink functions once, so the first shopper message does not pay the cold starts.
    await Promise.all(
      [
        `${url}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=warm-up&hub.challenge=0`,
        `${url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=warm-up&hub.challenge=0`,
        `${url}/webhooks/instagram?hub.mode=subscribe&hub.verify_token=warm-up&hub.challenge=0`,
        `${url}/dev/chat/config`,
      ].map((u) => fetch(u).catch(() => {})),
    );
    // Invoke the scheduled functions the way the deployed schedules do, one call at a time per function. The
    // Lambda invoke API of serverless-offline knows functions by their deployed name, `{service}-{stage}-{name}`
    // (a bare `outbox` answers "Function does not exist").
    for (const [name, everyMs] of SCHEDULES) {
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        fetch(`http://127.0.0.1:${lambdaPort}/2015-03-31/functions/chatcart-local-${name}/invocations`, {
          method: "POST",
          body: "{}",
        })
          .then((r) => r.arrayBuffer())
          .catch(() => {})
          .finally(() => {
            busy = false;
          });
      }, everyMs);
      timer.unref();
      timers.push(timer);
    }
    const pids = [offline.pid, dynamo?.pid].filter((p): p is number => p !== undefined);
    return { url, port: config.port, dynamoEndpoint: endpoint, tableName: config.tableName, pids, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
