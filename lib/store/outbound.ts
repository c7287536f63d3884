/**
 * What the outbound path (lib/outbound/send.ts) keeps: the transcript message with the form it went out in,
 * the order's notification (when it is about an order), a reference by platform message id (where status
 * webhooks find both) and the day's count per cost category. One transaction, so they agree.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { TranscriptMessage } from "../model/conversation";
import type { Db } from "./client";
import { nextSeq } from "./conversations";
import { entity, expiresInDays, type Key, keys } from "./keys";
import { queryAll } from "./query";
import type { TransactItem } from "./transactions";

/** Delivery states, in the order they can follow each other (`failed` ends it). */
export const DELIVERY_RANK: Record<string, number> = {
  not_sent: 0,
  queued: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  failed: 5,
};

export interface DeliveryError {
  code?: number;
  title?: string;
}

/** One message Chatcart sent (or did not send) to a shopper about an order. */
export interface OrderNotification {
  at: string;
  purpose: string;
  /** `sent`, `queued`, `not_sent`, then `delivered`, `read` or `failed` from the status webhooks */
  status: string;
  form?: string;
  category?: string;
  messageId?: string;
  /** why it was not sent */
  reason?: string;
  error?: DeliveryError;
  statusAt?: string;
}

export interface OutboundRecord {
  shopId: string;
  conversationId: string;
  channel: string;
  message: TranscriptMessage;
  /** the notification of this order */
  orderId?: string;
  purpose: string;
  /** counted per day (not for a message that was not sent) */
  category?: string;
  day: string;
  /** keep a transcript line (false: only the order notification, e.g. a refusal the transcript already says) */
  transcript?: boolean;
  /**
   * the outbox id of a message that is queued (no platform id yet): its reference waits under this id until
   * the outbox sends it or Meta's echo names it ({@link linkOutboundRef}), so its statuses still find it
   */
  pendingSendId?: string;
}

/** where a queued message's reference waits for its platform message id */
export const pendingRefKey = (channel: string, sendId: string): Key =>
  keys.outboundRef(channel, `outbox:${sendId}`);

interface OutboundRef {
  shopId: string;
  conversationId: string;
  messageKey: Key;
  notificationKey?: Key;
  status: string;
  rank: number;
}

/** A reference item: statuses come within days; it names the conversation, so it does not stay. */
const outboundRefItem = (key: Key, ref: OutboundRef) =>
  entity("OutboundRef", key, { ...ref, expiresAt: expiresInDays(30) });

export async function recordOutbound(db: Db, r: OutboundRecord): Promise<void> {
  const items: TransactItem[] = [];
  const messageKey = keys.message(r.shopId, r.conversationId, r.message.at, nextSeq());
  const message =
    r.pendingSendId && !r.message.externalId ? { ...r.message, sendId: r.pendingSendId } : r.message;
  if (r.transcript !== false)
    items.push({ Put: { TableName: db.table, Item: entity("Message", messageKey, message) } });
  let notificationKey: Key | undefined;
  if (r.orderId) {
    notificationKey = keys.notification(r.shopId, r.orderId, r.message.at, nextSeq());
    const n: OrderNotification = {
      at: r.message.at,
      purpose: r.purpose,
      status: r.message.status ?? "sent",
      ...(r.message.form && { form: r.message.form }),
      ...(r.message.category && { category: r.message.category }),
      ...(r.message.externalId && { messageId: r.message.externalId }),
      ...(r.message.reason && { reason: r.message.reason }),
    };
    items.push({ Put: { TableName: db.table, Item: entity("Notification", notificationKey, n) } });
  }
  const refId = r.message.externalId
    ? keys.outboundRef(r.channel, r.message.externalId)
    : r.pendingSendId
      ? pendingRefKey(r.channel, r.pendingSendId)
      : undefined;
  if (refId) {
    const ref: OutboundRef = {
      shopId: r.shopId,
      conversationId: r.conversationId,
      messageKey,
      ...(notificationKey && { notificationKey }),
      status: r.message.status ?? "sent",
      rank: DELIVERY_RANK[r.message.status ?? "sent"] ?? 0,
    };
    items.push({
      Put: {
        TableName: db.table,
        Item: outboundRefItem(refId, ref),
      },
    });
  }
  if (r.category) {
    items.push({
      Update: {
        TableName: db.table,
        Key: keys.outboundCount(r.shopId, r.day, r.category),
        UpdateExpression: "SET #et = :et, #v = :v, #day = :day, category = :c ADD n :one",
        ExpressionAttributeNames: { "#et": "_et", "#v": "_v", "#day": "day" },
        ExpressionAttributeValues: {
          ":et": "OutboundCount",
          ":v": 1,
          ":day": r.day,
          ":c": r.category,
          ":one": 1,
        },
      },
    });
  }
  if (items.length > 0) await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
}

/**
 * A status webhook for a message we sent: the reference, the transcript message and the order's
 * notification move forward (`sent` → `delivered` → `read`; `failed` with Meta's error). An older status
 * arriving late is ignored. Answers where it applied, or undefined for a message that is not ours.
 */
export async function applyDeliveryStatus(
  db: Db,
  channel: string,
  messageId: string,
  status: string,
  at: string,
  error?: DeliveryError,
): Promise<{ shopId: string; conversationId: string } | undefined> {
  const rank = DELIVERY_RANK[status];
  if (rank === undefined) return undefined;
  const refKey = keys.outboundRef(channel, messageId);
  // consistent: the reference may have been written (or linked) a moment ago
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: refKey, ConsistentRead: true }));
  const ref = res.Item as OutboundRef | undefined;
  if (!ref) return undefined;
  const set = `SET #s = :s, statusAt = :at${error ? ", #e = :e" : ""}`;
  const values = { ":s": status, ":at": at, ...(error ? { ":e": error } : {}) };
  const names = { "#s": "status", ...(error ? { "#e": "error" } : {}) };
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: refKey,
        UpdateExpression: `${set}, #rank = :rank`,
        // a reference a data deletion removed meanwhile is not written back
        ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(#rank) OR #rank < :rank)",
        ExpressionAttributeNames: { ...names, "#rank": "rank" },
        ExpressionAttributeValues: { ...values, ":rank": rank },
      }),
    );
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException)
      return { shopId: ref.shopId, conversationId: ref.conversationId };
    throw e;
  }
  for (const key of [ref.messageKey, ref.notificationKey]) {
    if (!key) continue;
    await db.doc
      .send(
        new UpdateCommand({
          TableName: db.table,
          Key: key,
          UpdateExpression: set,
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      )
      .catch((e: unknown) => {
        // deleted meanwhile (a data deletion): nothing to update
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      });
  }
  return { shopId: ref.shopId, conversationId: ref.conversationId };
}

/**
 * A queued message went out (the outbox sent it, or Meta's echo or status said Graph took it): its reference
 * moves to the platform's message id, where its later statuses look, and it becomes `sent`. Nothing happens
 * for a message that had no reference waiting (a bot turn's reply) or one that was linked already.
 */
export async function linkOutboundRef(
  db: Db,
  channel: string,
  sendId: string,
  messageId: string,
  at = new Date().toISOString(),
): Promise<boolean> {
  const pending = pendingRefKey(channel, sendId);
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: pending, ConsistentRead: true }));
  const ref = res.Item as (OutboundRef & { expiresAt?: number }) | undefined;
  if (!ref) return false;
  const { shopId, conversationId, messageKey, notificationKey, status, rank } = ref;
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: db.table,
              Item: outboundRefItem(keys.outboundRef(channel, messageId), {
                shopId,
                conversationId,
                messageKey,
                ...(notificationKey && { notificationKey }),
                status,
                rank,
              }),
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          { Delete: { TableName: db.table, Key: pending } },
          // the transcript message learns its platform id (a data deletion finds the reference by it); a
          // message deleted meanwhile is not brought back
          {
            Update: {
              TableName: db.table,
              Key: messageKey,
              UpdateExpression: "SET externalId = :m",
              ConditionExpression: "attribute_exists(pk)",
              ExpressionAttributeValues: { ":m": messageId },
            },
          },
        ],
      }),
    );
  } catch (e) {
    // linked already by the other path (drain and echo both report it)
    if ((e as Error).name === "TransactionCanceledException") return false;
    throw e;
  }
  await applyDeliveryStatus(db, channel, messageId, "sent", at);
  return true;
}

/** An order's notifications, oldest first. */
export async function listOrderNotifications(
  db: Db,
  shopId: string,
  orderId: string,
): Promise<OrderNotification[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :p)",
    ExpressionAttributeValues: { ":pk": keys.order(shopId, orderId).pk, ":p": "NOTIFY#" },
  });
  return items.map((i) => {
    const { at, purpose, status, form, category, messageId, reason, error, statusAt } =
      i as OrderNotification;
    return {
      at,
      purpose,
      status,
      ...(form && { form }),
      ...(category && { category }),
      ...(messageId && { messageId }),
      ...(reason && { reason }),
      ...(error && { error }),
      ...(statusAt && { statusAt }),
    };
  });
}

/** Outbound messages per day and category from `from` to `to` (YYYY-MM-DD, inclusive). */
export async function readOutboundCounts(
  db: Db,
  shopId: string,
  from: string,
  to: string,
): Promise<Array<{ day: string; category: string; n: number }>> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
    ExpressionAttributeValues: {
      ":pk": keys.outboundCountPartition(shopId),
      ":from": from,
      ":to": `${to}#~`,
    },
  });
  return items.map((i) => ({ day: String(i.day), category: String(i.category), n: Number(i.n ?? 0) }));
}

/**
 * Platform ids of the messages sent outside a turn to this conversation at or before `before` (ISO) and not yet
 * read: what a Messenger read watermark ("everything up to here was read") covers. Reads the newest
 * `maxRead` transcript items before it (one Query); older unread ones stay as they are.
 */
export async function unreadSentBefore(
  db: Db,
  shopId: string,
  conversationId: string,
  before: string,
  maxRead = 30,
): Promise<string[]> {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
      FilterExpression: "direction = :out AND attribute_exists(externalId) AND #s IN (:sent, :delivered)",
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: {
        ":pk": keys.conversationPartition(shopId, conversationId),
        ":from": "MSG#",
        ":to": `MSG#${before}#\uffff`,
        ":out": "out",
        ":sent": "sent",
        ":delivered": "delivered",
      },
      ProjectionExpression: "externalId",
      ScanIndexForward: false,
      Limit: maxRead,
    }),
  );
  return (res.Items ?? []).map((i) => i.externalId as string);
}
