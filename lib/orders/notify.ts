/**
 * Telling the shopper in the chat that the merchant moved their order (`PATCH /api/admin/orders/{id}`). No
 * botbuilder here: the text goes through the channel mappers and the same sender as every other reply
 * (deadline, then the outbox), is written to the transcript as a `bot` message, and the outcome is noted on
 * the order's history entry (`sent`, `queued`, `not_sent` with a reason).
 *
 * It is the bot's message, not a person's, so only the standard 24 h window applies on both channels
 * (Messenger `messaging_type: RESPONSE`); the HUMAN_AGENT tag is for people and never used here.
 * https://developers.facebook.com/docs/messenger-platform/policy/policy-overview#24hours_window
 *
 * When the order is delivered, the rating question for its first product follows the status message in the same
 * window (lib/reviews: five star choices; the shopper's tap is answered by the bot), and `reviewAskedAt` is set
 * on the order. Outside the window neither goes out.
 *
 * The status change is already stored when this runs: nothing here undoes it, and nothing here throws.
 */
import type { Activity } from "botframework-schema";
import { isChannel, toChannelBodies } from "../channels/bodies";
import type { GraphClient } from "../channels/meta/graph";
import { createTurnSender } from "../channels/meta/sender";
import type { GraphBody } from "../channels/types";
import type { Reply } from "../content/replies";
import { windowOf } from "../handover/window";
import { isLocale, type Locale, t } from "../i18n";
import { log, maskId } from "../log";
import { ratingQuestion } from "../reviews/question";
import type { Db } from "../store/client";
import { appendTranscript, getConversation, type TranscriptMessage } from "../store/conversations";
import { recordNotification } from "../store/orders";
import { markReviewAsked } from "../store/reviews";
import { getSettings } from "../store/settings";
import type { ShopDirectory } from "../store/shops";
import type { Order, StatusChange } from "./types";

/** How long the merchant's request waits for Meta before the message goes to the outbox instead. */
const SEND_BUDGET_MS = 5000;

export interface NotifyDeps {
  db: Db;
  graph: GraphClient;
  directory: ShopDirectory;
}

export interface NotifyResult {
  notified: NonNullable<StatusChange["notified"]>;
  /** why it was not sent: `window_closed`, `send_failed`, `no_conversation`, `no_account`, `error` */
  reason?: string;
  /** a delivered order's rating question went out (or was queued) after the status message */
  reviewAsked?: boolean;
}

/** The shopper's text for the order's status, in the order's locale (the shop's default fills gaps). */
export function orderUpdateText(order: Pick<Order, "orderId" | "status">, locale: Locale, fallback: Locale) {
  const status = t(locale, `status.${order.status}`, {}, fallback);
  return t(locale, "order.update", { id: order.orderId, status }, fallback);
}

/** The question as an Activity for the channel mappers: choices are suggested actions (no botbuilder here). */
const questionActivity = (reply: Reply, locale: Locale, fallback: Locale): Partial<Activity> => ({
  type: "message",
  text: reply.text,
  suggestedActions: {
    to: [],
    actions: (reply.choices ?? []).map((c) => ({ type: "postBack", title: c.title, value: c.payload })),
  },
  channelData: { listButton: t(locale, "list.button", {}, fallback) },
});

/** One transcript line, as the bot's transcript writes choices (lib/bot/transcript.ts `summarize`). */
const summary = (reply: Reply) =>
  reply.choices?.length
    ? `${reply.text} [choices: ${reply.choices.map((c) => c.title).join(" | ")}]`
    : reply.text;

async function attempt(
  deps: NotifyDeps,
  order: Order,
  historyIndex: number,
  now: number,
): Promise<NotifyResult> {
  const conversation = await getConversation(deps.db, order.shopId, order.conversationId);
  const channel = conversation?.channel ?? order.channel;
  if (!conversation || !isChannel(channel)) return { notified: "not_sent", reason: "no_conversation" };
  if (windowOf(channel, conversation.lastInboundAt, now).state !== "open") {
    return { notified: "not_sent", reason: "window_closed" };
  }
  const account = conversation.accountId
    ? await deps.directory.find(channel, conversation.accountId)
    : await deps.directory.accountOf(order.shopId, channel);
  if (!account || account.shopId !== order.shopId) return { notified: "not_sent", reason: "no_account" };

  const settings = await getSettings(deps.db, order.shopId);
  const locale = isLocale(order.locale) ? order.locale : settings.defaultLocale;
  const text = orderUpdateText(order, locale, settings.defaultLocale);
  const to = conversation.userId;
  const toBodies = (activity: Partial<Activity>): GraphBody[] =>
    toChannelBodies(channel, activity, to, { messagingType: "RESPONSE", catalogId: account.catalogId });
  const bodies = toBodies({ type: "message", text });

  const sender = createTurnSender({
    graph: deps.graph,
    db: deps.db,
    account,
    // the real clock: `now` may be a test's
    deadline: Date.now() + SEND_BUDGET_MS,
    // one per history entry: a retried notification of the same change reuses the outbox ids
    idPrefix: `order#${order.shopId}#${order.orderId}#${historyIndex}`,
  });
  const results = await sender.send(bodies);
  const failed = results.find((r) => r.state === "failed");
  if (failed) {
    log.warn("order.notify_failed", {
      shopId: order.shopId,
      orderId: order.orderId,
      conversation: maskId(order.conversationId),
      error: failed.error,
    });
    return { notified: "not_sent", reason: "send_failed" };
  }
  const at = new Date(now).toISOString();
  const messages: TranscriptMessage[] = [
    {
      at,
      direction: "out",
      author: "bot",
      text,
      kind: "text",
      ...(results[0]?.messageId && { externalId: results[0].messageId }),
    },
  ];
  const first = order.items[0];
  let reviewAsked = false;
  // the rating question is ours to ask, not the shopper's: not to a shopper who said stop
  if (order.status === "delivered" && first && !conversation.optedOut) {
    const question = ratingQuestion(
      order.orderId,
      first.productId,
      first.title,
      locale,
      settings.defaultLocale,
    );
    // the same sender: its outbox ids continue after the status message's, so a queued pair keeps its order
    const asked = await sender.send(toBodies(questionActivity(question, locale, settings.defaultLocale)));
    reviewAsked = asked.length > 0 && asked.every((r) => r.state !== "failed");
    if (reviewAsked) {
      messages.push({
        at,
        direction: "out",
        author: "bot",
        text: summary(question),
        kind: "interactive",
        ...(asked[0]?.messageId && { externalId: asked[0].messageId }),
      });
      await markReviewAsked(deps.db, order.shopId, order.orderId, new Date(now)).catch((e: unknown) =>
        log.error("order.review_mark_failed", { shopId: order.shopId, orderId: order.orderId, error: e }),
      );
    } else {
      log.warn("order.review_ask_failed", { shopId: order.shopId, orderId: order.orderId });
    }
  }
  // it went out: a failed transcript write must not make it read as not sent
  await appendTranscript(deps.db, order.shopId, order.conversationId, messages).catch((e: unknown) =>
    log.error("order.notify_transcript_failed", { shopId: order.shopId, orderId: order.orderId, error: e }),
  );
  return {
    notified: results.every((r) => r.state === "sent") ? "sent" : "queued",
    ...(reviewAsked && { reviewAsked }),
  };
}

/**
 * Tells the shopper about the change at `order.history[historyIndex]` when the window allows, and records on
 * that entry whether they were told. Never throws: an unexpected failure is logged and noted as
 * `not_sent` / `error` (as far as the table lets us).
 */
export async function notifyOrderChange(
  deps: NotifyDeps,
  order: Order,
  historyIndex: number,
  now: number,
): Promise<NotifyResult> {
  let result: NotifyResult;
  try {
    result = await attempt(deps, order, historyIndex, now);
  } catch (e) {
    log.error("order.notify_error", { shopId: order.shopId, orderId: order.orderId, error: e });
    result = { notified: "not_sent", reason: "error" };
  }
  try {
    await recordNotification(
      deps.db,
      order.shopId,
      order.orderId,
      historyIndex,
      result.notified,
      result.reason,
    );
  } catch (e) {
    log.error("order.notify_record_failed", { shopId: order.shopId, orderId: order.orderId, error: e });
  }
  log.info("order.notified", { shopId: order.shopId, orderId: order.orderId, ...result });
  return result;
}
