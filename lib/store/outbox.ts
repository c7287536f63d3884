/**
 * Graph API sends that did not go through in time. Each item has a deterministic id (the inbound message
 * id plus the reply's position), so a retry never enqueues twice; a worker takes a lease before sending,
 * so two workers never send the same item; a sent item leaves the queue as `sent` with the platform's message id
 * and without its body, until its TTL (so a status reference recorded after it was sent can still be linked).
 *
 * Order: an item keeps the place in the queue (GSI1 sort key) it got when it was enqueued until it is sent
 * or given up. A lease or a retry only moves `nextAttemptAt`, so an item that is leased or waiting for its
 * retry still comes before the same recipient's later items (`pendingOutbox`), and the drain holds them back
 * behind it. (Moving the item to its retry time let the later items overtake it.)
 *
 * Send once (docs/outbound.md): an item whose attempt was given up in flight is `uncertain` (Graph may have
 * taken it); Meta's echo or status carrying its id settles it as `sent` with the platform's message id
 * ({@link settleOutbox}), which takes it out of the queue and drops its body; the drain resends an uncertain
 * item only after a grace period without one.
 */

import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import type { ChannelId } from "../channels/types";
import type { Db } from "./client";
import { entity, expiresInDays, GSI1, keys } from "./keys";
import { queryPages } from "./query";

export interface OutboxItem {
  id: string;
  channel: ChannelId;
  accountId: string;
  shopId: string;
  body: Record<string, unknown>;
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  lastError?: string;
  /**
   * `uncertain`: an attempt was given up in flight, Graph may have taken it (since `uncertainSince`);
   * `sent`: Meta's echo or status named it (`messageId`, `sentAt`). Absent: queued, never attempted or refused.
   */
  state?: "uncertain" | "sent";
  uncertainSince?: string;
  messageId?: string;
  sentAt?: string;
}

/**
 * How long an uncertain send waits for Meta's echo or status before the outbox sends it again. Meta delivers
 * those webhooks within seconds of accepting a message; a minute also covers a webhook delivery Meta retries
 * once or a cold start on our side, while a shopper who waits a minute for a reply Graph never took is still
 * answered in the same conversation. The deployed drain runs every minute, so a shorter grace would not send
 * sooner anyway. Configurable (`OUTBOX_UNCERTAIN_GRACE_MS`, docs/interface.md).
 */
export const UNCERTAIN_GRACE_MS = 60_000;

const OUTBOX_KEEP_DAYS = 2;

/** Enqueues a send; false when an item with this id already exists. */
export async function enqueueOutbox(
  db: Db,
  item: Omit<OutboxItem, "attempts" | "createdAt">,
  now = Date.now(),
): Promise<boolean> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: entity("Outbox", keys.outbox(item.id), {
          ...item,
          attempts: 0,
          createdAt: new Date(now).toISOString(),
          gsi1pk: keys.outboxDue,
          gsi1sk: `${item.nextAttemptAt}#${item.id}`,
          // Messages older than the 24 h window cannot be delivered anyway.
          expiresAt: expiresInDays(OUTBOX_KEEP_DAYS, now),
        }),
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}

async function queryQueue(db: Db, now: number, limit: number, onlyDue: boolean): Promise<OutboxItem[]> {
  const nowIso = new Date(now).toISOString();
  const items: OutboxItem[] = [];
  const pages = queryPages(db, {
    IndexName: GSI1,
    // `~` sorts after the `#id` suffix, so items queued in the very millisecond `now` are included.
    KeyConditionExpression: "gsi1pk = :pk AND gsi1sk <= :upto",
    ...(onlyDue ? { FilterExpression: "nextAttemptAt <= :now" } : {}),
    ExpressionAttributeValues: {
      ":pk": keys.outboxDue,
      ":upto": `${nowIso}~`,
      ...(onlyDue ? { ":now": nowIso } : {}),
    },
    Limit: limit,
  });
  for await (const page of pages) {
    items.push(...(page.items as OutboxItem[]));
    if (items.length >= limit) break;
  }
  return items.slice(0, limit);
}

/** Items due at `now` (not leased, not waiting for a retry), in queue order. */
export async function dueOutbox(db: Db, now = Date.now(), limit = 50): Promise<OutboxItem[]> {
  return queryQueue(db, now, limit, true);
}

/**
 * Every item queued up to `now` that is not sent or given up, in queue order, including the ones that are
 * leased or waiting for a retry (`nextAttemptAt` after `now`): those hold back their recipient's later items.
 */
export async function pendingOutbox(db: Db, now = Date.now(), limit = 200): Promise<OutboxItem[]> {
  return queryQueue(db, now, limit, false);
}

/** An item leaves the queue as `sent`, with the platform's id and without its body (kept until its TTL). */
const markSentUpdate = (
  db: Db,
  id: string,
  messageId: string | undefined,
  now: number,
  condition: string,
): UpdateCommandInput => ({
  TableName: db.table,
  Key: keys.outbox(id),
  UpdateExpression: `SET #state = :sent, sentAt = :at${messageId ? ", messageId = :mid" : ""} REMOVE gsi1pk, gsi1sk, body`,
  ConditionExpression: condition,
  ExpressionAttributeNames: { "#state": "state" },
  ExpressionAttributeValues: {
    ":sent": "sent",
    ":at": new Date(now).toISOString(),
    ...(messageId && { ":mid": messageId }),
  },
});

/**
 * Takes the item for `leaseMs` by moving its next attempt into the future, conditioned on the attempt time
 * we read (and on it being due): of two workers only one wins. The item keeps its place in the queue.
 */
export async function leaseOutbox(
  db: Db,
  item: OutboxItem,
  leaseMs: number,
  now = Date.now(),
): Promise<boolean> {
  const next = new Date(now + leaseMs).toISOString();
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.outbox(item.id),
        UpdateExpression: "SET nextAttemptAt = :next, attempts = attempts + :one",
        // still queued: an item Meta's echo settled meanwhile is out of the queue and never sent again
        ConditionExpression: "nextAttemptAt = :seen AND nextAttemptAt <= :now AND attribute_exists(gsi1pk)",
        ExpressionAttributeValues: {
          ":next": next,
          ":seen": item.nextAttemptAt,
          ":now": new Date(now).toISOString(),
          ":one": 1,
        },
      }),
    );
    item.nextAttemptAt = next;
    item.attempts += 1;
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}

/** The drain sent the item: it leaves the queue as `sent` (a data deletion's removal meanwhile stands). */
export async function completeOutbox(
  db: Db,
  id: string,
  messageId?: string,
  now = Date.now(),
): Promise<void> {
  await db.doc
    .send(new UpdateCommand(markSentUpdate(db, id, messageId, now, "attribute_exists(pk)")))
    .catch((e: unknown) => {
      // deleted meanwhile (a data deletion): nothing to keep
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    });
}

/**
 * Keeps a failed item for a later attempt, in its place in the queue, or takes it out of the queue once it
 * gave up (the item stays, with its error, until its TTL). An item that is gone meanwhile is left gone.
 * `uncertainSince`: the attempt was given up in flight, so the item is `uncertain` from then on.
 */
export async function rescheduleOutbox(
  db: Db,
  item: OutboxItem,
  nextAttemptAt: string | undefined,
  error: string,
  uncertainSince?: string,
): Promise<void> {
  const uncertain = nextAttemptAt && uncertainSince;
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.outbox(item.id),
        UpdateExpression: nextAttemptAt
          ? `SET nextAttemptAt = :next, lastError = :err${uncertain ? ", #state = :u, uncertainSince = :since" : ""}`
          : "SET lastError = :err, gaveUpAt = :now REMOVE gsi1pk, gsi1sk",
        // An update of a missing key would create a stray item without a TTL; a settled one stays settled.
        ConditionExpression: "attribute_exists(pk) AND attribute_exists(gsi1pk)",
        ...(uncertain && { ExpressionAttributeNames: { "#state": "state" } }),
        ExpressionAttributeValues: nextAttemptAt
          ? {
              ":next": nextAttemptAt,
              ":err": error,
              ...(uncertain && { ":u": "uncertain", ":since": uncertainSince }),
            }
          : { ":err": error, ":now": new Date().toISOString() },
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
}

/**
 * Meta's echo or status named this item (its tag, lib/channels/meta/sendId.ts): Graph took it. It leaves the
 * queue as `sent` with the platform's message id, without its body (the shopper's words stay only where the
 * transcript keeps them), until its TTL. True when it was still waiting (uncertain or queued); false when it
 * is unknown (sent at once, or sent by the drain and deleted) or settled already.
 */
export async function settleOutbox(
  db: Db,
  id: string,
  messageId: string | undefined,
  now = Date.now(),
  opts: { markIfMissing?: boolean } = {},
): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand(
        markSentUpdate(db, id, messageId, now, "attribute_exists(pk) AND attribute_exists(gsi1pk)"),
      ),
    );
    return true;
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
  // Meta's first word on a send may come before the sender, given up in flight, queued it: a marker tells the
  // sender it was sent (its enqueue then finds the id taken). Only for the first word (an echo, a WhatsApp
  // `sent`), so later statuses cost no write.
  if (opts.markIfMissing) {
    await db.doc
      .send(
        new PutCommand({
          TableName: db.table,
          Item: entity("Outbox", keys.outbox(id), {
            id,
            state: "sent",
            sentAt: new Date(now).toISOString(),
            ...(messageId && { messageId }),
            expiresAt: expiresInDays(OUTBOX_KEEP_DAYS, now),
          }),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      )
      .catch((e: unknown) => {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      });
  }
  return false;
}

/** One item as stored (tests, the reconciliation's logs); undefined when there is none. */
export async function getOutbox(db: Db, id: string): Promise<OutboxItem | undefined> {
  const res = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.outbox(id), ConsistentRead: true }),
  );
  return res.Item as OutboxItem | undefined;
}
