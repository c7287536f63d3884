/**
 * Meta wants the 200 within a few seconds. With a Graph API that hangs, the webhook still answers in time,
 * the replies wait in the outbox, and the outbox worker sends them later, once, in order.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type Runtime } from "../../lib/bot/runtime";
import { handleWebhook } from "../../lib/bot/webhook";
import { drainOutbox } from "../../lib/channels/meta/sender";
import { parseConfig } from "../../lib/config";
import { dueOutbox, UNCERTAIN_GRACE_MS } from "../../lib/store/outbox";
import { freshTable } from "../helpers/db";
import { metaJson, newWaId, signedWebhookRequest, whatsappText } from "../helpers/meta";

let mode: "hang" | "ok" = "hang";
const received: Array<Record<string, unknown>> = [];
const hanging: IncomingMessage[] = [];
let server: Server;
let rt: Runtime;
let table: Awaited<ReturnType<typeof freshTable>>;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      if (mode === "hang") {
        hanging.push(req);
        return; // never answers
      }
      received.push(JSON.parse(body));
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          messaging_product: "whatsapp",
          contacts: [],
          messages: [{ id: `wamid.${received.length}` }],
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  table = await freshTable();
  const endpoint = await table.raw.config.endpoint?.();
  const config = await parseConfig({
    DYNAMODB_ENDPOINT: `${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`,
    TABLE_NAME: table.table,
    META_GRAPH_URL: `http://127.0.0.1:${port}/v21.0`,
    LOG_LEVEL: "error",
  });
  rt = createRuntime(config);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rt.db.raw.destroy();
  await table.drop();
});

const request = (raw: string) => signedWebhookRequest("whatsapp", raw);

describe("webhook time budget with a hanging Graph API", () => {
  it("answers 200 within 3 s, queues the reply, and the outbox sends it once later", async () => {
    const waId = newWaId();
    const raw = metaJson(whatsappText({ waId, text: "hi" }));
    const started = Date.now();
    const res = await handleWebhook("whatsapp", request(raw), rt);
    const elapsed = Date.now() - started;
    expect(res.statusCode).toBe(200);
    expect(elapsed).toBeLessThan(3000);
    expect(hanging.length).toBeGreaterThan(0);

    // the answer waits in the outbox (the read receipt and typing indicator are best effort, never queued:
    // lib/bot/presence.ts)
    const queued = await dueOutbox(rt.db, Date.now() + 1000);
    expect(queued.map((q) => q.body.status ?? q.body.type)).toEqual(["interactive"]);

    // a redelivery while the reply is queued must not queue it again
    expect((await handleWebhook("whatsapp", request(raw), rt)).statusCode).toBe(200);
    expect(await dueOutbox(rt.db, Date.now() + 1000)).toHaveLength(1);

    mode = "ok";
    const accountFor = async () => (await rt.directory.find("whatsapp", "200000000000002")) ?? undefined;
    // the attempt was given up in flight, so Graph may have it: the outbox waits for its status (send once)
    expect(queued[0]).toMatchObject({ state: "uncertain" });
    expect(await drainOutbox(rt.db, rt.graph, accountFor, Date.now() + 1000)).toMatchObject({ sent: 0 });
    // no status came within the grace period: it goes again, once
    const later = Date.now() + UNCERTAIN_GRACE_MS + 1000;
    const [a, b] = await Promise.all([
      drainOutbox(rt.db, rt.graph, accountFor, later),
      drainOutbox(rt.db, rt.graph, accountFor, later),
    ]);
    expect(a.sent + b.sent).toBe(1);
    expect(received.map((r) => r.status ?? r.type)).toEqual(["interactive"]);
    expect(received[0]?.to).toBe(waId);
    expect(await dueOutbox(rt.db, Date.now() + 120_000)).toHaveLength(0);
  });
});
