/**
 * Conversation records and their transcript. A conversation is one shopper on one channel of one shop; its
 * id is `{channel}:{user id}`. The record and the transcript share a partition, so one Query reads both.
 */

import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { AppError } from "../errors";
import type {
  Conversation,
  ConversationStatus,
  TrafficSource,
  TranscriptMessage,
} from "../model/conversation";
import type { Db } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { ENTITY_VERSION, entity, GSI1, keys } from "./keys";
import { batchWriteAll, type Item, queryPages } from "./query";
import { cancellationCodes } from "./transactions";

export type {
  Conversation,
  ConversationStatus,
  ShopperProfile,
  TrafficSource,
  TranscriptMessage,
} from "../model/conversation";

export interface InboundTouch {
  shopId: string;
  conversationId: string;
  channel: string;
  userId: string;
  at: string;
  name?: string;
  source?: TrafficSource;
  accountId?: string;
  /** WhatsApp: the phone number and the business-scoped user id the delivery carried */
  phone?: string;
  bsuid?: string;
  /** WhatsApp: the BSUID joins this (phone-keyed) conversation in the turn's commit (lib/store/identities.ts) */
  joinBsuid?: boolean;
}

/**
 * Records a shopper message on the conversation (creating it on first contact) and returns the record:
 * one UpdateItem. The first source is kept as `source`; every new referral becomes `lastSource`. A message older
 * than the last one seen (a late redelivery) leaves the times, the status index order and `lastSource` alone.
 */
export async function touchInbound(db: Db, t: InboundTouch): Promise<Conversation> {
  const key = keys.conversation(t.shopId, t.conversationId);
  const names: Record<string, string> = { "#status": "status" };
  const values: Record<string, unknown> = {
    ":shopId": t.shopId,
    ":conversationId": t.conversationId,
    ":channel": t.channel,
    ":userId": t.userId,
    ":at": t.at,
    ":bot": "bot",
    ":et": "Conversation",
    ":v": ENTITY_VERSION,
    ":gsiBot": keys.conversationsByStatus(t.shopId, "bot"),
    ":gsiSk": `${t.at}#${t.conversationId}`,
    ":one": 1,
  };
  const sets = [
    "shopId = :shopId",
    "conversationId = :conversationId",
    "channel = :channel",
    "userId = :userId",
    "lastInboundAt = :at",
    "lastActivityAt = :at",
    "createdAt = if_not_exists(createdAt, :at)",
    "#status = if_not_exists(#status, :bot)",
    "#et = :et",
    "#v = :v",
    // The status index partition changes only with the status (updateConversation); the sort key moves with
    // every message so the newest activity comes first.
    "gsi1pk = if_not_exists(gsi1pk, :gsiBot)",
    "gsi1sk = :gsiSk",
  ];
  names["#et"] = "_et";
  names["#v"] = "_v";
  if (t.name) {
    sets.push("#name = :name");
    names["#name"] = "name";
    values[":name"] = t.name;
  }
  if (t.accountId) {
    sets.push("accountId = :accountId");
    values[":accountId"] = t.accountId;
  }
  if (t.source) {
    sets.push("#source = if_not_exists(#source, :src)", "lastSource = :src");
    names["#source"] = "source";
    values[":src"] = t.source;
  }
  try {
    const res = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key,
        // `inbound` counts the shopper's messages: 1 means this one created the conversation
        UpdateExpression: `SET ${sets.join(", ")} ADD inbound :one`,
        // Meta does not promise order (a retried delivery can arrive after a newer message): an older message
        // must not move the window start, the activity order or the latest source back.
        ConditionExpression: "attribute_not_exists(lastInboundAt) OR lastInboundAt <= :at",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: "ALL_NEW",
      }),
    );
    const record = res.Attributes as Conversation;
    // First contact: list the conversation under the user id, so a data deletion request (lib/privacy) finds
    // it across shops and channels, then mark the record: until the mark is there (a failed write, a record
    // from before the index) every message tries again. Two more requests, normally on the first message only.
    if (!record.userIndexed) {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: entity("UserConversation", keys.userConversation(t.userId, t.shopId, t.conversationId), {
            userId: t.userId,
            shopId: t.shopId,
            conversationId: t.conversationId,
            createdAt: record.createdAt,
          }),
        }),
      );
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: key,
          UpdateExpression: "SET userIndexed = :yes",
          ExpressionAttributeValues: { ":yes": true },
        }),
      );
      record.userIndexed = true;
    }
    return record;
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
  // A late, older message: it may still bring the first source or a name the record lacks.
  const late: string[] = [];
  const lateNames: Record<string, string> = {};
  const lateValues: Record<string, unknown> = {};
  if (t.name) {
    late.push("#name = if_not_exists(#name, :name)");
    lateNames["#name"] = "name";
    lateValues[":name"] = t.name;
  }
  if (t.source) {
    late.push("#source = if_not_exists(#source, :src)");
    lateNames["#source"] = "source";
    lateValues[":src"] = t.source;
  }
  if (late.length === 0) return (await getConversation(db, t.shopId, t.conversationId)) as Conversation;
  const res = await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: key,
      UpdateExpression: `SET ${late.join(", ")}`,
      ExpressionAttributeNames: lateNames,
      ExpressionAttributeValues: lateValues,
      ReturnValues: "ALL_NEW",
    }),
  );
  return res.Attributes as Conversation;
}

export async function getConversation(
  db: Db,
  shopId: string,
  conversationId: string,
): Promise<Conversation | undefined> {
  const res = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.conversation(shopId, conversationId) }),
  );
  return res.Item as Conversation | undefined;
}

/** The fields of a conversation its owners change (the bot, the agent API, the handover rules). */
export type ConversationFields = Partial<
  Pick<
    Conversation,
    | "locale"
    | "status"
    | "agentId"
    | "handoverReason"
    | "handoverAt"
    | "lastAgentAt"
    | "idleSince"
    | "releasedAt"
    | "releaseReason"
    | "profile"
    | "optedOut"
    | "waitingNoticeAt"
    | "readAt"
    | "rate"
  >
>;

export interface ConversationUpdateOptions {
  /** attributes to remove */
  remove?: Array<keyof ConversationFields>;
  /** apply only while the status is one of these */
  ifStatus?: ConversationStatus[];
  /** apply only while `idleSince` is still this value (nobody acted since it was read) */
  ifIdleSince?: string;
  /**
   * The idle-release timer, in the same transaction: set it to fire at this time, or remove it (`null`).
   * Left out, the timer is not touched.
   */
  releaseAt?: string | null;
}

/** The timer item that lists a conversation a person has on GSI1, by the time it goes back to the bot. */
export const handoverTimerItem = (shopId: string, conversationId: string, releaseAt: string) =>
  entity("HandoverTimer", keys.handoverTimer(shopId, conversationId), {
    shopId,
    conversationId,
    releaseAt,
    gsi1pk: keys.handoverTimers,
    gsi1sk: `${releaseAt}#${shopId}#${conversationId}`,
  });

const conditionFailed = (e: unknown): boolean =>
  e instanceof ConditionalCheckFailedException ||
  (cancellationCodes(e)?.includes("ConditionalCheckFailed") ?? false);

/**
 * Sets fields of an existing conversation. A status change moves it to that status's partition of the
 * GSI1 status index (the sort key, the last activity, stays). With `releaseAt` the idle-release timer is
 * set or removed in the same transaction, so a conversation a person has always has its timer.
 *
 * Returns false when a condition of `opts` does not hold (someone else changed it first); throws `not_found`
 * for a conversation that does not exist (and creates nothing).
 */
export async function updateConversation(
  db: Db,
  shopId: string,
  conversationId: string,
  fields: ConversationFields,
  opts: ConversationUpdateOptions = {},
): Promise<boolean> {
  const entries: Array<[string, unknown]> = Object.entries(fields).filter(([, v]) => v !== undefined);
  if (fields.status) entries.push(["gsi1pk", keys.conversationsByStatus(shopId, fields.status)]);
  const removes = (opts.remove ?? []).filter((k) => fields[k] === undefined);
  if (entries.length === 0 && removes.length === 0) return true;
  const names: Record<string, string> = Object.fromEntries(
    [...entries.map(([k]) => k), ...removes].map((k) => [`#${k}`, k]),
  );
  const values: Record<string, unknown> = Object.fromEntries(entries.map(([k, v]) => [`:${k}`, v]));
  const conditions = ["attribute_exists(pk)"];
  if (opts.ifStatus) {
    names["#status"] = "status";
    const list = opts.ifStatus.map((st, i) => {
      values[`:ifStatus${i}`] = st;
      return `:ifStatus${i}`;
    });
    conditions.push(`#status IN (${list.join(", ")})`);
  }
  if (opts.ifIdleSince !== undefined) {
    names["#idleSince"] = "idleSince";
    values[":ifIdleSince"] = opts.ifIdleSince;
    conditions.push("#idleSince = :ifIdleSince");
  }
  const expression = [
    entries.length > 0 ? `SET ${entries.map(([k]) => `#${k} = :${k}`).join(", ")}` : "",
    removes.length > 0 ? `REMOVE ${removes.map((k) => `#${k}`).join(", ")}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const update = {
    TableName: db.table,
    Key: keys.conversation(shopId, conversationId),
    UpdateExpression: expression,
    ConditionExpression: conditions.join(" AND "),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
  try {
    if (opts.releaseAt === undefined) {
      await db.doc.send(new UpdateCommand(update));
    } else {
      const timer: NonNullable<TransactWriteCommandInput["TransactItems"]>[number] =
        opts.releaseAt === null
          ? { Delete: { TableName: db.table, Key: keys.handoverTimer(shopId, conversationId) } }
          : { Put: { TableName: db.table, Item: handoverTimerItem(shopId, conversationId, opts.releaseAt) } };
      await db.doc.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, timer] }));
    }
    return true;
  } catch (e) {
    if (!conditionFailed(e)) throw e;
    if (!(await getConversation(db, shopId, conversationId))) {
      throw new AppError("not_found", `No conversation ${conversationId}.`, undefined, { cause: e });
    }
    return false;
  }
}

/** A page of a shop's conversations in one status, newest activity first (GSI1). */
export async function listConversations(
  db: Db,
  shopId: string,
  status: ConversationStatus,
  /** `after`: the `next` of a previous page (refused unless it is a cursor of this shop's list) */
  opts: { limit?: number; after?: string } = {},
): Promise<{ items: Conversation[]; next?: string }> {
  const partition = keys.conversationsByStatus(shopId, status);
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: GSI1,
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": partition },
      ScanIndexForward: false,
      Limit: opts.limit ?? 50,
      ExclusiveStartKey: decodeCursor(opts.after, partition, "after"),
    }),
  );
  return {
    items: (res.Items ?? []) as Conversation[],
    ...(res.LastEvaluatedKey ? { next: encodeCursor(res.LastEvaluatedKey) } : {}),
  };
}

/** An idle-release timer as listed on GSI1. */
export interface HandoverTimer {
  shopId: string;
  conversationId: string;
  releaseAt: string;
}

/** Timers due at `now`, the oldest first. */
export async function dueHandoverTimers(db: Db, now: number, limit = 100): Promise<HandoverTimer[]> {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: GSI1,
      // `~` sorts after the `#shop#id` suffix, so timers due in this very millisecond are included.
      KeyConditionExpression: "gsi1pk = :pk AND gsi1sk <= :upto",
      ExpressionAttributeValues: { ":pk": keys.handoverTimers, ":upto": `${new Date(now).toISOString()}~` },
      Limit: limit,
    }),
  );
  return (res.Items ?? []).map((i) => {
    const { shopId, conversationId, releaseAt } = i as HandoverTimer;
    return { shopId, conversationId, releaseAt };
  });
}

/** Moves a timer to a new release time (the shop's idle setting changed); a timer gone meanwhile stays gone. */
export async function moveHandoverTimer(db: Db, timer: HandoverTimer, releaseAt: string): Promise<void> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.handoverTimer(timer.shopId, timer.conversationId),
        UpdateExpression: "SET releaseAt = :at, gsi1sk = :sk",
        ConditionExpression: "releaseAt = :seen",
        ExpressionAttributeValues: {
          ":at": releaseAt,
          ":sk": `${releaseAt}#${timer.shopId}#${timer.conversationId}`,
          ":seen": timer.releaseAt,
        },
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
}

/** Removes a timer left behind (its conversation is with the bot already), unless it was moved meanwhile. */
export async function deleteHandoverTimer(db: Db, timer: HandoverTimer): Promise<void> {
  try {
    await db.doc.send(
      new DeleteCommand({
        TableName: db.table,
        Key: keys.handoverTimer(timer.shopId, timer.conversationId),
        ConditionExpression: "releaseAt = :seen",
        ExpressionAttributeValues: { ":seen": timer.releaseAt },
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
}

let seq = 0;
/** A sort-key suffix that keeps messages written in the same millisecond apart and in order. */
export const nextSeq = (): string => {
  seq = (seq + 1) % 1_000_000;
  return `${seq.toString().padStart(6, "0")}${Math.random().toString(36).slice(2, 6)}`;
};

/** Appends messages to the transcript (one BatchWrite per 25). */
export async function appendTranscript(
  db: Db,
  shopId: string,
  conversationId: string,
  messages: TranscriptMessage[],
): Promise<void> {
  await batchWriteAll(
    db,
    messages.map((m) => ({
      PutRequest: { Item: entity("Message", keys.message(shopId, conversationId, m.at, nextSeq()), m) },
    })),
    {
      attempts: 5,
      delay: (attempt) => 50 * 2 ** attempt,
      failure: "transcript write left unprocessed items",
    },
  );
}

/** The conversation with its transcript, oldest message first (at most `limit` newest messages). */
export async function readConversation(
  db: Db,
  shopId: string,
  conversationId: string,
  limit = 200,
): Promise<{ conversation?: Conversation; messages: TranscriptMessage[] }> {
  // Paged: one Query page stops at 1 MB, which long messages reach well before `limit` (issue 14: 19 of "the
  // newest 200" were shown). Pages are read until `limit` messages and the record are in.
  const items: Item[] = [];
  let count = 0;
  for await (const page of queryPages(
    db,
    {
      // below "N": the record and the messages, not the ORDER#/PLACED# items that sort after the messages
      KeyConditionExpression: "pk = :pk AND sk < :n",
      ExpressionAttributeValues: { ":pk": keys.conversationPartition(shopId, conversationId), ":n": "N" },
      ScanIndexForward: false,
    },
    { limit: () => limit + 1 - count },
  )) {
    items.push(...page.items);
    count += page.items.length;
    if (count >= limit + 1) break;
  }
  let conversation: Conversation | undefined;
  const messages: TranscriptMessage[] = [];
  for (const item of items) {
    if (item.sk === "CONV") conversation = item as Conversation;
    // The query asks for one item more than `limit` to reach the record (it sorts after every `MSG#`);
    // when the record is not among them, that extra item is a message beyond the limit.
    else if (typeof item.sk === "string" && item.sk.startsWith("MSG#") && messages.length < limit) {
      const { at, direction, author, text, kind, externalId, agentId, media } = item as TranscriptMessage;
      const { purpose, form, category, status, reason, error } = item as TranscriptMessage;
      messages.push({
        at,
        direction,
        author,
        text,
        ...(kind !== undefined && { kind }),
        ...(externalId !== undefined && { externalId }),
        ...(media !== undefined && { media }),
        ...(agentId !== undefined && { agentId }),
        ...(purpose !== undefined && { purpose }),
        ...(form !== undefined && { form }),
        ...(category !== undefined && { category }),
        ...(status !== undefined && { status }),
        ...(reason !== undefined && { reason }),
        ...(error !== undefined && { error }),
      });
    }
  }
  messages.reverse();
  if (!conversation) conversation = await getConversation(db, shopId, conversationId);
  return { conversation, messages };
}
