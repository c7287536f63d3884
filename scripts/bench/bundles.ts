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
import { type BuildOptions, build, type Metafile } from "esbuild";

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
  alias: { "botframework-connector": "./lib/bot/connectorStub.cjs" },
  external: ["@aws-sdk/client-ssm"],
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
  ];
  return expected.filter((line) => !yml.includes(line));
}

export interface FunctionEntry {
  name: string;
  /** e.g. functions/webhookMessenger.ts */
  entry: string;
}

/** Every function of deploy/functions.cjs in the `local` stage (the one that includes devSink). */
export async function listFunctions(root: string): Promise<FunctionEntry[]> {
  const require = createRequire(import.meta.url);
  const load = require(join(root, "deploy/functions.cjs")) as (ctx: {
    options: { stage?: string };
    resolveVariable: (v: string) => Promise<string>;
  }) => Promise<{ functions: Record<string, { handler: string }> }>;
  const { functions } = await load({ options: { stage: "local" }, resolveVariable: async () => "local" });
  return Object.entries(functions).map(([name, fn]) => {
    const base = fn.handler.slice(0, fn.handler.lastIndexOf("."));
    const entry = [".ts", ".mts", ".js", ".mjs"]
      .map((ext) => `${base}${ext}`)
      .find((f) => existsSync(join(root, f)));
    if (!entry) throw new Error(`No source file for ${name} (${fn.handler})`);
    return { name, entry };
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
 * the network shows up; prints one marked JSON line.
 */
const CHILD_SOURCE = `
import net from "node:net";
import { pathToFileURL } from "node:url";
const bootMs = performance.now();
let connects = 0;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) { connects++; return connect.apply(this, args); };
const [bundle, eventJson] = process.argv.slice(2);
const t0 = performance.now();
const mod = await import(pathToFileURL(bundle).href);
const initMs = performance.now() - t0;
const initConnects = connects;
let firstMs;
let status;
if (eventJson) {
  const t1 = performance.now();
  const res = await mod.handler(JSON.parse(eventJson), {});
  firstMs = performance.now() - t1;
  status = res && typeof res === "object" && "statusCode" in res ? res.statusCode : null;
}
process.stdout.write("\\n@@bench " + JSON.stringify({ bootMs, initMs, initConnects, firstMs, firstConnects: connects - initConnects, status }) + "\\n");
process.exit(0);
`;

export function writeChildScript(dir: string): string {
  const file = join(dir, "cold-start.mjs");
  writeFileSync(file, CHILD_SOURCE);
  return file;
}

export interface ColdSample {
  bootMs: number;
  initMs: number;
  initConnects: number;
  firstMs?: number;
  firstConnects: number;
  status?: number | null;
}

/** One fresh process: node startup is not in `initMs` (the clock starts at the `import()`). */
export function coldStart(
  script: string,
  bundle: string,
  event: unknown,
  env: Record<string, string>,
  running: Set<ChildProcess>,
): Promise<ColdSample> {
  return new Promise((done, fail) => {
    const args = [script, bundle, ...(event === undefined ? [] : [JSON.stringify(event)])];
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
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("error", fail);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      const line = stdout.split("\n").find((l) => l.startsWith("@@bench "));
      if (code !== 0 || !line) {
        fail(new Error(`cold start of ${bundle} failed (${signal ?? code}):\n${stderr || stdout}`));
        return;
      }
      done(JSON.parse(line.slice("@@bench ".length)) as ColdSample);
    });
  });
}

/** The handler's first event: something every function answers without side effects. */
export function firstEvent(name: string, verifyToken: string): unknown {
  const http = (method: string, path: string, query: Record<string, string> = {}) => ({
    version: "2.0",
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: { host: "localhost", "user-agent": "chatcart-bench" },
    queryStringParameters: query,
    requestContext: {
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1" },
      stage: "$default",
    },
    isBase64Encoded: false,
  });
  const verify = { "hub.mode": "subscribe", "hub.verify_token": verifyToken, "hub.challenge": "1158201444" };
  switch (name) {
    case "webhookMessenger":
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
