/**
 * Lambda artefacts as `npx serverless package` builds them: one esbuild bundle per function of
 * deploy/functions.cjs, with the options of `custom.esbuild` in serverless.yml. Then the cold start of each
 * bundle in fresh `node` processes: module init (the dynamic `import()` of the bundle, timed inside the child)
 * and the first invocation of the handler with a harmless event.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";

/**
 * `custom.esbuild` of serverless.yml as serverless-esbuild hands it to esbuild (it renames
 * `outputFileExtension` to `outExtension`, turns `exclude` into externals and builds each function's
 * entry on its own). Keep in step with serverless.yml: `checkEsbuildOptions` warns when they drift apart.
 */
export const ESBUILD_OPTIONS = {
  bundle: true,
  minify: true,
  target: "node22",
  platform: "node",
  format: "esm",
  outExtension: { ".js": ".mjs" },
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  loader: { ".html": "text" },
  charset: "utf8",
  alias: {
    "botframework-connector": "./lib/bot/connectorStub.cjs",
    "botbuilder-stdlib": "./lib/bot/stdlibStub.cjs",
  },
  external: ["@aws-sdk/client-ssm"],
  // serverless.yml `plugins: ./deploy/esbuildPlugins.cjs`
  plugins: createRequire(import.meta.url)("../../deploy/esbuildPlugins.cjs") as Plugin[],
} satisfies BuildOptions;

/** Lines of serverless.yml that the options above mirror; a missing one means they may have drifted. */
export function checkEsbuildOptions(root: string): string[] {
  const yml = readFileSync(join(root, "serverless.yml"), "utf8");
  const expected = [
    "bundle: true",
    "minify: true",
    "target: node22",
    "platform: node",
    "format: esm",
    "outputFileExtension: .mjs",
    `js: "${ESBUILD_OPTIONS.banner.js}"`,
    ".html: text",
    'exclude: ["@aws-sdk/client-ssm"]',
    "botframework-connector: ./lib/bot/connectorStub.cjs",
    "botbuilder-stdlib: ./lib/bot/stdlibStub.cjs",
    "charset: utf8",
    "plugins: ./deploy/esbuildPlugins.cjs",
  ];
  return expected.filter((line) => !yml.includes(line));
}

export interface FunctionEntry {
  name: string;
  /** e.g. functions/webhookMessenger.ts */
  entry: string;
  /** memorySize of deploy/functions.cjs, else the provider's default in serverless.yml */
  memoryMb?: number;
}

/** The bench's floor handler (scripts/bench/floor.ts), built like a function. */
export const FLOOR_FUNCTION: FunctionEntry = { name: "floor", entry: "scripts/bench/floorLambda.ts" };

/** `provider.memorySize` of serverless.yml (the default of functions that set none). */
function providerMemory(root: string): number | undefined {
  const yml = readFileSync(join(root, "serverless.yml"), "utf8");
  const provider = /^provider:\n((?:[ \t].*\n|\n)*)/m.exec(yml)?.[1] ?? "";
  const m = /^ {2}memorySize:\s*(\d+)/m.exec(provider);
  return m ? Number(m[1]) : undefined;
}

/** Every function of deploy/functions.cjs in the `local` stage (the one that includes devSink). */
export async function listFunctions(root: string): Promise<FunctionEntry[]> {
  const require = createRequire(import.meta.url);
  const load = require(join(root, "deploy/functions.cjs")) as (ctx: {
    options: { stage?: string };
    resolveVariable: (v: string) => Promise<string>;
  }) => Promise<{ functions: Record<string, { handler: string; memorySize?: number }> }>;
  const { functions } = await load({ options: { stage: "local" }, resolveVariable: async () => "local" });
  const defaultMemory = providerMemory(root);
  return Object.entries(functions).map(([name, fn]) => {
    const base = fn.handler.slice(0, fn.handler.lastIndexOf("."));
    const entry = [".ts", ".mts", ".js", ".mjs"]
      .map((ext) => `${base}${ext}`)
      .find((f) => existsSync(join(root, f)));
    if (!entry) throw new Error(`No source file for ${name} (${fn.handler})`);
    return { name, entry, memoryMb: fn.memorySize ?? defaultMemory };
  });
}

export interface BuiltBundle extends FunctionEntry {
  file: string;
  bytes: number;
  gzipBytes: number;
  buildMs: number;
  /** output bytes by package (`app` is functions/, lib/ and web/), largest first */
  contributors: Array<{ source: string; bytes: number }>;
}

function contributorsOf(metafile: Metafile): Array<{ source: string; bytes: number }> {
  const bySource = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const source = m ? (m[1] as string) : "app";
      bySource.set(source, (bySource.get(source) ?? 0) + bytesInOutput);
    }
  }
  return [...bySource.entries()]
    .map(([source, bytes]) => ({ source, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 8);
}

/** Builds one bundle per function into `outDir` (one esbuild run each, as serverless-esbuild does). */
export async function buildBundles(
  root: string,
  fns: FunctionEntry[],
  outDir: string,
): Promise<BuiltBundle[]> {
  const out: BuiltBundle[] = [];
  for (const fn of fns) {
    const started = performance.now();
    const result = await build({
      ...ESBUILD_OPTIONS,
      absWorkingDir: root,
      entryPoints: [join(root, fn.entry)],
      outdir: join(outDir, fn.name),
      metafile: true,
      logLevel: "error",
    });
    const buildMs = performance.now() - started;
    const file = Object.keys(result.metafile.outputs).find((f) => f.endsWith(".mjs"));
    if (!file) throw new Error(`esbuild wrote no .mjs for ${fn.name}`);
    const abs = resolve(root, file);
    const bytes = readFileSync(abs);
    out.push({
      ...fn,
      file: abs,
      bytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length,
      buildMs,
      contributors: contributorsOf(result.metafile),
    });
  }
  return out;
}

/**
 * Runs in a fresh `node` per sample, outside tsx. Counts TCP connects so a cold start that reaches for
 * the network shows up; times the `import()` of the bundle and then each event handed to the handler in turn
 * (wall and CPU time of this process); prints one marked JSON line with the process's memory at the end.
 */
const CHILD_SOURCE = `
import http from "node:http";
import net from "node:net";
import { pathToFileURL } from "node:url";
const bootMs = performance.now();
let connects = 0;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) { connects++; return connect.apply(this, args); };
// Time with at least one DynamoDB request in flight, the requests and the bytes they returned.
const dbPort = process.env.DYNAMODB_ENDPOINT ? new URL(process.env.DYNAMODB_ENDPOINT).port : "";
const db = { ms: 0, requests: 0, bytes: 0 };
let inFlight = 0;
let busySince = 0;
const request = http.request;
http.request = function (...args) {
  const req = request.apply(this, args);
  const o = typeof args[0] === "object" && !(args[0] instanceof URL) ? args[0] : {};
  if (dbPort && String(o.port ?? "") === dbPort) {
    if (inFlight++ === 0) busySince = performance.now();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      db.requests++;
      if (--inFlight === 0) db.ms += performance.now() - busySince;
    };
    req.once("response", (res) => {
      // no "data" listener: it would switch the stream to flowing mode under the SDK's feet
      db.bytes += Number(res.headers["content-length"] ?? 0);
      res.once("end", finish);
      res.once("close", finish);
    });
    req.once("error", finish);
  }
  return req;
};
const [bundle, eventsJson] = process.argv.slice(2);
const cpuMs = (from) => { const u = process.cpuUsage(from); return (u.user + u.system) / 1000; };
const c0 = process.cpuUsage();
const t0 = performance.now();
const mod = await import(pathToFileURL(bundle).href);
const initMs = performance.now() - t0;
const initCpuMs = cpuMs(c0);
const initConnects = connects;
const calls = [];
for (const event of eventsJson ? JSON.parse(eventsJson) : []) {
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const db0 = { ...db };
  const res = await mod.handler(event, {});
  calls.push({
    ms: performance.now() - t1,
    cpuMs: cpuMs(c1),
    dbMs: db.ms - db0.ms,
    dbRequests: db.requests - db0.requests,
    dbBytes: db.bytes - db0.bytes,
    sinceImportMs: performance.now() - t0,
    status: res && typeof res === "object" && "statusCode" in res ? res.statusCode : null,
  });
}
const mem = process.memoryUsage();
process.stdout.write("\\n@@bench " + JSON.stringify({
  bootMs, initMs, initCpuMs, initConnects, calls,
  firstMs: calls[0]?.ms, status: calls[0]?.status, firstConnects: connects - initConnects,
  rssMb: mem.rss / 2 ** 20, heapMb: mem.heapUsed / 2 ** 20,
}) + "\\n");
process.exit(0);
`;

export function writeChildScript(dir: string): string {
  const file = join(dir, "cold-start.mjs");
  writeFileSync(file, CHILD_SOURCE);
  return file;
}

export interface ColdCall {
  ms: number;
  cpuMs: number;
  /** time with a DynamoDB request in flight, the requests and the response bytes */
  dbMs: number;
  dbRequests: number;
  dbBytes: number;
  /** from the start of the import to the end of this call */
  sinceImportMs: number;
  status?: number | null;
}

export interface ColdSample {
  /** node's own start-up, before the script ran */
  bootMs: number;
  initMs: number;
  initCpuMs: number;
  initConnects: number;
  calls: ColdCall[];
  firstMs?: number;
  firstConnects: number;
  status?: number | null;
  rssMb: number;
  heapMb: number;
  /** the end of what the child wrote to stderr (its warn/error log lines) */
  stderr: string;
}

/**
 * One fresh process: node startup is not in `initMs` (the clock starts at the `import()`). `events` go to the
 * handler one after the other (none, one, or a list).
 */
export function coldStart(
  script: string,
  bundle: string,
  events: unknown,
  env: Record<string, string>,
  running: Set<ChildProcess>,
  timeoutMs = 60_000,
): Promise<ColdSample> {
  return new Promise((done, fail) => {
    const list = events === undefined ? [] : Array.isArray(events) ? events : [events];
    const args = [script, bundle, ...(list.length > 0 ? [JSON.stringify(list)] : [])];
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", fail);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      const line = stdout.split("\n").find((l) => l.startsWith("@@bench "));
      if (code !== 0 || !line) {
        fail(new Error(`cold start of ${bundle} failed (${signal ?? code}):\n${stderr || stdout}`));
        return;
      }
      done({ ...(JSON.parse(line.slice("@@bench ".length)) as ColdSample), stderr });
    });
  });
}

/** An API Gateway HTTP API (payload 2.0) event. */
export function httpEvent(
  method: string,
  path: string,
  opts: { query?: Record<string, string>; headers?: Record<string, string>; body?: string } = {},
): Record<string, unknown> {
  const query = opts.query ?? {};
  return {
    version: "2.0",
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: { host: "localhost", "user-agent": "chatcart-bench", ...opts.headers },
    queryStringParameters: query,
    requestContext: {
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1" },
      stage: "$default",
    },
    ...(opts.body === undefined ? {} : { body: opts.body }),
    isBase64Encoded: false,
  };
}

/** The handler's first event: something every function answers without side effects. */
export function firstEvent(name: string, verifyToken: string): unknown {
  const http = (method: string, path: string, query: Record<string, string> = {}) =>
    httpEvent(method, path, { query });
  const verify = { "hub.mode": "subscribe", "hub.verify_token": verifyToken, "hub.challenge": "1158201444" };
  switch (name) {
    case "webhookMessenger":
    case "floor":
      return http("GET", "/webhooks/messenger", verify);
    case "webhookWhatsapp":
      return http("GET", "/webhooks/whatsapp", verify);
    case "health":
      return http("GET", "/health");
    case "devSink":
      return http("GET", "/dev/chat/config");
    case "outbox":
      // EventBridge scheduled event; the handler ignores it and drains the (empty) outbox.
      return {
        version: "0",
        id: "00000000-0000-0000-0000-000000000000",
        "detail-type": "Scheduled Event",
        source: "aws.events",
        time: new Date().toISOString(),
        region: "us-east-1",
        resources: [],
        detail: {},
      };
    default:
      return undefined;
  }
}
