/**
 * Send once: Meta's word that Graph took a message of ours, matched to the outbox by the id we put in it
 * (lib/channels/meta/sendId.ts). A send whose attempt was given up in flight waits in the outbox as
 * `uncertain`; this settles it as sent, so the drain never sends it again, and moves the reference of a
 * recorded message (lib/outbound/send.ts) to the platform's id, so its later statuses update it.
 *
 * - Messenger: the `message_echoes` event (also on the standby channel) carries our `message.metadata`.
 * - WhatsApp: every `statuses[]` entry carries our `biz_opaque_callback_data` (`sent`, `delivered`, `read`,
 *   and `failed`: Graph took it even when it could not deliver it, so it is not sent again either).
 * - Instagram: its echoes carry no metadata; nothing to match (docs/outbound.md).
 *
 * This only reads the event: whether an echo is ours or a person's (a takeover) is still decided by
 * lib/bot/handoverEvents.ts, and a status still goes to lib/outbound/status.ts.
 */
import { sendIdOfTag } from "../channels/meta/sendId";
import type { ChannelId, InboundActivity } from "../channels/types";
import { log } from "../log";
import type { Db } from "../store/client";
import { linkOutboundRef } from "../store/outbound";
import { settleOutbox } from "../store/outbox";
import { deliveryStatusOf } from "./status";

/** What an echo or status says about one of our sends: its id, and the platform's message id. */
export interface EchoedSend {
  sendId: string;
  messageId?: string;
  /** Meta's first word on this send (an echo, a WhatsApp `sent` or `failed`): it may come before we queue it */
  first: boolean;
}

/** The send an echo or status names (pure); undefined for any other event or one without our id. */
export function echoedSendOf(
  channel: ChannelId,
  activity: InboundActivity["activity"],
): EchoedSend | undefined {
  if (channel === "messenger") {
    const echo = activity.name === "echo" || (activity.name === "standby" && activity.channelData.echo);
    if (!echo) return undefined;
    const sendId = sendIdOfTag(activity.channelData.metadata);
    return sendId ? { sendId, ...(activity.id && { messageId: activity.id }), first: true } : undefined;
  }
  if (channel === "whatsapp") {
    const status = deliveryStatusOf(channel, activity);
    const sendId = sendIdOfTag(status?.tag);
    const messageId = status?.messageIds[0];
    if (!status || !sendId || !messageId) return undefined;
    return { sendId, messageId, first: status.status === "sent" || status.status === "failed" };
  }
  return undefined;
}

/**
 * Settles the outbox item an echo or status names, if it still waits; never throws (the event's other
 * handling goes on: a failed write here at worst lets the grace period resend it).
 */
export async function reconcileEcho(
  channel: ChannelId,
  activity: InboundActivity["activity"],
  db: Db,
): Promise<void> {
  const echoed = echoedSendOf(channel, activity);
  if (!echoed) return;
  try {
    // A reply sent at once or by the drain has no waiting item: one conditional write that does nothing (and,
    // for Meta's first word, a marker in case the sender is about to queue it: lib/store/outbox.ts).
    const settled = await settleOutbox(db, echoed.sendId, echoed.messageId, Date.now(), {
      markIfMissing: echoed.first,
    });
    if (!settled) return;
    log.info("outbox.settled_by_echo", { channel, id: echoed.sendId });
    if (echoed.messageId) await linkOutboundRef(db, channel, echoed.sendId, echoed.messageId);
  } catch (e) {
    log.error("outbox.settle_failed", { channel, id: echoed.sendId, error: e });
  }
}
