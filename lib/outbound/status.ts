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
 *   `read` has only a watermark and is not mapped to messages.
 *
 * Lenient: a status of a message that is not ours (the bot's own turn replies are not recorded) is ignored.
 */
import { z } from "zod/v4";
import type { ChannelId, InboundActivity } from "../channels/types";
import { shiftToClock } from "../clock";
import { log } from "../log";
import type { Db } from "../store/client";
import { applyDeliveryStatus, type DeliveryError } from "../store/outbound";

const WhatsAppStatus = z.looseObject({
  id: z.string(),
  status: z.string(),
  errors: z.array(z.looseObject({ code: z.number().optional(), title: z.string().optional() })).optional(),
});

const MessengerDelivery = z.looseObject({
  delivery: z.looseObject({ mids: z.array(z.string()).optional() }),
});

/** Applies the status an event carries; true when the event was a status (handled or not ours). */
export async function handleStatusEvent(
  channel: ChannelId,
  activity: InboundActivity["activity"],
  db: Db,
): Promise<boolean> {
  const at = new Date(shiftToClock(new Date(activity.timestamp ?? Date.now()).getTime())).toISOString();
  if (channel === "whatsapp" && activity.name === "status") {
    const parsed = WhatsAppStatus.safeParse(activity.channelData.raw);
    if (!parsed.success) return true;
    const first = parsed.data.errors?.[0];
    const error: DeliveryError | undefined = first
      ? { ...(first.code !== undefined && { code: first.code }), ...(first.title && { title: first.title }) }
      : undefined;
    const hit = await applyDeliveryStatus(db, channel, parsed.data.id, parsed.data.status, at, error);
    if (parsed.data.status === "failed") {
      log.warn("outbound.failed_status", { matched: Boolean(hit), code: error?.code, title: error?.title });
    }
    return true;
  }
  if (channel === "messenger" && activity.name === "delivery") {
    const parsed = MessengerDelivery.safeParse(activity.channelData.raw);
    for (const mid of parsed.success ? (parsed.data.delivery.mids ?? []) : []) {
      await applyDeliveryStatus(db, channel, mid, "delivered", at);
    }
    return true;
  }
  return false;
}
