/**
 * Read receipts of the messages sent outside a turn, from recorded payloads against DynamoDB Local: Messenger's
 * `read` carries only a watermark (every message sent at or before it was read: Meta's reference example,
 * tests/fixtures/messenger/read.json), Instagram's names the message (Chatwoot's fixture,
 * tests/fixtures/instagram/chatwoot_seen.json).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseInstagramDelivery } from "../../lib/channels/instagram/parse";
import { parseMessengerDelivery } from "../../lib/channels/messenger/parse";
import { handleStatusEvent } from "../../lib/outbound/status";
import { readConversation } from "../../lib/store/conversations";
import { recordOutbound } from "../../lib/store/outbound";
import { type TestDb, useFreshTable } from "../helpers/db";

let db: TestDb;
useFreshTable((t) => {
  db = t;
});

// biome-ignore lint/suspicious/noExplicitAny: recorded payloads, changed field by field
type Json = any;
const fixture = (path: string): Json =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures", path), "utf8"));

async function sent(shopId: string, channel: string, conversationId: string, at: string, externalId: string) {
  await recordOutbound(db, {
    shopId,
    conversationId,
    channel,
    purpose: "agent_reply",
    day: at.slice(0, 10),
    message: { at, direction: "out", author: "agent", text: `sent ${at}`, externalId, status: "sent" },
  });
}

const statuses = async (shopId: string, conversationId: string) =>
  Object.fromEntries(
    (await readConversation(db, shopId, conversationId)).messages.map((m) => [m.externalId, m.status]),
  );

describe("read receipts", () => {
  it("Messenger: a watermark marks what was sent at or before it read, and nothing after", async () => {
    const delivery = fixture("messenger/read.json");
    const event = delivery.entry[0].messaging[0];
    const watermark: number = event.read.watermark;
    const psid: string = event.sender.id;
    const conversationId = `messenger:${psid}`;
    const iso = (ms: number) => new Date(ms).toISOString();
    await sent("s1", "messenger", conversationId, iso(watermark - 60_000), "m_before");
    await sent("s1", "messenger", conversationId, iso(watermark), "m_at");
    await sent("s1", "messenger", conversationId, iso(watermark + 1000), "m_after");
    const [item] = parseMessengerDelivery(delivery).items;
    if (!item) throw new Error("the fixture parsed to nothing");
    expect(await handleStatusEvent("messenger", item.activity, db, "s1")).toBe(true);
    expect(await statuses("s1", conversationId)).toEqual({
      m_before: "read",
      m_at: "read",
      m_after: "sent",
    });
  });

  it("Instagram: the read message is marked read", async () => {
    const delivery = fixture("instagram/chatwoot_seen.json");
    const event = delivery.entry[0].messaging[0];
    const conversationId = `instagram:${event.sender.id}`;
    await sent("s2", "instagram", conversationId, "2021-09-08T06:30:00.000Z", event.read.mid);
    await sent("s2", "instagram", conversationId, "2021-09-08T06:31:00.000Z", "another-mid");
    const [item] = parseInstagramDelivery(delivery).items;
    if (!item) throw new Error("the fixture parsed to nothing");
    expect(await handleStatusEvent("instagram", item.activity, db, "s2")).toBe(true);
    expect(await statuses("s2", conversationId)).toEqual({ [event.read.mid]: "read", "another-mid": "sent" });
  });
});
