/**
 * Issue 14: malformed parts of a correctly signed delivery (an empty `from`, an oversized id, an out-of-range
 * timestamp) are logged at warn with the reason, never at error, and never claimed (no Inbound item).
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRuntime, type Runtime } from "../../lib/bot/runtime";
import { handleWebhook } from "../../lib/bot/webhook";
import { parseConfig } from "../../lib/config";
import { log } from "../../lib/log";
import { freshTable } from "../helpers/db";
import { metaJson, newWaId, signedWebhookRequest, whatsappText } from "../helpers/meta";

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
