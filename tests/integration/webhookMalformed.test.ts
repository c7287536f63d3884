/**
 * Issue 14: malformed parts of a correctly signed delivery (an empty `from`, an oversized id, an out-of-range
 * timestamp) are logged at warn with the reason, never at error, and never claimed (no Inbound item). Then the
 * deliveries the 10,000-delivery `npm run fuzz` found logging errors, rebuilt from the recorded fixtures.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRuntime, type Runtime } from "../../lib/bot/runtime";
import { handleWebhook } from "../../lib/bot/webhook";
import { parseConfig } from "../../lib/config";
import { log } from "../../lib/log";
import { freshen } from "../../scripts/fuzz/mutate";
import { freshTable } from "../helpers/db";
import { asIfNow, metaJson, newWaId, signedWebhookRequest, whatsappText } from "../helpers/meta";

let rt: Runtime;
let table: Awaited<ReturnType<typeof freshTable>>;

beforeAll(async () => {
  table = await freshTable();
  const endpoint = await table.raw.config.endpoint?.();
  const config = await parseConfig({
    DYNAMODB_ENDPOINT: `${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`,
    TABLE_NAME: table.table,
    META_GRAPH_URL: "http://127.0.0.1:9/v21.0",
    LOG_LEVEL: "error",
  });
  rt = createRuntime(config);
});

afterAll(async () => {
  rt.db.raw.destroy();
  await table.drop();
});

const request = (raw: string) => signedWebhookRequest("whatsapp", raw);

describe("malformed but signed WhatsApp messages", () => {
  it.each([
    ["an empty from", (m: Record<string, unknown>) => Object.assign(m, { from: "" })],
    [
      "an oversized id",
      (m: Record<string, unknown>) => Object.assign(m, { id: `wamid.${"A".repeat(5000)}` }),
    ],
    [
      "an out-of-range timestamp",
      (m: Record<string, unknown>) => Object.assign(m, { timestamp: "9".repeat(30) }),
    ],
  ])("%s: 200, a warn with the reason, nothing claimed", async (_label, spoil) => {
    const delivery = whatsappText({ waId: newWaId(), text: "hi" }) as {
      entry: Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }>;
    };
    const message = delivery.entry[0]?.changes[0]?.value.messages[0];
    if (!message) throw new Error("fixture without a message");
    spoil(message);
    const warn = vi.spyOn(log, "warn");
    const error = vi.spyOn(log, "error");
    try {
      const res = await handleWebhook("whatsapp", request(metaJson(delivery)), rt);
      expect(res.statusCode).toBe(200);
      expect(warn).toHaveBeenCalledWith(
        "webhook.malformed",
        expect.objectContaining({ reason: expect.stringMatching(/malformed/) }),
      );
      expect(error).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
    const { Items = [] } = await rt.db.doc.send(new ScanCommand({ TableName: table.table }));
    expect(Items.filter((i) => i._et === "Inbound")).toEqual([]);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: recorded payloads, spoiled field by field
type Json = any;
/** A recorded payload addressed to this shop with fresh message ids, as the fuzz sends it. */
const fixture = (path: string): Json =>
  freshen({
    channel: path.startsWith("messenger") ? "messenger" : "whatsapp",
    name: path,
    raw: asIfNow(readFileSync(join(import.meta.dirname, "../fixtures", path), "utf8")),
  });

describe("what the fuzz found (each logged an error before)", () => {
  it.each([
    [
      "a lone surrogate in a WhatsApp `from` (DynamoDB refuses it: it becomes U+FFFD)",
      "whatsapp",
      "whatsapp/split_interactive_button_reply.json",
      (d: Json) => {
        d.entry[0].changes[0].value.messages[0].from = "\ud800".repeat(7);
      },
      false,
    ],
    [
      "a 3,000-character status id (over DynamoDB's key size)",
      "whatsapp",
      "whatsapp/split_status_delivered.json",
      (d: Json) => {
        d.entry[0].changes[0].value.statuses[0].id = `wamid.${"Q".repeat(3000)}`;
      },
      true,
    ],
    [
      "a status timestamp of the wrong type",
      "whatsapp",
      "whatsapp/split_status_read.json",
      (d: Json) => {
        d.entry[0].changes[0].value.statuses[0].timestamp = 1e308;
      },
      true,
    ],
    [
      "a 3,000-character delivered mid on Messenger",
      "messenger",
      "messenger/delivery.json",
      (d: Json) => {
        d.entry[0].messaging[0].delivery.mids = [`m_${"Q".repeat(3000)}`];
      },
      true,
    ],
  ] as const)("%s: 200, no error log", async (_label, channel, path, spoil, malformed) => {
    const delivery = fixture(path);
    spoil(delivery);
    const warn = vi.spyOn(log, "warn");
    const error = vi.spyOn(log, "error");
    try {
      const res = await handleWebhook(channel, signedWebhookRequest(channel, JSON.stringify(delivery)), rt);
      expect(res.statusCode).toBe(200);
      expect(error).not.toHaveBeenCalled();
      if (malformed) expect(warn).toHaveBeenCalledWith("webhook.malformed", expect.anything());
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });
});
