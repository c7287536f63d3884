/**
 * Graph API sends that did not go through in time. Each item has a deterministic id (the inbound message
 * id plus the reply's position), so a retry never enqueues twice; a worker takes a lease before sending,
 * so two workers never send the same item; a sent item is deleted.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { entity, expiresInDays, GSI1, keys } from "./keys";

export interface OutboxItem {
  id: string;
  channel: "messenger" | "whatsapp";
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

/** Items due at `now`, oldest first. */
export async function dueOutbox(db: Db, now = Date.now(), limit = 50): Promise<OutboxItem[]> {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: GSI1,
      KeyConditionExpression: "gsi1pk = :pk AND gsi1sk <= :now",
      ExpressionAttributeValues: { ":pk": keys.outboxDue, ":now": `${new Date(now).toISOString()}~` },
      Limit: limit,
    }),
  );
  return (res.Items ?? []) as OutboxItem[];
}

/**
 * Takes the item for `leaseMs` by moving its next attempt into the future, conditioned on the attempt time
 * we read: of two workers only one wins.
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
        UpdateExpression: "SET nextAttemptAt = :next, gsi1sk = :sk, attempts = attempts + :one",
        ConditionExpression: "nextAttemptAt = :seen",
        ExpressionAttributeValues: {
          ":next": next,
          ":sk": `${next}#${item.id}`,
          ":seen": item.nextAttemptAt,
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

/** Keeps a failed item for a later attempt (or drops it from the due index once it gave up). */
export async function rescheduleOutbox(
  db: Db,
  item: OutboxItem,
  nextAttemptAt: string | undefined,
  error: string,
): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.outbox(item.id),
      UpdateExpression: nextAttemptAt
        ? "SET nextAttemptAt = :next, gsi1sk = :sk, lastError = :err"
        : "SET lastError = :err, gaveUpAt = :now REMOVE gsi1pk, gsi1sk",
      ExpressionAttributeValues: nextAttemptAt
        ? { ":next": nextAttemptAt, ":sk": `${nextAttemptAt}#${item.id}`, ":err": error }
        : { ":err": error, ":now": new Date().toISOString() },
    }),
  );
}
