/**
 * The sales funnel per traffic source and day (UTC): conversations, product views, add-to-cart, checkouts
 * started, orders, revenue (minor units of the shop's currency) and handovers. Each event is one `ADD` on
 * the counters of its day and source, so concurrent turns never lose a count and a report is one Query.
 *
 * Attribution: every event goes to the conversation's latest referral (`lastSource`), else its first
 * (`source`), else `organic`, as it stands when the event happens: a shopper who came by an ad and later
 * opens an m.me link counts from then on for the link. A conversation is counted on its first message, for
 * the source it arrived with, and again for each referral that brings the shopper back (an arrival from that
 * source). Keys: see `sourceKey`.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { log } from "../log";
import type { Db } from "./client";
import type { Conversation, TrafficSource } from "./conversations";
import { ENTITY_VERSION, keys } from "./keys";
import { queryAll } from "./query";

export const FUNNEL_EVENTS = [
  "conversations",
  "productViews",
  "addToCart",
  "checkouts",
  "orders",
  "revenue",
  "handovers",
  /** orders cancelled, counted on the day they were placed (and taken off `orders`; lib/store/orderFunnel.ts) */
  "cancelled",
  /** their revenue, taken off `revenue` */
  "cancelledRevenue",
] as const;
export type FunnelEvent = (typeof FUNNEL_EVENTS)[number];

export interface FunnelRow extends Record<FunnelEvent, number> {
  day: string;
  source: string;
  /** the same counters per channel (`messenger`, `whatsapp`, `instagram`), when the events named one */
  channels?: Record<string, Partial<Record<FunnelEvent, number>>>;
}

/**
 * The attribute that counts `event` for `channel` on a funnel item (next to the source's own counter), so the
 * report can split every source by channel without another item or read.
 */
export const channelCounter = (channel: string, event: string): string => `${channel}#${event}`;
const CHANNEL_COUNTER = /^([a-z]+)#([A-Za-z]+)$/;

/**
 * A short, stable, readable name for where a conversation came from (the `source` of the funnel rows):
 * - `ad:{ad id}`: a Messenger ad (`ADS` referral with `ad_id`) or a click-to-WhatsApp ad (`source_type: ad`,
 *   `source_id`): the ad id wins over a `ref` the ad may also carry;
 * - `post:{post id}`: a click-to-WhatsApp link on a Facebook or Instagram post (`source_type: post`);
 * - `ref:{ref}`: an m.me link, a Messenger code or Get Started with a `ref` parameter;
 * - `{channel}:{source}`: a referral without either, e.g. `messenger:shortlink`, `messenger:customer_chat_plugin`;
 * - `organic`: no referral at all.
 * `#` and white space become `_` (the sort key is `{day}#{source}`) and ids are cut to 100 characters.
 * See https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messaging_referrals and
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components (messages.referral).
 */
export function sourceKey(source: TrafficSource | undefined, channel?: string): string {
  if (!source) return "organic";
  const clean = (v: string) => v.replace(/[#\s]/g, "_").slice(0, 100);
  const kind = clean(source.source.toLowerCase());
  if (source.adId) return `${kind === "post" ? "post" : "ad"}:${clean(source.adId)}`;
  if (source.ref) return `ref:${clean(source.ref)}`;
  return channel ? `${clean(channel)}:${kind}` : kind;
}

/** What the funnel counts a conversation's events for (see the attribution rule above). */
export const sourceOfConversation = (
  c: Pick<Conversation, "source" | "lastSource"> & { channel?: string },
): string => sourceKey(c.lastSource ?? c.source, c.channel);

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Adds `by` (default 1) to one counter, and `extra` to others (an order's `revenue`), of the conversation's
 * source on the UTC day of `at`: one UpdateItem with `ADD`, so concurrent turns never lose a count. It throws
 * what DynamoDB throws: callers count best effort (catch and log), a lost count must not fail a turn.
 */
export async function countFunnel(
  db: Db,
  conversation: Pick<Conversation, "shopId" | "source" | "lastSource"> & { channel?: string },
  event: FunnelEvent,
  at: Date,
  by = 1,
  extra: Partial<Record<FunnelEvent, number>> = {},
): Promise<void> {
  const source = sourceOfConversation(conversation);
  const day = dayOf(at);
  const own: Record<string, number> = { ...extra, [event]: by };
  const counters = { ...own };
  if (conversation.channel) {
    for (const [k, v] of Object.entries(own)) counters[channelCounter(conversation.channel, k)] = v;
  }
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

/** {@link countFunnel} for the turn's own code: a count that fails is logged, never the turn's failure. */
export async function tallyFunnel(...args: Parameters<typeof countFunnel>): Promise<void> {
  await countFunnel(...args).catch((e) => log.warn("funnel.not_counted", { event: args[2], error: e }));
}

/** The counters of every source for each day in [from, to] (YYYY-MM-DD, inclusive), oldest first. */
export async function readFunnel(db: Db, shopId: string, from: string, to: string): Promise<FunnelRow[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
    ExpressionAttributeValues: {
      ":pk": keys.funnelPartition(shopId),
      ":from": from,
      ":to": `${to}#\uffff`,
    },
  });
  return items.map((item) => {
    const row = { day: String(item.day), source: String(item.source) } as FunnelRow;
    for (const e of FUNNEL_EVENTS) row[e] = Number(item[e] ?? 0);
    const channels: NonNullable<FunnelRow["channels"]> = {};
    for (const [k, v] of Object.entries(item)) {
      const m = CHANNEL_COUNTER.exec(k);
      const [channel, event] = [m?.[1], m?.[2]];
      if (!channel || !event || !(FUNNEL_EVENTS as readonly string[]).includes(event)) continue;
      channels[channel] = { ...channels[channel], [event]: Number(v) };
    }
    if (Object.keys(channels).length > 0) row.channels = channels;
    return row;
  });
}
