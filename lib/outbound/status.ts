/**
 * Status webhooks of the messages Chatcart sent, applied to them (lib/store/outbound.ts): the transcript
 * message and the order's notification show `delivered`, `read` or `failed` with Meta's error.
 *
 * - WhatsApp: `statuses[]` of a `messages` change, one per message id (`sent`, `delivered`, `read`,
 *   `failed` with `errors[{code, title}]`), e.g. 131047 when a free-form message met a closed window
 *   (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components#statuses-object,
 *   https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/).
 * - Messenger: `delivery` events name the delivered `mids`
 *   (https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-deliveries);
 *   `read` has only a watermark: every message sent at or before it was read
 *   (https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-reads), so the
 *   conversation's newest unread sends up to it are marked read (lib/store/outbound.ts `unreadSentBefore`).
 * - Instagram: `read` names the message read (`mid`).
 *
 * Lenient: a status of a message that is not ours (the bot's own turn replies are not recorded) is ignored. A
 * message that waited in the outbox gets its statuses once the outbox sent it or Meta's echo named it
 * (lib/outbound/reconcile.ts moves its reference to the platform's message id first).
 */
import { z } from "zod/v4";
import { boundedId } from "../channels/limits";
import type { ChannelId, InboundActivity } from "../channels/types";
import { shiftToClock } from "../clock";
import { log } from "../log";
import type { Db } from "../store/client";
import { applyDeliveryStatus, type DeliveryError, unreadSentBefore } from "../store/outbound";

/** One `statuses[]` entry of a WhatsApp webhook, as the status and send-once handling read it. */
const WhatsAppStatus = z.looseObject({
  id: boundedId(),
  status: z.string(),
  /** our send id (lib/channels/meta/sendId.ts), echoed back */
  biz_opaque_callback_data: z.string().optional(),
  errors: z.array(z.looseObject({ code: z.number().optional(), title: z.string().optional() })).optional(),
});

const MessengerDelivery = z.looseObject({
  delivery: z.looseObject({ mids: z.array(boundedId()).optional() }),
});

export interface DeliveryStatusEvent {
  messageIds: string[];
  status: string;
  error?: DeliveryError;
  /** Messenger `read`: every message sent at or before this time (ms) was read */
  watermark?: number;
  /** WhatsApp: the tag we put on the message (`biz_opaque_callback_data`, lib/channels/meta/sendId.ts) */
  tag?: string;
  malformed?: string;
}

/** What a status event says (pure): the messages, their status and Meta's error; undefined for other events. */
export function deliveryStatusOf(
  channel: ChannelId,
  activity: InboundActivity["activity"],
): DeliveryStatusEvent | undefined {
  if (channel === "whatsapp" && activity.name === "status") {
    const parsed = WhatsAppStatus.safeParse(activity.channelData.raw);
    if (!parsed.success) return { messageIds: [], status: "unknown", malformed: parsed.error.message };
    const first = parsed.data.errors?.[0];
    const error: DeliveryError | undefined = first
      ? { ...(first.code !== undefined && { code: first.code }), ...(first.title && { title: first.title }) }
      : undefined;
    const tag = parsed.data.biz_opaque_callback_data;
    return {
      messageIds: [parsed.data.id],
      status: parsed.data.status,
      ...(error && { error }),
      ...(tag !== undefined && { tag }),
    };
  }
  if (channel === "messenger" && activity.name === "delivery") {
    const parsed = MessengerDelivery.safeParse(activity.channelData.raw);
    if (!parsed.success) return { messageIds: [], status: "delivered", malformed: parsed.error.message };
    return { messageIds: parsed.data.delivery.mids ?? [], status: "delivered" };
  }
  if (channel === "messenger" && activity.name === "read") {
    const watermark = Number(activity.channelData.status);
    if (!Number.isFinite(watermark))
      return { messageIds: [], status: "read", malformed: "read without a watermark" };
    return { messageIds: [], status: "read", watermark };
  }
  if (channel === "instagram" && activity.name === "read") {
    const mid = boundedId().safeParse(activity.channelData.status);
    if (!mid.success) return { messageIds: [], status: "read", malformed: "read without a usable mid" };
    return { messageIds: [mid.data], status: "read" };
  }
  return undefined;
}

/** Applies the status an event carries; true when the event was a status (handled or not ours). */
export async function handleStatusEvent(
  channel: ChannelId,
  activity: InboundActivity["activity"],
  db: Db,
  shopId?: string,
): Promise<boolean> {
  const s = deliveryStatusOf(channel, activity);
  if (!s) return false;
  if (s.malformed) log.warn("webhook.malformed", { channel, reason: `status: ${s.malformed.slice(0, 300)}` });
  const sent = activity.timestamp?.getTime();
  const at = new Date(
    shiftToClock(sent !== undefined && Number.isFinite(sent) ? sent : Date.now()),
  ).toISOString();
  const ids =
    s.watermark !== undefined && shopId
      ? await unreadSentBefore(
          db,
          shopId,
          activity.conversation.id,
          new Date(shiftToClock(s.watermark)).toISOString(),
        )
      : s.messageIds;
  for (const id of ids) {
    const hit = await applyDeliveryStatus(db, channel, id, s.status, at, s.error);
    if (s.status === "failed") {
      log.warn("outbound.failed_status", {
        matched: Boolean(hit),
        code: s.error?.code,
        title: s.error?.title,
      });
    }
  }
  return true;
}
