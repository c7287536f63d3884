/**
 * Issue 14 (3): a send is sent once. An attempt given up in flight (Graph may have taken it) waits in the outbox
 * as `uncertain`; Meta's echo or status with its id settles it as sent, and only without one is it sent again,
 * once, after the grace period. On DynamoDB Local, through the real Graph client into a local stand-in for
 * the Graph API, with Meta's own echo payload (tests/fixtures/messenger/echo.json).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseMessengerDelivery } from "../../lib/channels/messenger/parse";
import { createGraphClient } from "../../lib/channels/meta/graph";
import { createTurnSender, drainOutbox } from "../../lib/channels/meta/sender";
import { reconcileEcho } from "../../lib/outbound/reconcile";
import { readConversation } from "../../lib/store/conversations";
import { applyDeliveryStatus, recordOutbound } from "../../lib/store/outbound";
import { getOutbox, type OutboxItem, UNCERTAIN_GRACE_MS } from "../../lib/store/outbox";
import type { ChannelAccount } from "../../lib/store/shops";
import type { TestDb } from "../helpers/db";
import { FIXTURES } from "../helpers/meta";
import { type FakeGraph, type GraphHit, useTableAndGraph } from "./fakeGraph";

const ACCOUNT: ChannelAccount = {
  shopId: "default",
  channel: "messenger",
  accountId: "1234567890123456",
  accessToken: "page-token-send-once",
};
const PSID = "9876543210987654";
const accountFor = async (item: OutboxItem) => (item.accountId === ACCOUNT.accountId ? ACCOUNT : undefined);

let db: TestDb;
let graph: FakeGraph;
useTableAndGraph((d, g) => {
  db = d;
  graph = g;
});

const client = () => createGraphClient({ baseUrl: graph.url, sleep: async () => {} });
const bodies = ["one", "two", "three"].map((text) => ({
  recipient: { id: PSID },
  messaging_type: "RESPONSE",
  message: { text, metadata: "chatcart" },
}));
const textOf = (hit: GraphHit) => (hit.body.message as { text: string }).text;
const tagOf = (hit: GraphHit) => (hit.body.message as { metadata: string }).metadata;

/** Graph takes the first message but answers only after the sender gave up on it; the rest at once. */
async function sendWithFirstCut(idPrefix: string) {
  graph.reply = (_hit, i) => (i === 0 ? "hang" : { status: 200, body: { message_id: `m_${i}` } });
  const sender = createTurnSender({
    graph: createGraphClient({ baseUrl: graph.url, sleep: async () => {}, timeoutMs: 5000 }),
    db,
    account: ACCOUNT,
    deadline: Date.now() + 300,
    cutoff: Date.now() + 400,
    idPrefix,
  });
  return sender.send(bodies);
}

/** Meta's `message_echoes` example for the message Graph got, as Meta would send it back. */
function echoOf(hit: GraphHit, mid: string) {
  const raw = readFileSync(join(FIXTURES, "messenger/echo.json"), "utf8")
    .replace("DEVELOPER_DEFINED_METADATA_STRING", tagOf(hit))
    .replace("mid.1457764197618:41d102a3e1ae206a38", mid)
    .replaceAll('"1234567890123456"', `"${ACCOUNT.accountId}"`);
  const item = parseMessengerDelivery(JSON.parse(raw)).items[0];
  if (!item) throw new Error("the echo fixture did not parse");
  return item.activity;
}

describe("send once", () => {
  it("a send cut in flight is uncertain: its echo settles it as sent, and it is never sent again", async () => {
    const sent = await sendWithFirstCut("messenger#m_cut1");
    expect(sent.map((s) => [s.state, s.uncertain === true])).toEqual([
      ["queued", true],
      ["queued", false],
      ["queued", false],
    ]);
    const id = "messenger#m_cut1#000";
    expect(await getOutbox(db, id)).toMatchObject({
      state: "uncertain",
      body: { message: { metadata: `chatcart:${id}` } },
    });
    expect(graph.hits.map(tagOf)).toEqual([`chatcart:${id}`]);

    // within the grace period the drain waits for the echo, and the later replies wait behind it
    expect(await drainOutbox(db, client(), accountFor, Date.now())).toMatchObject({ sent: 0 });
    expect(graph.hits).toHaveLength(1);

    // Meta echoes the message Graph took late
    const [first] = graph.hits as [GraphHit];
    await reconcileEcho("messenger", echoOf(first, "m_late"), db);
    const settled = await getOutbox(db, id);
    expect(settled).toMatchObject({ state: "sent", messageId: "m_late" });
    expect(settled?.body).toBeUndefined();

    // the rest go out in order; the first never again, not even after the grace period
    await drainOutbox(db, client(), accountFor, Date.now());
    await drainOutbox(db, client(), accountFor, Date.now() + UNCERTAIN_GRACE_MS + 1000);
    expect(graph.hits.map(textOf)).toEqual(["one", "two", "three"]);
    // a second echo (a redelivery of the webhook) changes nothing
    await reconcileEcho("messenger", echoOf(first, "m_late"), db);
    expect(await getOutbox(db, id)).toMatchObject({ state: "sent", messageId: "m_late" });
  });

  it("without an echo the uncertain send goes again once, after the grace period, then the rest in order", async () => {
    await sendWithFirstCut("messenger#m_cut2");
    const t = Date.now();
    await drainOutbox(db, client(), accountFor, t, { graceMs: 5000 });
    await drainOutbox(db, client(), accountFor, t + 4000, { graceMs: 5000 });
    expect(graph.hits.map(textOf)).toEqual(["one"]);
    graph.reply = (_hit, i) => ({ status: 200, body: { message_id: `m_${i}` } });
    // drains run once a second locally; every round after the grace period sees what the one before left
    for (const dt of [5001, 6000, 7000, 8000])
      await drainOutbox(db, client(), accountFor, t + dt, { graceMs: 5000 });
    expect(graph.hits.map(textOf)).toEqual(["one", "one", "two", "three"]);
    // the same id both times: an echo of either would name the same outbox item
    expect(tagOf(graph.hits[1] as GraphHit)).toBe(tagOf(graph.hits[0] as GraphHit));
    // out of the queue as sent, with the id Graph gave it (a reference recorded later can still be linked)
    expect(await getOutbox(db, "messenger#m_cut2#000")).toMatchObject({ state: "sent", messageId: "m_1" });
  });

  it("an echo that comes before the cut send is queued still counts: the send is reported sent, never resent", async () => {
    let echoed: Promise<void> = Promise.resolve();
    graph.reply = (hit, i) => {
      if (i > 0) return { status: 200, body: { message_id: `m_${i}` } };
      // Graph took it and Meta's echo is handled while our attempt still waits for Graph's answer
      echoed = reconcileEcho("messenger", echoOf(hit, "m_early"), db);
      return "hang";
    };
    const sender = createTurnSender({
      graph: createGraphClient({ baseUrl: graph.url, sleep: async () => {}, timeoutMs: 5000 }),
      db,
      account: ACCOUNT,
      deadline: Date.now() + 300,
      cutoff: Date.now() + 600,
      idPrefix: "messenger#m_early",
    });
    const sent = await sender.send(bodies);
    await echoed;
    expect(sent.map((s) => [s.state, s.messageId])).toEqual([
      ["sent", "m_early"],
      ["queued", undefined],
      ["queued", undefined],
    ]);
    const t = Date.now() + 2 * UNCERTAIN_GRACE_MS;
    for (const dt of [0, 1000, 2000]) await drainOutbox(db, client(), accountFor, t + dt);
    expect(graph.hits.map(textOf)).toEqual(["one", "two", "three"]);
  });

  it("a takeover after a crash leaves to the outbox what the dead invocation queued", async () => {
    await sendWithFirstCut("messenger#m_crash");
    const hits = graph.hits.length;
    graph.reply = (_hit, i) => ({ status: 200, body: { message_id: `m_${i}` } });
    const resumed = createTurnSender({
      graph: client(),
      db,
      account: ACCOUNT,
      deadline: Date.now() + 2000,
      idPrefix: "messenger#m_crash",
      resumed: true,
    });
    const again = await resumed.send(bodies);
    expect(again.map((s) => s.state)).toEqual(["queued", "queued", "queued"]);
    expect(graph.hits).toHaveLength(hits);
  });

  it("an uncertain send is not settled by an echo of someone else's message", async () => {
    await sendWithFirstCut("messenger#m_cut3");
    const other = { ...(graph.hits[0] as GraphHit), body: { message: { metadata: "crm:1" } } };
    await reconcileEcho("messenger", echoOf(other, "m_other"), db);
    expect(await getOutbox(db, "messenger#m_cut3#000")).toMatchObject({ state: "uncertain" });
  });

  it("a recorded message sent from the outbox gets its statuses", async () => {
    // the whole message was queued (Graph down): recorded without a platform id (lib/outbound/send.ts)
    graph.reply = () => ({ status: 503, body: {} });
    const sender = createTurnSender({
      graph: client(),
      db,
      account: ACCOUNT,
      deadline: Date.now() + 300,
      idPrefix: "order#s#o1#0",
    });
    const [queued] = await sender.send([bodies[0] as (typeof bodies)[0]]);
    expect(queued?.state).toBe("queued");
    const conversationId = `messenger:${PSID}`;
    await recordOutbound(db, {
      shopId: ACCOUNT.shopId,
      conversationId,
      channel: "messenger",
      purpose: "order_confirmed",
      day: "2026-12-03",
      message: {
        at: new Date().toISOString(),
        direction: "out",
        author: "bot",
        text: "one",
        status: "queued",
      },
      ...(queued?.sendId && { pendingSendId: queued.sendId }),
    });
    graph.reply = () => ({ status: 200, body: { message_id: "m_from_outbox" } });
    await drainOutbox(db, client(), accountFor, Date.now() + 60_000);
    const status = async () =>
      (await readConversation(db, ACCOUNT.shopId, conversationId)).messages[0]?.status;
    expect(await status()).toBe("sent");
    // Meta's delivery for the outbox's message id reaches the transcript message
    await applyDeliveryStatus(db, "messenger", "m_from_outbox", "delivered", new Date().toISOString());
    expect(await status()).toBe("delivered");
  });
});
