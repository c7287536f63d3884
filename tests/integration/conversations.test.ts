import { randomUUID } from "node:crypto";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import {
  appendTranscript,
  type ConversationStatus,
  getConversation,
  type InboundTouch,
  readConversation,
  type TranscriptMessage,
  touchInbound,
  updateConversation,
} from "../../lib/store/conversations";
import { claimInbound } from "../../lib/store/inbound";
import { GSI1, keys } from "../../lib/store/keys";
import { type TestDb, useFreshTable } from "../helpers/db";

let db: TestDb;
useFreshTable((d) => {
  db = d;
});

const T0 = Date.parse("2026-03-01T10:00:00.000Z");
const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

// Fixture factories with overrides; every test gets its own shop and shopper.
const touch = (over: Partial<InboundTouch> = {}): InboundTouch => {
  const userId = over.userId ?? `65${Math.floor(Math.random() * 1e8)}`;
  return {
    shopId: `shop-${randomUUID()}`,
    conversationId: `whatsapp:${userId}`,
    channel: "whatsapp",
    userId,
    at: iso(0),
    ...over,
  };
};
const message = (i: number, over: Partial<TranscriptMessage> = {}): TranscriptMessage => ({
  at: iso(i * 1000),
  direction: i % 2 === 0 ? "in" : "out",
  author: i % 2 === 0 ? "shopper" : "bot",
  text: `message ${i} · مرحبا`,
  ...over,
});

async function listByStatus(shopId: string, status: ConversationStatus): Promise<string[]> {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: GSI1,
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.conversationsByStatus(shopId, status) },
      ScanIndexForward: false,
    }),
  );
  return (res.Items ?? []).map((i) => i.conversationId as string);
}

describe("touchInbound", () => {
  it("creates the conversation on first contact, in status bot", async () => {
    const t = touch({ name: "Aisha" });
    const conv = await touchInbound(db, t);
    expect(conv).toMatchObject({
      shopId: t.shopId,
      conversationId: t.conversationId,
      channel: "whatsapp",
      userId: t.userId,
      name: "Aisha",
      status: "bot",
      createdAt: iso(0),
      lastInboundAt: iso(0),
      lastActivityAt: iso(0),
      _et: "Conversation",
      _v: 1,
    });
    expect(await getConversation(db, t.shopId, t.conversationId)).toEqual(conv);
    expect(await listByStatus(t.shopId, "bot")).toEqual([t.conversationId]);
  });

  it("updates on later messages: createdAt kept, lastInboundAt moves, status stays", async () => {
    const t = touch();
    await touchInbound(db, t);
    await updateConversation(db, t.shopId, t.conversationId, { status: "agent" });
    const conv = await touchInbound(db, { ...t, at: iso(60_000), name: "Aisha B." });
    expect(conv).toMatchObject({
      createdAt: iso(0),
      lastInboundAt: iso(60_000),
      lastActivityAt: iso(60_000),
      status: "agent",
      name: "Aisha B.",
    });
    // the status index stays on the status it was moved to
    expect(await listByStatus(t.shopId, "agent")).toEqual([t.conversationId]);
    expect(await listByStatus(t.shopId, "bot")).toEqual([]);
  });

  it("keeps a name it knows when a later message has none", async () => {
    const t = touch({ name: "Aisha" });
    await touchInbound(db, t);
    const conv = await touchInbound(db, { ...t, name: undefined, at: iso(1000) });
    expect(conv.name).toBe("Aisha");
  });

  it("keeps the first traffic source and records the latest as lastSource", async () => {
    const t = touch();
    const ad = { source: "ADS", type: "OPEN_THREAD", adId: "6045", at: iso(0) };
    const link = { source: "SHORTLINK", ref: "summer-sale", at: iso(2000) };
    await touchInbound(db, { ...t, source: ad });
    await touchInbound(db, { ...t, at: iso(1000) });
    const conv = await touchInbound(db, { ...t, at: iso(2000), source: link });
    expect(conv.source).toEqual(ad);
    expect(conv.lastSource).toEqual(link);
  });

  // Regression: a late redelivery of an older message moved lastInboundAt (the 24 h window start) back.
  it("does not move the window back when an older message arrives late", async () => {
    const t = touch();
    const link = { source: "SHORTLINK", ref: "late", at: iso(1000) };
    await touchInbound(db, { ...t, at: iso(60_000) });
    const conv = await touchInbound(db, { ...t, at: iso(1000), name: "Late Name", source: link });
    expect(conv).toMatchObject({
      createdAt: iso(60_000),
      lastInboundAt: iso(60_000),
      lastActivityAt: iso(60_000),
      status: "bot",
      // what the record lacked it still takes: the name and the first source
      name: "Late Name",
      source: link,
    });
    expect(conv.lastSource).toBeUndefined();
    expect(await touchInbound(db, { ...t, at: iso(2000) })).toEqual(conv);
  });

  it("lists a shop's conversations newest activity first, per shop", async () => {
    const shopId = `shop-${randomUUID()}`;
    const ids = ["whatsapp:1", "whatsapp:2", "messenger:3"];
    for (const [i, conversationId] of ids.entries()) {
      await touchInbound(db, touch({ shopId, conversationId, at: iso(i * 1000) }));
    }
    await touchInbound(db, touch({ shopId, conversationId: "whatsapp:1", at: iso(5000) }));
    expect(await listByStatus(shopId, "bot")).toEqual(["whatsapp:1", "messenger:3", "whatsapp:2"]);
    expect(await listByStatus(`shop-${randomUUID()}`, "bot")).toEqual([]);
  });
});

describe("updateConversation", () => {
  it.each<ConversationStatus>(["waiting", "agent", "bot"])(
    "moves the conversation to the %s partition of the status index",
    async (status) => {
      const t = touch();
      await touchInbound(db, t);
      await updateConversation(db, t.shopId, t.conversationId, { status: "waiting" });
      await updateConversation(db, t.shopId, t.conversationId, { status });
      for (const s of ["bot", "waiting", "agent"] as const) {
        expect(await listByStatus(t.shopId, s)).toEqual(s === status ? [t.conversationId] : []);
      }
      expect((await getConversation(db, t.shopId, t.conversationId))?.status).toBe(status);
    },
  );

  it("sets the locale without touching the status", async () => {
    const t = touch();
    await touchInbound(db, t);
    await updateConversation(db, t.shopId, t.conversationId, { locale: "ar" });
    expect(await getConversation(db, t.shopId, t.conversationId)).toMatchObject({
      locale: "ar",
      status: "bot",
    });
    expect(await listByStatus(t.shopId, "bot")).toEqual([t.conversationId]);
  });

  it("throws on a conversation that does not exist, and creates nothing", async () => {
    const t = touch();
    await expect(updateConversation(db, t.shopId, t.conversationId, { status: "agent" })).rejects.toThrow();
    expect(await getConversation(db, t.shopId, t.conversationId)).toBeUndefined();
  });
});

describe("transcript", () => {
  it("appends 60 messages and reads them back in order with the record", async () => {
    const t = touch();
    const conv = await touchInbound(db, t);
    const messages = Array.from({ length: 60 }, (_, i) => message(i, { externalId: `wamid.${i}` }));
    await appendTranscript(db, t.shopId, t.conversationId, messages);
    const read = await readConversation(db, t.shopId, t.conversationId);
    expect(read.conversation).toEqual(conv);
    expect(read.messages).toEqual(messages);
  });

  it("keeps messages of the same millisecond in the order they were appended", async () => {
    const t = touch();
    await touchInbound(db, t);
    const messages = Array.from({ length: 30 }, (_, i) => message(i, { at: iso(0), kind: "text" }));
    await appendTranscript(db, t.shopId, t.conversationId, messages.slice(0, 7));
    await appendTranscript(db, t.shopId, t.conversationId, messages.slice(7));
    const read = await readConversation(db, t.shopId, t.conversationId);
    expect(read.messages.map((m) => m.text)).toEqual(messages.map((m) => m.text));
  });

  // Regression: readConversation asked DynamoDB for limit + 1 items (room for the record) and returned all
  // of them as messages when the record was not among them, i.e. one message more than `limit`.
  it.each([1, 10, 59, 60, 200])("returns at most the %i newest messages, oldest first", async (limit) => {
    const t = touch();
    const conv = await touchInbound(db, t);
    const messages = Array.from({ length: 60 }, (_, i) => message(i));
    await appendTranscript(db, t.shopId, t.conversationId, messages);
    const read = await readConversation(db, t.shopId, t.conversationId, limit);
    expect(read.messages).toEqual(messages.slice(-limit));
    expect(read.conversation).toEqual(conv);
  });

  it("reads a conversation that does not exist as no record and no messages", async () => {
    const t = touch();
    expect(await readConversation(db, t.shopId, t.conversationId)).toEqual({
      conversation: undefined,
      messages: [],
    });
  });
});

describe("claimInbound", () => {
  it("claims an id once; a redelivery gets false", async () => {
    const mid = `wamid.${randomUUID()}`;
    expect(await claimInbound(db, "whatsapp", mid)).toBe(true);
    expect(await claimInbound(db, "whatsapp", mid)).toBe(false);
    // the same id on the other channel is another message
    expect(await claimInbound(db, "messenger", mid)).toBe(true);
  });

  it("lets exactly one of 10 concurrent claims of the same id win", async () => {
    const mid = `m_${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => claimInbound(db, "messenger", mid)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
