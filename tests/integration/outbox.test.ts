/**
 * The outbox on DynamoDB Local, drained through the real Graph client into a real local HTTP server that
 * stands in for the Graph API.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { createGraphClient } from "../../lib/channels/meta/graph";
import { createTurnSender, drainOutbox } from "../../lib/channels/meta/sender";
import { keys } from "../../lib/store/keys";
import {
  dueOutbox,
  enqueueOutbox,
  leaseOutbox,
  type OutboxItem,
  UNCERTAIN_GRACE_MS,
} from "../../lib/store/outbox";
import type { ChannelAccount } from "../../lib/store/shops";
import type { freshTable } from "../helpers/db";
import { type FakeGraph, type GraphHit, useTableAndGraph } from "./fakeGraph";

type Db = Awaited<ReturnType<typeof freshTable>>;

const ACCOUNT: ChannelAccount = {
  shopId: "default",
  channel: "messenger",
  accountId: "100000000000001",
  accessToken: "page-token-outbox",
};
const accountFor = async (item: OutboxItem) => (item.accountId === ACCOUNT.accountId ? ACCOUNT : undefined);

let db: Db;
let graph: FakeGraph;
useTableAndGraph((d, g) => {
  db = d;
  graph = g;
});

const client = () => createGraphClient({ baseUrl: graph.url, sleep: async () => {} });
const iso = (ms: number) => new Date(ms).toISOString();

const body = (psid: string, text: string) => ({
  recipient: { id: psid },
  messaging_type: "RESPONSE",
  message: { text },
});
const item = (id: string, over: Partial<Omit<OutboxItem, "attempts" | "createdAt">> = {}) => ({
  id,
  channel: "messenger" as const,
  accountId: ACCOUNT.accountId,
  shopId: ACCOUNT.shopId,
  body: body("1111", id),
  nextAttemptAt: iso(Date.now()),
  ...over,
});
/** Enqueues items one after the other, so each is queued after the one before. */
async function enqueueAll(items: ReturnType<typeof item>[]): Promise<void> {
  for (const i of items) expect(await enqueueOutbox(db, i)).toBe(true);
}
const textOf = (hit: GraphHit) => (hit.body.message as { text: string }).text;
const recipientOf = (hit: GraphHit) => (hit.body.recipient as { id: string }).id;
const stored = async (id: string) =>
  (await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.outbox(id) }))).Item;

describe("outbox store", () => {
  it("enqueues idempotently by id: a second enqueue changes nothing", async () => {
    expect(await enqueueOutbox(db, item("turn-1#000"))).toBe(true);
    expect(await enqueueOutbox(db, item("turn-1#000", { body: body("1111", "other") }))).toBe(false);
    const due = await dueOutbox(db, Date.now() + 1000);
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ id: "turn-1#000", attempts: 0, body: body("1111", "turn-1#000") });
  });

  it("lists due items oldest first, not future ones, up to the limit", async () => {
    const t = Date.now();
    await enqueueOutbox(db, item("c", { nextAttemptAt: iso(t + 3000) }));
    await enqueueOutbox(db, item("a", { nextAttemptAt: iso(t + 1000) }));
    await enqueueOutbox(db, item("later", { nextAttemptAt: iso(t + 600_000) }));
    await enqueueOutbox(db, item("b", { nextAttemptAt: iso(t + 2000) }));
    expect((await dueOutbox(db, t + 5000)).map((i) => i.id)).toEqual(["a", "b", "c"]);
    expect((await dueOutbox(db, t + 5000, 2)).map((i) => i.id)).toEqual(["a", "b"]);
    expect((await dueOutbox(db, t + 2000)).map((i) => i.id)).toEqual(["a", "b"]);
    expect(await dueOutbox(db, t)).toEqual([]);
  });

  it("leases an item to exactly one of two concurrent workers, and hides it while leased", async () => {
    const now = Date.now();
    await enqueueOutbox(db, item("x"));
    const [seenA, seenB] = [(await dueOutbox(db, now))[0], (await dueOutbox(db, now))[0]];
    if (!seenA || !seenB) throw new Error("item not due");
    const won = await Promise.all([leaseOutbox(db, seenA, 60_000, now), leaseOutbox(db, seenB, 60_000, now)]);
    expect(won.filter(Boolean)).toHaveLength(1);
    expect((await stored("x"))?.attempts).toBe(1);
    expect(await dueOutbox(db, now + 1000)).toEqual([]);
    // a worker that died holding the lease does not keep the item forever
    expect((await dueOutbox(db, now + 61_000)).map((i) => i.id)).toEqual(["x"]);
  });
});

describe("drainOutbox", () => {
  it("sends due items in order with the shop's token and keeps each as sent, without its body", async () => {
    await enqueueAll([
      item("t1#000", { body: body("1111", "one") }),
      item("t1#001", { body: body("1111", "two") }),
      item("t2#000", { body: body("2222", "three") }),
    ]);
    const result = await drainOutbox(db, client(), accountFor, Date.now());
    expect(result).toEqual({ sent: 3, retried: 0, gaveUp: 0, skipped: 0 });
    expect(graph.hits.map(textOf)).toEqual(["one", "two", "three"]);
    for (const hit of graph.hits) {
      expect(hit.path).toBe(`/v21.0/${ACCOUNT.accountId}/messages`);
      expect(hit.headers.authorization).toBe(`Bearer ${ACCOUNT.accessToken}`);
    }
    expect(await dueOutbox(db, Date.now() + 86_400_000)).toEqual([]);
    const kept = await stored("t1#000");
    expect(kept).toMatchObject({ state: "sent" });
    expect(kept?.body).toBeUndefined();
    expect(kept?.gsi1pk).toBeUndefined();
  });

  // Regression: the failed item moved to its retry time while the recipient's later items kept theirs, so the
  // next round sent them first (and the one after that sent the failed one last).
  it("keeps a 500-ing recipient's later items behind the failed one and retries it later", async () => {
    let failing = true;
    graph.reply = (hit, i) =>
      failing && recipientOf(hit) === "1111"
        ? { status: 500, body: { error: { message: "An unknown error occurred" } } }
        : { status: 200, body: { message_id: `m_${i}` } };
    await enqueueAll([
      item("a#000", { body: body("1111", "a1") }),
      item("a#001", { body: body("1111", "a2") }),
      item("b#000", { body: body("2222", "b1") }),
      item("a#002", { body: body("1111", "a3") }),
    ]);
    const t = Date.now();
    expect(await drainOutbox(db, client(), accountFor, t)).toEqual({
      sent: 1,
      retried: 1,
      gaveUp: 0,
      skipped: 2,
    });
    expect(graph.hits.map(textOf)).toEqual(["a1", "a1", "a1", "b1"]);
    expect(await stored("a#000")).toMatchObject({
      attempts: 1,
      lastError: "graph 500: An unknown error occurred",
      nextAttemptAt: iso(t + 30_000),
    });

    // Meta is back, but a1 waits for its retry time: a2 and a3 must not overtake it.
    failing = false;
    graph.hits.length = 0;
    const early = await drainOutbox(db, client(), accountFor, t + 5000);
    expect(early.sent).toBe(0);
    expect(graph.hits).toEqual([]);

    expect(await drainOutbox(db, client(), accountFor, t + 31_000)).toMatchObject({ sent: 3, retried: 0 });
    expect(graph.hits.map(textOf)).toEqual(["a1", "a2", "a3"]);
    expect(await dueOutbox(db, t + 86_400_000)).toEqual([]);
  });

  it("gives up on a 400: the item leaves the due index, the recipient's next item goes out", async () => {
    graph.reply = (hit, i) =>
      textOf(hit) === "bad"
        ? {
            status: 400,
            body: { error: { message: "(#10) This message is sent outside of allowed window." } },
          }
        : { status: 200, body: { message_id: `m_${i}` } };
    await enqueueAll([
      item("x#000", { body: body("1111", "bad") }),
      item("x#001", { body: body("1111", "good") }),
    ]);
    const t = Date.now();
    expect(await drainOutbox(db, client(), accountFor, t)).toMatchObject({ sent: 0, gaveUp: 1 });
    expect(graph.hits.map(textOf)).toEqual(["bad"]);
    expect((await dueOutbox(db, t + 86_400_000)).map((i) => i.id)).toEqual(["x#001"]);
    // kept (until its TTL) for whoever looks into it
    expect(await stored("x#000")).toMatchObject({
      lastError: expect.stringContaining("graph 400"),
      gaveUpAt: expect.any(String),
    });
    expect(await drainOutbox(db, client(), accountFor, Date.now())).toMatchObject({ sent: 1 });
    expect(graph.hits.map(textOf)).toEqual(["bad", "good"]);
  });

  it("gives up on an item whose account is unknown", async () => {
    await enqueueAll([item("y#000", { accountId: "999" })]);
    expect(await drainOutbox(db, client(), accountFor, Date.now())).toMatchObject({ gaveUp: 1 });
    expect(graph.hits).toEqual([]);
    expect(await dueOutbox(db, Date.now() + 86_400_000)).toEqual([]);
  });
});

describe("createTurnSender → outbox → drainOutbox", () => {
  const bodies = ["one", "two", "three", "four"].map((text) => body("3333", text));

  it("queues everything in order once the deadline has passed; two concurrent drains deliver each once, in order", async () => {
    const sender = createTurnSender({
      graph: client(),
      db,
      account: ACCOUNT,
      deadline: Date.now() - 1,
      idPrefix: "messenger#m_turn1",
    });
    const sent = await sender.send(bodies);
    expect(sent.map((s) => s.state)).toEqual(["queued", "queued", "queued", "queued"]);
    expect(graph.hits).toEqual([]);
    expect((await dueOutbox(db, Date.now())).map((i) => (i.body.message as { text: string }).text)).toEqual([
      "one",
      "two",
      "three",
      "four",
    ]);

    const now = Date.now();
    const results = await Promise.all([
      drainOutbox(db, client(), accountFor, now),
      drainOutbox(db, client(), accountFor, now),
    ]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(4);
    expect(graph.hits.map(textOf)).toEqual(["one", "two", "three", "four"]);
    expect(await drainOutbox(db, client(), accountFor, Date.now())).toMatchObject({ sent: 0 });
    expect(graph.hits).toHaveLength(4);
  });

  it("a redelivered turn queues nothing twice", async () => {
    const make = () =>
      createTurnSender({ graph: client(), db, account: ACCOUNT, deadline: 0, idPrefix: "messenger#m_same" });
    await make().send(bodies);
    await make().send(bodies);
    expect(await dueOutbox(db, Date.now())).toHaveLength(4);
  });

  it("queues the rest of the turn behind a send that hangs, then drains them in order exactly once", async () => {
    let hang = true;
    const answered: string[] = [];
    graph.reply = (hit, i) => {
      if (hang) return "hang";
      answered.push(textOf(hit));
      return { status: 200, body: { message_id: `m_${i}` } };
    };
    const started = Date.now();
    const sender = createTurnSender({
      // a started send runs to its own timeout, not to the deadline (issue 14: send once)
      graph: createGraphClient({ baseUrl: graph.url, sleep: async () => {}, timeoutMs: 500 }),
      db,
      account: ACCOUNT,
      deadline: started + 300,
      idPrefix: "messenger#m_turn2",
    });
    const sent = await sender.send(bodies);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(sent.map((s) => s.state)).toEqual(["queued", "queued", "queued", "queued"]);
    // only the first send was tried; the others were not, so they cannot overtake it
    expect(graph.hits.map(textOf)).toEqual(["one"]);

    hang = false;
    // the first was given up in flight (Graph may have it): the drain waits for its echo (send once,
    // tests/integration/outboxSendOnce.test.ts); none came within the grace period, so all go, once, in order
    await drainOutbox(db, client(), accountFor, Date.now());
    expect(answered).toEqual([]);
    const now = Date.now() + UNCERTAIN_GRACE_MS;
    await Promise.all([
      drainOutbox(db, client(), accountFor, now),
      drainOutbox(db, client(), accountFor, now),
    ]);
    expect(answered).toEqual(["one", "two", "three", "four"]);
  });

  // Regression: a drain that lost the lease on a recipient's item (or found it leased by another drain) went
  // on to that recipient's next item and could send it before the other drain's send of the earlier one.
  it("keeps each recipient's order when several drains overlap", async () => {
    const answered: GraphHit[] = [];
    graph.reply = async (hit, i) => {
      await new Promise((r) => setTimeout(r, 15));
      answered.push(hit);
      return { status: 200, body: { message_id: `m_${i}` } };
    };
    const recipients = ["4001", "4002", "4003"];
    for (const psid of recipients) {
      const sender = createTurnSender({
        graph: client(),
        db,
        account: ACCOUNT,
        deadline: 0,
        idPrefix: `m_${psid}`,
      });
      await sender.send([1, 2, 3, 4, 5].map((n) => body(psid, `${psid}-${n}`)));
    }
    const drains = [0, 10, 25, 40].map(async (delay) => {
      await new Promise((r) => setTimeout(r, delay));
      return drainOutbox(db, client(), accountFor, Date.now());
    });
    const results = await Promise.all(drains);
    // whatever the overlapping drains held back, a later round delivers
    for (let round = 0; round < 5 && answered.length < 15; round++) {
      await drainOutbox(db, client(), accountFor, Date.now() + 61_000);
    }
    expect(results.reduce((n, r) => n + r.sent, 0)).toBeGreaterThan(0);
    for (const psid of recipients) {
      expect(answered.filter((h) => recipientOf(h) === psid).map(textOf)).toEqual(
        [1, 2, 3, 4, 5].map((n) => `${psid}-${n}`),
      );
    }
    expect(answered).toHaveLength(15);
  });
});
