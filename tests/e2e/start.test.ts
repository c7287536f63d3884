/**
 * `npm start` as an operator uses it: it comes up with the demo shop, keeps its data in DATA_DIR, and Ctrl-C
 * (SIGINT) stops everything within 5 s, the DynamoDB Local JVM included.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../lib/store/local";
import { ROOT } from "../../scripts/stack";
import {
  messengerText,
  metaJson,
  newPsid,
  newWaId,
  postWebhook,
  sinkFor,
  whatsappText,
} from "../helpers/meta";

const dataDir = mkdtempSync(join(tmpdir(), "chatcart-start-"));
let child: ChildProcess | undefined;
let pids: number[] = [];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(() => {
  // Only if the test failed half-way: end what this test started, by PID.
  for (const pid of [child?.pid, ...pids]) if (pid && alive(pid)) process.kill(pid, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("serves the stack with the demo shop and stops everything on SIGINT within 5 s", async () => {
    const port = await freePort();
    const started = Date.now();
    child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts/start.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        SEED: "demo",
        LOG_LEVEL: "warn",
        ESBUILD_WORK_FOLDER: `.esbuild/start-test-${process.pid}`,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const ready = await new Promise<{ ms: number; pids: number[]; pages: Record<string, string> }>(
      (resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not ready in 90 s:\n${out}`)), 90_000);
        const check = setInterval(() => {
          const line = out.split("\n").find((l) => l.includes('"stack.ready"'));
          if (line) {
            clearInterval(check);
            clearTimeout(timer);
            resolve(JSON.parse(line));
          }
        }, 100);
      },
    );
    pids = ready.pids;
    console.log(`npm start: ready in ${ready.ms} ms (${Date.now() - started} ms with node and tsx start-up)`);
    expect(ready.pages.chat).toBe(`http://127.0.0.1:${port}/chat`);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    const products = await fetch(`http://127.0.0.1:${port}/api/admin/products`, {
      headers: { authorization: "Bearer dev-admin-token" },
    });
    expect(((await products.json()) as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(40);
    expect(readdirSync(dataDir).some((f) => f.endsWith(".db"))).toBe(true);
    // a signed WhatsApp text gets a reply at the sink, and so does a Messenger one
    const base = `http://127.0.0.1:${port}`;
    const waId = newWaId();
    expect((await postWebhook(base, "whatsapp", metaJson(whatsappText({ waId, text: "hi" })))).status).toBe(
      200,
    );
    expect((await sinkFor(base, waId)).length).toBeGreaterThan(0);
    const psid = newPsid();
    expect((await postWebhook(base, "messenger", metaJson(messengerText({ psid, text: "hi" })))).status).toBe(
      200,
    );
    expect((await sinkFor(base, psid)).length).toBeGreaterThan(0);

    const exited = new Promise<number>((resolve) => child?.once("exit", () => resolve(Date.now())));
    const signalled = Date.now();
    child.kill("SIGINT");
    const stoppedAt = await exited;
    expect(stoppedAt - signalled).toBeLessThan(5000);
    for (const pid of pids) expect(alive(pid), `process ${pid} still running`).toBe(false);
    expect(existsSync(join(ROOT, `.esbuild/start-test-${process.pid}`))).toBe(false);
  }, 120_000);
});
