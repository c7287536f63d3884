/**
 * Question turns through the webhook handler, in process: signed Meta deliveries (one message each, a unique
 * `mid`/`wamid` per turn, ~50 shoppers writing in their own language) go to `handleWebhook` one after the
 * other, against DynamoDB Local and the fake Graph API, each followed by a floor turn (session.ts). Then some
 * of them again, byte for byte: redeliveries.
 */

import { signBody } from "../../lib/channels/meta/signature";
import type { ChannelId } from "../../lib/channels/types";
import { messengerText, whatsappText } from "../../lib/dev/deliveries";
import type { HttpRequest } from "../../lib/http/request";
import type { Session } from "./session";
import { round } from "./stats";

/**
 * Short shopper messages about the demo shop that the bot answers (prices, variants, merchant answers,
 * thanks), so a turn does the whole work; five locales, one per shopper, so each keeps its language.
 */
export const TEXTS: string[][] = [
  ["how much is the linen shirt?", "do you have the classic tee in red M?", "how much is shipping?"],
  ["كم سعر قميص الكتان؟", "هل يوجد تيشيرت كلاسيكي أحمر؟", "شكرا جزيلا"],
  ["亚麻衬衫多少钱", "经典T恤有红色的吗", "谢谢"],
  ["magkano po yung linen na polo?", "meron pa ba kayong classic tee na pula?", "salamat po"],
  ["berapa harga kemeja linen?", "kaos klasik merah ukuran M ada?", "terima kasih ya"],
];

export interface DeliveryOptions {
  appSecret: string;
  messengerPageId: string;
  whatsappPhoneNumberId: string;
  shoppers: number;
}

/** Delivery number `i` of a channel, as the HttpRequest the Lambda handler would build from it. */
export function delivery(channel: ChannelId, i: number, o: DeliveryOptions): HttpRequest {
  const shopper = i % o.shoppers;
  const texts = TEXTS[shopper % TEXTS.length] as string[];
  const text = texts[Math.floor(i / o.shoppers) % texts.length] as string;
  const now = Date.now();
  const body =
    channel === "messenger"
      ? messengerText({
          psid: `7${String(shopper).padStart(15, "0")}`,
          text,
          mid: `m_bench.${process.pid}.${i}`,
          pageId: o.messengerPageId,
          at: now,
        })
      : whatsappText({
          waId: `6590${String(shopper).padStart(7, "0")}`,
          text,
          wamid: `wamid.bench.${process.pid}.${i}`,
          name: `Shopper ${shopper}`,
          phoneNumberId: o.whatsappPhoneNumberId,
          at: now,
        });
  return signed(channel, body, o.appSecret);
}

/** A delivery body as the signed HttpRequest the Lambda handler would build from Meta's POST. */
export function signed(channel: ChannelId, body: unknown, appSecret: string): HttpRequest {
  // Meta escapes non-ASCII as \uXXXX; JSON.stringify does not, which is fine: the signature covers the bytes.
  const rawBody = Buffer.from(JSON.stringify(body), "utf8");
  return {
    method: "POST",
    path: `/webhooks/${channel}`,
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signBody(rawBody, appSecret),
      "user-agent": "facebookexternalua",
    },
    query: {},
    pathParams: {},
    rawBody,
  };
}

export interface QuestionsResult {
  warmupPerChannel: number;
  rounds: number;
  redeliveries: number;
  wallSeconds: { turns: number; redeliveries: number };
}

/**
 * Round `r` of every channel, then round `r + 1`, and so on: interleaving the channels keeps drift (DynamoDB
 * Local's JIT warming up, other work on the machine) from landing on one channel only. Stops after `budgetMs`.
 */
export async function benchQuestions(
  channels: ChannelId[],
  session: Session,
  o: DeliveryOptions & { warmup: number; turns: number; redeliveries: number; budgetMs: number },
): Promise<QuestionsResult> {
  const rounds = (from: number, count: number) =>
    Array.from({ length: count }, (_, k) => channels.map((c) => [c, delivery(c, from + k, o)] as const));
  for (const batch of rounds(0, o.warmup)) {
    for (const [c, req] of batch) await session.turn(c, req, undefined, "questions");
  }
  const measured = rounds(o.warmup, o.turns);
  const started = performance.now();
  let done = 0;
  for (const batch of measured) {
    for (const [c, req] of batch) await session.turn(c, req, "question", "questions");
    done++;
    if (performance.now() - started > o.budgetMs) break;
  }
  const turnSeconds = (performance.now() - started) / 1000;
  // Redeliveries: the same bytes and signature again, spread over the rounds that did run.
  const again = Math.min(o.redeliveries, done);
  const step = Math.max(1, Math.floor(done / Math.max(1, again)));
  const redeliveryStarted = performance.now();
  for (let k = 0; k < again; k++) {
    for (const [c, req] of measured[k * step] ?? []) await session.turn(c, req, "redelivery", "redeliveries");
  }
  return {
    warmupPerChannel: o.warmup,
    rounds: done,
    redeliveries: again,
    wallSeconds: {
      turns: round(turnSeconds, 1),
      redeliveries: round((performance.now() - redeliveryStarted) / 1000, 1),
    },
  };
}
