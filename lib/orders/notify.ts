/**
 * Telling the shopper in the chat that the merchant moved their order (`PATCH /api/admin/orders/{id}`),
 * through the one outbound path (lib/outbound/send.ts): free-form text inside the 24 h window; outside it a
 * WhatsApp utility template in the shopper's language, or Messenger's `POST_PURCHASE_UPDATE` tag. The outcome
 * is noted on the order's history entry (`sent`, `queued`, `not_sent` with a reason) and, in more detail, in
 * the order's notifications (lib/store/outbound.ts), which status webhooks move to delivered, read or failed.
 *
 * When the order is delivered, the rating question for its first product follows (lib/reviews: five star
 * choices; on WhatsApp outside the window, the rating template with the same payloads on its quick-reply
 * buttons; on Messenger outside the window no tag allows it, so it is recorded as not sent), and
 * `reviewAskedAt` is set on the order when it went out.
 *
 * The status change is already stored when this runs: nothing here undoes it, and nothing here throws.
 */
import { formatMoney } from "../content/format";
import { isLocale, type Locale, t } from "../i18n";
import { log } from "../log";
import type { OutboundDeps } from "../outbound/send";
import { sendToShopper } from "../outbound/send";
import type { TemplateFields, TemplatePurpose } from "../outbound/types";
import { ratingQuestion } from "../reviews/question";
import { recordNotification } from "../store/orders";
import { markReviewAsked } from "../store/reviews";
import { getSettings } from "../store/settings";
import type { Order, StatusChange } from "./types";

export type NotifyDeps = OutboundDeps;

export interface NotifyResult {
  notified: NonNullable<StatusChange["notified"]>;
  /** why it was not sent: `window_closed`, `no_tag`, `no_template`, `send_failed`, `no_conversation`, `no_account`, `error` */
  reason?: string;
  /** a delivered order's rating question went out (or was queued) after the status message */
  reviewAsked?: boolean;
}

/** The shopper's text for the order's status, in the order's locale (the shop's default fills gaps). */
export function orderUpdateText(order: Pick<Order, "orderId" | "status">, locale: Locale, fallback: Locale) {
  const status = t(locale, `status.${order.status}`, {}, fallback);
  return t(locale, "order.update", { id: order.orderId, status }, fallback);
}

/** The order's tracking (issue 15 adds `tracking: {number, url?}` when it is marked shipped). */
const trackingOf = (order: Order): string | undefined => {
  const tr = (order as Order & { tracking?: { number?: string; url?: string } }).tracking;
  return tr?.number ? [tr.number, tr.url].filter(Boolean).join(" ") : undefined;
};

async function attempt(
  deps: NotifyDeps,
  order: Order,
  historyIndex: number,
  now: number,
): Promise<NotifyResult> {
  if (order.status === "pending") return { notified: "not_sent", reason: "no_purpose" };
  const purpose = `order_${order.status}` as TemplatePurpose;
  const settings = await getSettings(deps.db, order.shopId);
  const fallback = settings.defaultLocale;
  const locale = isLocale(order.locale) ? order.locale : fallback;
  const tracking = trackingOf(order);
  const text = orderUpdateText(order, locale, fallback) + (tracking ? `\n${tracking}` : "");
  const fields: TemplateFields = {
    orderId: order.orderId,
    total: formatMoney(order.total, locale),
    ...(tracking && { tracking }),
    productTitle: order.items[0]?.title,
    shopName: settings.name,
  };
  const base = {
    shopId: order.shopId,
    conversationId: order.conversationId,
    author: "bot" as const,
    locale,
    orderId: order.orderId,
    now,
  };
  const update = await sendToShopper(deps, {
    ...base,
    purpose,
    message: { text },
    fields,
    // one per history entry: a retried notification of the same change reuses the outbox ids
    idPrefix: `order#${order.shopId}#${order.orderId}#${historyIndex}`,
  });
  if (update.state === "not_sent") return { notified: "not_sent", reason: update.reason };

  const first = order.items[0];
  let reviewAsked = false;
  if (order.status === "delivered" && first) {
    const question = ratingQuestion(order.orderId, first.productId, first.title, locale, fallback);
    const choices = question.choices ?? [];
    const asked = await sendToShopper(deps, {
      ...base,
      purpose: "rating_request",
      message: { text: question.text, choices, listButton: t(locale, "list.button", {}, fallback) },
      fields: { ...fields, buttonPayloads: choices.map((c) => c.payload) },
      kind: "interactive",
      unlessOptedOut: true,
      idPrefix: `order#${order.shopId}#${order.orderId}#${historyIndex}#rate`,
    });
    reviewAsked = asked.state !== "not_sent";
    if (reviewAsked) {
      await markReviewAsked(deps.db, order.shopId, order.orderId, new Date(now)).catch((e: unknown) =>
        log.error("order.review_mark_failed", { shopId: order.shopId, orderId: order.orderId, error: e }),
      );
    }
  }
  return { notified: update.state, ...(reviewAsked && { reviewAsked }) };
}

/**
 * Tells the shopper about the change at `order.history[historyIndex]` in the form Meta allows now, and records
 * on that entry whether they were told. Never throws: an unexpected failure is logged and noted as
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
