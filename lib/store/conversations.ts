/**
 * Conversation records and their transcript. A conversation is one shopper on one channel of one shop; its
 * id is `{channel}:{user id}`. The record and the transcript share a partition, so one Query reads both.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { ENTITY_VERSION, entity, keys } from "./keys";

export type ConversationStatus = "bot" | "waiting" | "agent";

export interface TrafficSource {
  source: string;
  type?: string;
  ref?: string;
  adId?: string;
  url?: string;
  headline?: string;
  at: string;
}

export interface Conversation {
  shopId: string;
  conversationId: string;
  channel: string;
  userId: string;
  /** the shopper's display name when the platform gives one (WhatsApp profile) */
  name?: string;
  locale?: string;
  status: ConversationStatus;
  /** ISO time of the shopper's last message: the 24 h / 7 day windows start here */
  lastInboundAt?: string;
  lastActivityAt: string;
  createdAt: string;
  /** the first traffic source seen (m.me ref, ad, click-to-WhatsApp) */
  source?: TrafficSource;
  /** the latest traffic source */
  lastSource?: TrafficSource;
}

export interface TranscriptMessage {
  at: string;
  direction: "in" | "out";
  /** who wrote it: the shopper, the bot or a person */
  author: "shopper" | "bot" | "agent";
  text: string;
  /** inbound kind or outbound message type, for the inbox */
  kind?: string;
  /** platform message id, when known */
  externalId?: string;
}

export interface InboundTouch {
  shopId: string;
  conversationId: string;
  channel: string;
  userId: string;
  at: string;
  name?: string;
  source?: TrafficSource;
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
        UpdateExpression: `SET ${sets.join(", ")}`,
        // Meta does not promise order (a retried delivery can arrive after a newer message): an older message
        // must not move the window start, the activity order or the latest source back.
        ConditionExpression: "attribute_not_exists(lastInboundAt) OR lastInboundAt <= :at",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: "ALL_NEW",
      }),
    );
    return res.Attributes as Conversation;
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

/** Sets fields of an existing conversation (locale, status…). */
export async function updateConversation(
  db: Db,
  shopId: string,
  conversationId: string,
  fields: Partial<Pick<Conversation, "locale" | "status">>,
): Promise<void> {
  const entries: Array<[string, unknown]> = Object.entries(fields).filter(([, v]) => v !== undefined);
  if (fields.status) entries.push(["gsi1pk", keys.conversationsByStatus(shopId, fields.status)]);
  if (entries.length === 0) return;
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.conversation(shopId, conversationId),
      UpdateExpression: `SET ${entries.map(([k]) => `#${k} = :${k}`).join(", ")}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([k]) => [`#${k}`, k])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([k, v]) => [`:${k}`, v])),
      ConditionExpression: "attribute_exists(pk)",
    }),
  );
}

let seq = 0;
/** A sort-key suffix that keeps messages written in the same millisecond apart and in order. */
const nextSeq = () => {
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
  for (let i = 0; i < messages.length; i += 25) {
    const chunk = messages.slice(i, i + 25);
    let requests = chunk.map((m) => ({
      PutRequest: { Item: entity("Message", keys.message(shopId, conversationId, m.at, nextSeq()), m) },
    }));
    for (let attempt = 0; requests.length > 0 && attempt < 5; attempt++) {
      const res = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: requests } }));
      requests = (res.UnprocessedItems?.[db.table] ?? []) as typeof requests;
      if (requests.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
    if (requests.length > 0) throw new Error("transcript write left unprocessed items");
  }
}

/** The conversation with its transcript, oldest message first (at most `limit` newest messages). */
export async function readConversation(
  db: Db,
  shopId: string,
  conversationId: string,
  limit = 200,
): Promise<{ conversation?: Conversation; messages: TranscriptMessage[] }> {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.conversationPartition(shopId, conversationId) },
      ScanIndexForward: false,
      Limit: limit + 1,
    }),
  );
  let conversation: Conversation | undefined;
  const messages: TranscriptMessage[] = [];
  for (const item of res.Items ?? []) {
    if (item.sk === "CONV") conversation = item as Conversation;
    // The query asks for one item more than `limit` to reach the record (it sorts after every `MSG#`);
    // when the record is not among them, that extra item is a message beyond the limit.
    else if (typeof item.sk === "string" && item.sk.startsWith("MSG#") && messages.length < limit) {
      const { at, direction, author, text, kind, externalId } = item as TranscriptMessage;
      messages.push({ at, direction, author, text, kind, externalId });
    }
  }
  messages.reverse();
  if (!conversation) conversation = await getConversation(db, shopId, conversationId);
  return { conversation, messages };
}
