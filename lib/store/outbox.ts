/**
 * Graph API sends that did not go through in time. Each item has a deterministic id (the inbound message
 * id plus the reply's position), so a retry never enqueues twice; a worker takes a lease before sending,
 * so two workers never send the same item; a sent item is deleted.
 *
 * Order: an item keeps the place in the queue (GSI1 sort key) it got when it was enqueued until it is sent
 * or given up. A lease or a retry only moves `nextAttemptAt`, so an item that is leased or waiting for its
 * retry still comes before the same recipient's later items (`pendingOutbox`), and the drain holds them back
 * behind it. (Moving the item to its retry time let the later items overtake it.)
 */

import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
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
}

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
        ConditionExpression: "nextAttemptAt = :seen AND nextAttemptAt <= :now",
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

export async function completeOutbox(db: Db, id: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.outbox(id) }));
}

/**
 * Keeps a failed item for a later attempt, in its place in the queue, or takes it out of the queue once it
 * gave up (the item stays, with its error, until its TTL). An item that is gone meanwhile is left gone.
 */
export async function rescheduleOutbox(
  db: Db,
  item: OutboxItem,
  nextAttemptAt: string | undefined,
  error: string,
): Promise<void> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.outbox(item.id),
        UpdateExpression: nextAttemptAt
          ? "SET nextAttemptAt = :next, lastError = :err"
          : "SET lastError = :err, gaveUpAt = :now REMOVE gsi1pk, gsi1sk",
        // An update of a missing key would create a stray item without a TTL.
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: nextAttemptAt
          ? { ":next": nextAttemptAt, ":err": error }
          : { ":err": error, ":now": new Date().toISOString() },
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
}
