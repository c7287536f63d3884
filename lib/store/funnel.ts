/**
 * The sales funnel per traffic source and day (UTC): conversations, product views, add-to-cart, checkouts
 * started, orders, revenue (minor units of the shop's currency) and handovers. Each event is one `ADD` on
 * the counters of its day and source, so concurrent turns never lose a count and a report is one Query.
 *
 * Attribution: a conversation's latest referral (`lastSource`), else its first (`source`), else `organic`;
 * the source key is `ads:{ad id}`, `ref:{m.me ref}`, the WhatsApp `source_type:source_id`… (see `sourceKey`).
 */
import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import type { Conversation, TrafficSource } from "./conversations";
import { ENTITY_VERSION, keys } from "./keys";

export const FUNNEL_EVENTS = [
  "conversations",
  "productViews",
  "addToCart",
  "checkouts",
  "orders",
  "revenue",
  "handovers",
] as const;
export type FunnelEvent = (typeof FUNNEL_EVENTS)[number];

export interface FunnelRow extends Record<FunnelEvent, number> {
  day: string;
  source: string;
}

/** A short, stable name for where a conversation came from. */
export function sourceKey(source: TrafficSource | undefined): string {
  if (!source) return "organic";
  const clean = (v: string) => v.replace(/[#\s]/g, "_").slice(0, 100);
  if (source.adId) return `ad:${clean(source.adId)}`;
  if (source.ref) return `ref:${clean(source.ref)}`;
  return clean(`${source.source}${source.type ? `:${source.type}` : ""}`.toLowerCase());
}

export const sourceOfConversation = (c: Pick<Conversation, "source" | "lastSource">): string =>
  sourceKey(c.lastSource ?? c.source);

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** Adds `by` (default 1) to one counter of the conversation's source today. Best effort: never throws. */
export async function countFunnel(
  db: Db,
  conversation: Pick<Conversation, "shopId" | "source" | "lastSource">,
  event: FunnelEvent,
  at: Date,
  by = 1,
  extra: Partial<Record<FunnelEvent, number>> = {},
): Promise<void> {
  const source = sourceOfConversation(conversation);
  const day = dayOf(at);
  const counters = { ...extra, [event]: by };
  const names: Record<string, string> = { "#et": "_et", "#v": "_v" };
  const values: Record<string, unknown> = {
    ":et": "Funnel",
    ":v": ENTITY_VERSION,
    ":day": day,
    ":source": source,
  };
  const adds = Object.entries(counters).map(([k, v], i) => {
    names[`#c${i}`] = k;
    values[`:c${i}`] = v;
    return `#c${i} :c${i}`;
  });
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.funnel(conversation.shopId, day, source),
      UpdateExpression: `SET #et = :et, #v = :v, #day = :day, #source = :source ADD ${adds.join(", ")}`,
      ExpressionAttributeNames: { ...names, "#day": "day", "#source": "source" },
      ExpressionAttributeValues: values,
    }),
  );
}

/** The counters of every source for each day in [from, to] (YYYY-MM-DD, inclusive), oldest first. */
export async function readFunnel(db: Db, shopId: string, from: string, to: string): Promise<FunnelRow[]> {
  const rows: FunnelRow[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":pk": keys.funnelPartition(shopId),
          ":from": from,
          ":to": `${to}#\uffff`,
        },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of res.Items ?? []) {
      const row = { day: String(item.day), source: String(item.source) } as FunnelRow;
      for (const e of FUNNEL_EVENTS) row[e] = Number(item[e] ?? 0);
      rows.push(row);
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return rows;
}
