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
 * The status change is already stored when this runs: nothing here undoes it, and nothing here throws.
 */
import { toMessengerBodies } from "../channels/messenger/send";
import type { GraphClient } from "../channels/meta/graph";
import { createTurnSender } from "../channels/meta/sender";
import type { ChannelId, GraphBody } from "../channels/types";
import { toWhatsAppBodies } from "../channels/whatsapp/send";
import { windowOf } from "../handover/window";
import { isLocale, type Locale, t } from "../i18n";
import { log, maskId } from "../log";
import type { Db } from "../store/client";
import { appendTranscript, getConversation, type TranscriptMessage } from "../store/conversations";
import { recordNotification } from "../store/orders";
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
}

const isChannel = (value: string): value is ChannelId => value === "messenger" || value === "whatsapp";

/** The shopper's text for the order's status, in the order's locale (the shop's default fills gaps). */
export function orderUpdateText(order: Pick<Order, "orderId" | "status">, locale: Locale, fallback: Locale) {
  const status = t(locale, `status.${order.status}`, {}, fallback);
  return t(locale, "order.update", { id: order.orderId, status }, fallback);
}

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
  const activity = { type: "message", text };
  const to = conversation.userId;
  const bodies: GraphBody[] =
    channel === "messenger"
      ? toMessengerBodies(activity, to, { messagingType: "RESPONSE" })
      : toWhatsAppBodies(activity, to, { catalogId: account.catalogId });

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
  const message: TranscriptMessage = {
    at: new Date(now).toISOString(),
    direction: "out",
    author: "bot",
    text,
    kind: "text",
    ...(results[0]?.messageId && { externalId: results[0].messageId }),
  };
  // it went out: a failed transcript write must not make it read as not sent
  await appendTranscript(deps.db, order.shopId, order.conversationId, [message]).catch((e: unknown) =>
    log.error("order.notify_transcript_failed", { shopId: order.shopId, orderId: order.orderId, error: e }),
  );
  return { notified: results.every((r) => r.state === "sent") ? "sent" : "queued" };
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
