/**
 * Issue 14 (3): with the Graph API answering after 2.5 s, each reply reached it 4 times (timeout, retry, outbox).
 * A stack of its own sends to a Graph stand-in that accepts every message and answers 2.5 s later: every reply
 * of a conversation arrives exactly once, while Meta still gets its 200 in time.
 */
import { createServer, type Server } from "node:http";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../lib/store/local";
import { type Stack, startStack } from "../../scripts/stack";
import { metaJson, newWaId, postWebhook, sinkFor, whatsappText } from "../helpers/meta";

const received: string[] = [];
let graph: Server | undefined;
let stack: Stack | undefined;
afterAll(async () => {
  await stack?.stop();
  await new Promise((r) => (graph ? graph.close(r) : r(undefined)));
});

async function slowGraph(port: number): Promise<void> {
  graph = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      received.push(body); // accepted on arrival, as Graph does; the answer is what is late
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            message_id: `m_${received.length}`,
            messages: [{ id: `wamid.${received.length}` }],
          }),
        );
      }, 2500);
    });
  });
  await new Promise<void>((r) => graph?.listen(port, "127.0.0.1", r));
}

describe("slow Graph API", () => {
  it("a reply Graph accepts late is sent once", async () => {
    const graphPort = await freePort();
    await slowGraph(graphPort);
    stack = await startStack({
      port: await freePort(),
      buildDir: `.esbuild/slow-${process.pid}`,
      env: {
        DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
        TABLE_NAME: inject("stackTable"),
        SEED: "none",
        LOG_LEVEL: "error",
        META_GRAPH_URL: `http://127.0.0.1:${graphPort}/v21.0`,
      },
    });
    const waId = newWaId();
    const started = Date.now();
    const res = await postWebhook(stack.url, "whatsapp", metaJson(whatsappText({ waId, text: "hi" })));
    expect(res.status).toBe(200);
    expect(Date.now() - started, "Meta's answer (ms)").toBeLessThan(9000);
    // the outbox drains every second locally; give it time to (wrongly) send anything again
    await new Promise((r) => setTimeout(r, 12_000));
    // the test stack shares the table, so its outbox drain may send a deferred reply (to its own Graph sink)
    const drained = (await sinkFor(inject("stackUrl"), waId, { count: 0 })).map((m) =>
      JSON.stringify(m.body),
    );
    const mine = [
      ...received.filter((b) => b.includes(waId) || b.includes('"status":"read"')),
      ...drained,
    ].map((b) => JSON.stringify(JSON.parse(b)));
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(new Set(mine).size, JSON.stringify(mine.map((b) => b.slice(0, 80)))).toBe(mine.length);
  }, 120_000);
});
