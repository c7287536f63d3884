/**
 * The redelivery claim's life on DynamoDB Local (lib/store/inbound.ts): run → committed with the turn's replies
 * (kept deflated) → a takeover after the stale limit gets the same replies back from where sending stopped →
 * done. A turn with nothing to send commits straight to done; a claim written before replies were packed
 * still reads.
 */
import { PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import type { GraphBody } from "../../lib/channels/types";
import { claimTurn, commitClaimWrite, markDone, markSent, packReplies } from "../../lib/store/inbound";
import { entity, keys } from "../../lib/store/keys";
import { type TestDb, useFreshTable } from "../helpers/db";

let db: TestDb;
useFreshTable((t) => {
  db = t;
});

const STALE = 1000;
/** A bot reply as the Messenger sender builds it: text with quick replies (Arabic, so not all ASCII). */
const reply = (i: number): GraphBody => ({
  recipient: { id: "6591230001" },
  messaging_type: "RESPONSE",
  message: {
    text: `تمت إضافة ${i} × Classic Tee (Red · M). السلة: ${i} عناصر، المجموع 49.80 دولار.`,
    quick_replies: ["CART", "CHECKOUT", "BROWSE:0"].map((p) => ({
      content_type: "text",
      title: p.toLowerCase(),
      payload: p,
    })),
  },
});

async function commit(dedupKey: string, claimedAt: string, replies: GraphBody[]) {
  await db.doc.send(
    new TransactWriteCommand({
      TransactItems: [commitClaimWrite(db, { channel: "messenger", dedupKey, claimedAt, replies })],
    }),
  );
}

describe("redelivery claims", () => {
  it("keeps the replies until they are sent, and a takeover sends the rest", async () => {
    const t0 = Date.parse("2026-12-01T10:00:00Z");
    const first = await claimTurn(db, "messenger", "m_1", STALE, t0);
    expect(first).toMatchObject({ kind: "run", retry: false });
    if (first.kind !== "run") return;
    expect(await claimTurn(db, "messenger", "m_1", STALE, t0 + 10)).toEqual({ kind: "busy" });
    const replies = [reply(1), reply(2), reply(3)];
    await commit("m_1", first.claimedAt, replies);
    await markSent(db, "messenger", "m_1", 1);
    // the invocation died after the first send: a redelivery after the stale limit sends the other two
    const takeover = await claimTurn(db, "messenger", "m_1", STALE, t0 + 5000);
    expect(takeover).toMatchObject({ kind: "resend", sent: 1, replies });
    await markDone(db, "messenger", "m_1");
    expect(await claimTurn(db, "messenger", "m_1", STALE, t0 + 60_000)).toEqual({ kind: "done" });
  });

  it("a turn with nothing to send is done at its commit", async () => {
    const t0 = Date.parse("2026-12-01T11:00:00Z");
    const claim = await claimTurn(db, "messenger", "m_quiet", STALE, t0);
    if (claim.kind !== "run") throw new Error(claim.kind);
    await commit("m_quiet", claim.claimedAt, []);
    expect(await claimTurn(db, "messenger", "m_quiet", STALE, t0 + 60_000)).toEqual({ kind: "done" });
  });

  it("reads a claim written before replies were packed", async () => {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: entity("Inbound", keys.inbound("messenger", "m_old"), {
          claimedAt: "2026-11-01T10:00:00.000Z",
          state: "committed",
          replies: [reply(7)],
          sent: 0,
        }),
      }),
    );
    const takeover = await claimTurn(db, "messenger", "m_old", STALE, Date.parse("2026-12-01T10:00:00Z"));
    expect(takeover).toMatchObject({ kind: "resend", sent: 0, replies: [reply(7)] });
  });

  it("packs a turn's replies into well under their JSON size", () => {
    const replies = [reply(1), reply(2)];
    const json = Buffer.byteLength(JSON.stringify(replies));
    expect(packReplies(replies).byteLength).toBeLessThan(json / 2);
  });
});
