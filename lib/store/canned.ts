/**
 * Canned replies of a shop's team inbox: an id, a title and the text per locale, with `{name}` (the shopper's
 * name) and `{orderId}` (their latest order) filled in when used (lib/agent/canned.ts). One partition per shop.
 * Replies stored before texts were per locale (a plain `text` string, or keys such as `en-US`) are read as per
 * locale ({@link cannedFromItem}) and written in the new shape on their next save.
 */
import { DeleteCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { LocalizedText } from "../catalog/types";
import { isLocale } from "../i18n";
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
  return (res.Items ?? []).map(cannedFromItem);
}

/**
 * A stored item as a reply, whatever shape it was written in: a plain string text is English; a key such as
 * `en-US` or `zh_CN` counts for its language; empty texts and unknown languages are dropped; no title reads
 * as the id.
 */
export function cannedFromItem(item: Record<string, unknown>): CannedReply {
  const stored = toDomain<Record<string, unknown>>(item);
  const id = String(stored.id ?? "");
  const text: LocalizedText = {};
  if (typeof stored.text === "string") {
    if (stored.text.trim()) text.en = stored.text;
  } else if (stored.text && typeof stored.text === "object") {
    for (const [key, value] of Object.entries(stored.text)) {
      const locale = key.toLowerCase().split(/[-_]/)[0];
      if (isLocale(locale) && typeof value === "string" && value.trim() && !text[locale])
        text[locale] = value;
    }
  }
  const title = typeof stored.title === "string" && stored.title.trim() ? stored.title : id;
  return {
    id,
    title,
    text,
    ...(typeof stored.updatedAt === "string" && { updatedAt: stored.updatedAt }),
  };
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
