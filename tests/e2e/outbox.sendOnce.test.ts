/**
 * Issue 14 (3): a send is sent once. A stack of its own (on a table of its own, so no other stack's outbox
 * drain sends its items) talks to a Graph API stand-in that takes every message on arrival but answers 4 s
 * later, past the webhook's cutoff, so each shopper's reply is given up in flight and waits in the outbox as
 * `uncertain`. Then Graph is fast again.
 * - Shopper A: Meta's status for the reply (pywa's real status payload with `biz_opaque_callback_data`) comes
 *   back through the webhook: the outbox entry ends `sent` with its wamid, and the reply reached Graph once.
 * - Shopper B: no status ever comes: the reply goes again exactly once, after the grace period
 *   (`OUTBOX_UNCERTAIN_GRACE_MS`, 6 s here instead of 60 s).
 */
import { createServer, type Server } from "node:http";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../lib/store/local";
import { getOutbox } from "../../lib/store/outbox";
import { type Stack, startStack } from "../../scripts/stack";
import { freshTable, type TestDb } from "../helpers/db";
import { fixtureFor, metaJson, newWaId, postWebhook, whatsappText } from "../helpers/meta";

const GRACE_MS = 6000;
const LATE_MS = 4000;

interface Hit {
  at: number;
  body: Record<string, unknown>;
}
const hits: Hit[] = [];
let slow = true;
let graph: Server | undefined;
let stack: Stack | undefined;
let db: TestDb | undefined;
afterAll(async () => {
  await stack?.stop();
  graph?.closeAllConnections();
  await new Promise((r) => (graph ? graph.close(r) : r(undefined)));
  await db?.drop();
});

async function lateGraph(port: number): Promise<void> {
  graph = createServer((req, res) => {
    let text = "";
    req.on("data", (d) => {
      text += d;
    });
    req.on("end", () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // not a message
      }
      // taken on arrival, as Graph does; only the answer is late
      const n = hits.push({ at: Date.now(), body });
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ messaging_product: "whatsapp", messages: [{ id: `wamid.out-${n}` }] }));
      };
      if (slow) setTimeout(answer, LATE_MS);
      else answer();
    });
  });
  await new Promise<void>((r) => graph?.listen(port, "127.0.0.1", r));
}

const tagged = (waId: string) =>
  hits.filter((h) => h.body.to === waId && typeof h.body.biz_opaque_callback_data === "string");
const tagOf = (h: Hit) => String(h.body.biz_opaque_callback_data);
const countByTag = (waId: string) => {
  const counts = new Map<string, number>();
  for (const h of tagged(waId)) counts.set(tagOf(h), (counts.get(tagOf(h)) ?? 0) + 1);
  return counts;
};
async function until<T>(
  what: string,
  f: () => Promise<T | undefined> | T | undefined,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("send once through the local stack", () => {
  it("a reply Graph took after the cutoff reaches the shopper once; without a status, once more after the grace period", async () => {
    const graphPort = await freePort();
    await lateGraph(graphPort);
    db = await freshTable();
    stack = await startStack({
      port: await freePort(),
      buildDir: `.esbuild/sendonce-${process.pid}`,
      env: {
        DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
        TABLE_NAME: db.table,
        SEED: "demo",
        LOG_LEVEL: "error",
        META_GRAPH_URL: `http://127.0.0.1:${graphPort}/v21.0`,
        OUTBOX_UNCERTAIN_GRACE_MS: String(GRACE_MS),
      },
    });
    const url = stack.url;
    // a first conversation warms the shop's caches, so the next turns reach Graph well within the send budget
    slow = false;
    const warm = newWaId();
    expect(
      (await postWebhook(url, "whatsapp", metaJson(whatsappText({ waId: warm, text: "hi" })))).status,
    ).toBe(200);
    await until("the warm-up reply", () => tagged(warm).length > 0);
    slow = true;

    /**
     * A shopper whose reply was attempted once, tagged with its outbox id, and given up in flight: uncertain.
     * On a machine busy enough to take longer than the send budget for the turn, the reply is queued without
     * an attempt instead (nothing uncertain about it): then the next shopper is tried.
     */
    const cutShopper = async (): Promise<{ wa: string; first: Hit; id: string }> => {
      for (let i = 0; i < 3; i++) {
        const wa = newWaId();
        const started = Date.now();
        const res = await postWebhook(url, "whatsapp", metaJson(whatsappText({ waId: wa, text: "hi" })));
        expect(res.status).toBe(200);
        expect(Date.now() - started, "Meta's answer (ms)").toBeLessThan(9000);
        const [first] = tagged(wa);
        const id = first && tagOf(first).replace(/^chatcart:/, "");
        if (first && id && (await getOutbox(db as TestDb, id))?.state === "uncertain")
          return { wa, first, id };
        console.info(`shopper ${i + 1}: the reply was not attempted within the send budget; trying another`);
      }
      throw new Error("no reply was cut in flight in 3 tries");
    };
    const { wa: a, first: firstA, id: idA } = await cutShopper();
    const { wa: b, first: firstB, id: idB } = await cutShopper();
    slow = false;

    // Meta's status for A's reply, carrying our id back (a real payload: pywa's tracker case)
    const status = fixtureFor("whatsapp", "split_status_with_tracker.json", a).replace(
      '"some data"',
      JSON.stringify(tagOf(firstA)),
    );
    const wamid = (
      JSON.parse(status) as { entry: [{ changes: [{ value: { statuses: [{ id: string }] } }] }] }
    ).entry[0].changes[0].value.statuses[0].id;
    expect((await postWebhook(url, "whatsapp", status)).status).toBe(200);
    const settled = await until("A's outbox entry settled", async () => {
      const item = await getOutbox(db as TestDb, idA);
      return item?.state === "sent" ? item : undefined;
    });
    expect(settled).toMatchObject({ state: "sent", messageId: wamid });

    // B: nothing came back; after the grace period the drain (every second locally) sends it again, once
    await until("B's reply resent", () => (countByTag(b).get(tagOf(firstB)) ?? 0) >= 2);
    const [, again] = tagged(b).filter((h) => tagOf(h) === tagOf(firstB));
    expect((again as Hit).at - firstB.at).toBeGreaterThanOrEqual(GRACE_MS);
    // sent by the drain: out of the queue, kept as sent with the id Graph gave it
    await until("B's entry done", async () => (await getOutbox(db as TestDb, idB))?.state === "sent");
    // a few more drain rounds, past A's grace period too: nothing goes again
    await new Promise((r) => setTimeout(r, 4000));

    const mineA = countByTag(a);
    const mineB = countByTag(b);
    expect([...mineA.values()], "A: each reply reached Graph once").toEqual([...mineA.keys()].map(() => 1));
    expect(mineB.get(tagOf(firstB)), "B: the uncertain reply went twice").toBe(2);
    expect(mineB.size, "B got the same replies as A").toBe(mineA.size);
    for (const [tag, n] of mineB) if (tag !== tagOf(firstB)) expect(n, tag).toBe(1);
    expect(await getOutbox(db, idA)).toMatchObject({ state: "sent", messageId: wamid });
  }, 150_000);
});
