/**
 * Notices for a shop's agents (the agent API's `GET /notifications`): one small item per event in the shop's
 * notice partition, sorted by time, removed by DynamoDB TTL after {@link NOTICE_TTL_DAYS}. Today the one event
 * is a waiting conversation nobody took that went back to the bot (lib/handover/returned.ts). A notice holds no
 * name or text of the shopper's, only the conversation id, and is gone after a week.
 */
import { randomUUID } from "node:crypto";
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { entity, expiresInDays, type Key, keys, toDomain } from "./keys";
import { queryAll } from "./query";

export const NOTICE_TTL_DAYS = 7;

export interface AgentNotice {
  id: string;
  /** `returned_to_bot`: nobody took a waiting conversation within the shop's limit */
  kind: "returned_to_bot";
  conversationId: string;
  at: string;
  /** why the conversation had left the bot (`asked`, `unanswered`, …) */
  handoverReason?: string;
}

export async function putAgentNotice(
  db: Db,
  shopId: string,
  notice: Omit<AgentNotice, "id">,
): Promise<AgentNotice> {
  const full: AgentNotice = { id: randomUUID().slice(0, 8), ...notice };
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: {
        ...entity("AgentNotice", keys.agentNotice(shopId, full.at, full.id), full),
        expiresAt: expiresInDays(NOTICE_TTL_DAYS, Date.parse(full.at)),
      },
    }),
  );
  return full;
}

/** The shop's notices after `since` (ISO time, exclusive), newest first. */
export async function listAgentNotices(
  db: Db,
  shopId: string,
  opts: { since?: string; limit?: number } = {},
): Promise<AgentNotice[]> {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: "pk = :pk AND sk > :since",
      ExpressionAttributeValues: {
        ":pk": keys.agentNoticePartition(shopId),
        ":since": `${opts.since ?? ""}#\uffff`,
      },
      ScanIndexForward: false,
      Limit: opts.limit ?? 50,
    }),
  );
  return (res.Items ?? []).map((i) => toDomain<AgentNotice>(i, ["expiresAt"]));
}

/** Keys of the shop's notices about one conversation (a data deletion removes them). */
export async function agentNoticeKeysOf(db: Db, shopId: string, conversationId: string): Promise<Key[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk",
    FilterExpression: "conversationId = :c",
    ExpressionAttributeValues: { ":pk": keys.agentNoticePartition(shopId), ":c": conversationId },
    ProjectionExpression: "pk, sk",
  });
  return items.map((i) => ({ pk: i.pk as string, sk: i.sk as string }));
}
