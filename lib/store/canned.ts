/**
 * Canned replies of a shop's team inbox: an id, a title and the text per locale, with `{name}` (the shopper's
 * name) and `{orderId}` (their latest order) filled in when used (lib/agent/canned.ts). One partition per shop.
 */
import { DeleteCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { LocalizedText } from "../catalog/types";
import type { Db } from "./client";
import { entity, keys, toDomain } from "./keys";

export interface CannedReply {
  id: string;
  title: string;
  text: LocalizedText;
  updatedAt?: string;
}

export async function listCanned(db: Db, shopId: string): Promise<CannedReply[]> {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.cannedPartition(shopId) },
    }),
  );
  return (res.Items ?? []).map((i) => toDomain<CannedReply>(i));
}

export async function putCanned(db: Db, shopId: string, reply: CannedReply): Promise<CannedReply> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: entity("CannedReply", keys.cannedReply(shopId, reply.id), reply),
    }),
  );
  return reply;
}

/** False when there was none. */
export async function deleteCanned(db: Db, shopId: string, id: string): Promise<boolean> {
  const res = await db.doc.send(
    new DeleteCommand({ TableName: db.table, Key: keys.cannedReply(shopId, id), ReturnValues: "ALL_OLD" }),
  );
  return Boolean(res.Attributes);
}
