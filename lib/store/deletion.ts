/**
 * What a data deletion request needs from the table: the user's conversations (the user index written on first
 * contact), everything in a conversation's partition, the orders to keep without personal data, pending
 * outbox sends, batch deletes, and the deletion record that the status page reads.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { entity, expiresInDays, GSI1, type Key, keys } from "./keys";
import { batchWriteAll, queryAll, queryPages } from "./query";

/** What replaces the user id and conversation id on an order kept after a deletion. */
export const DELETED_MARKER = "deleted";
/** How long the status page can report a deletion. */
export const DELETION_RECORD_DAYS = 90;

export interface UserConversationRef {
  shopId: string;
  conversationId: string;
}

/** Every conversation listed under the user id (any shop, any channel). */
export async function userConversations(db: Db, userId: string): Promise<UserConversationRef[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.userPartition(userId) },
    ConsistentRead: true,
  });
  const out: UserConversationRef[] = [];
  for (const item of items) {
    if (typeof item.shopId === "string" && typeof item.conversationId === "string") {
      out.push({ shopId: item.shopId, conversationId: item.conversationId });
    }
  }
  return out;
}

/** An item of a conversation's partition, with what the deletion needs from it. */
export interface PartitionItem extends Key {
  /** a transcript message's platform id (the redelivery claims are keyed by it) */
  externalId?: string;
  /** a queued message's outbox id (its status reference waits under it) */
  sendId?: string;
  /** an order reference's order id */
  orderId?: string;
  channel?: string;
  /** the conversation record's WhatsApp username id (its alias item names the conversation) */
  bsuid?: string;
}

/** Every item in the conversation's partition (record, transcript, cart, timer, order refs, markers). */
export async function conversationItems(
  db: Db,
  shopId: string,
  conversationId: string,
): Promise<PartitionItem[]> {
  return (await queryAll(db, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.conversationPartition(shopId, conversationId) },
    ProjectionExpression: "pk, sk, externalId, sendId, orderId, channel, bsuid",
    ConsistentRead: true,
  })) as PartitionItem[];
}

/** Deletes these keys (BatchWrite of 25, unprocessed ones retried); deleting a missing key is fine. */
export async function deleteKeys(db: Db, list: Key[]): Promise<void> {
  const unique = [...new Map(list.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
  await batchWriteAll(
    db,
    unique.map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })),
    { attempts: 7, delay: (attempt) => 25 * 2 ** attempt, failure: "deleteKeys: unprocessed items remained" },
  );
}

/**
 * Applies one update to every item of partition `pk` whose sort key starts with `prefix`; an item deleted
 * meanwhile is not brought back.
 */
async function updateEach(
  db: Db,
  pk: string,
  prefix: string,
  update: Pick<
    UpdateCommandInput,
    "UpdateExpression" | "ExpressionAttributeNames" | "ExpressionAttributeValues"
  >,
): Promise<void> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": pk, ":prefix": prefix },
    ProjectionExpression: "pk, sk",
  });
  for (const item of items) {
    await db.doc
      .send(
        new UpdateCommand({
          TableName: db.table,
          Key: { pk: item.pk, sk: item.sk },
          ConditionExpression: "attribute_exists(pk)",
          ...update,
        }),
      )
      .catch((e: unknown) => {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      });
  }
}

/**
 * Keeps an order for the merchant's books (items, totals, status, history) but without the shopper: the
 * customer (name, phone, address) goes, the user and conversation ids become {@link DELETED_MARKER}.
 * False when the order does not exist (nothing is created).
 */
export async function anonymizeOrder(db: Db, shopId: string, orderId: string, at: string): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.order(shopId, orderId),
        // `customer` stays an (empty) object: readers of Order expect one
        UpdateExpression:
          "SET customer = :none, userId = :deleted, conversationId = :deleted, personalDataDeletedAt = :at",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":none": {}, ":deleted": DELETED_MARKER, ":at": at },
      }),
    );
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
  const pk = keys.order(shopId, orderId).pk;
  // the order's notifications name the platform message id (a WhatsApp `wamid` encodes the phone number)
  await updateEach(db, pk, "NOTIFY#", { UpdateExpression: "REMOVE messageId" });
  // the order's reviews carry the conversation id (a WhatsApp number) and the shopper's own words: the stars
  // stay (they are in the product's average), who wrote them and the comment go
  await updateEach(db, pk, "REVIEW#", {
    UpdateExpression: "SET conversationId = :deleted REMOVE #comment",
    ExpressionAttributeNames: { "#comment": "comment" },
    ExpressionAttributeValues: { ":deleted": DELETED_MARKER },
  });
  return true;
}

/**
 * Keys of outbox items still waiting to be sent to this user (the pending queue on GSI1, at most `maxRead`
 * items read). Items Meta refused for good are out of that queue; their TTL removes them within 2 days.
 */
export async function pendingOutboxKeysFor(db: Db, userId: string, maxRead = 5000): Promise<Key[]> {
  const out: Key[] = [];
  let read = 0;
  const pages = queryPages(db, {
    IndexName: GSI1,
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.outboxDue },
  });
  for await (const page of pages) {
    for (const item of page.items) {
      read++;
      const body = (item.body ?? {}) as { to?: unknown; recipient?: { id?: unknown } };
      if (body.to === userId || body.recipient?.id === userId) {
        out.push({ pk: item.pk as string, sk: item.sk as string });
      }
    }
    if (read >= maxRead) break;
  }
  return out;
}

/** The record of a deletion, as the status page reports it. It holds no user id. */
export interface DeletionRecord {
  code: string;
  status: "completed";
  requestedAt: string;
  completedAt: string;
  /** conversations deleted (each with its transcript, cart, checkout details and bot state) */
  conversations: number;
  /** orders kept without the shopper's name, phone and address */
  ordersAnonymized: number;
}

export async function putDeletion(db: Db, record: DeletionRecord, now = Date.now()): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: entity("Deletion", keys.deletion(record.code), {
        ...record,
        expiresAt: expiresInDays(DELETION_RECORD_DAYS, now),
      }),
      // codes are random: a collision is a bug, never an overwrite
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
}

export async function getDeletion(db: Db, code: string): Promise<DeletionRecord | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.deletion(code) }));
  if (!res.Item) return undefined;
  const {
    code: c,
    status,
    requestedAt,
    completedAt,
    conversations,
    ordersAnonymized,
  } = res.Item as DeletionRecord;
  return { code: c, status, requestedAt, completedAt, conversations, ordersAnonymized };
}
