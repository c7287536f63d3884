/**
 * What the shopper sees while a turn works: their message marked seen and the typing indicator.
 *
 * - Messenger and Instagram: two sender actions, `mark_seen` and `typing_on` (one action a request).
 *   https://developers.facebook.com/docs/messenger-platform/send-messages/sender-actions
 * - WhatsApp: the read receipt carrying the typing indicator (it shows until the reply or 25 s).
 *   https://developers.facebook.com/docs/whatsapp/cloud-api/typing-indicators
 *
 * They go straight to the Graph API, concurrently with the turn, and are never awaited before the reply:
 * the webhook awaits the returned promise only after its replies went out (in Lambda a promise not awaited is
 * lost work). A failure is logged and forgotten (a late typing indicator is worse than none), except for the
 * WhatsApp read receipt when the Graph API was slow or down: the blue ticks go to the outbox, queued at the
 * time the receipt was first tried, so they still come before the reply queued after them.
 */
import type { GraphClient } from "../channels/meta/graph";
import type { ChannelId, GraphBody, InboundActivity } from "../channels/types";
import { log } from "../log";
import type { Db } from "../store/client";
import { enqueueOutbox } from "../store/outbox";
import type { ChannelAccount } from "../store/shops";

/** The presence bodies for a shopper's message (none for events). */
export function presenceBodies(channel: ChannelId, activity: InboundActivity["activity"]): GraphBody[] {
  if (activity.type !== "message") return [];
  if (channel === "whatsapp") {
    if (!activity.id) return [];
    return [
      {
        messaging_product: "whatsapp",
        status: "read",
        message_id: activity.id,
        typing_indicator: { type: "text" },
      },
    ];
  }
  const recipient = { id: activity.from.id };
  return [
    { recipient, sender_action: "mark_seen" },
    { recipient, sender_action: "typing_on" },
  ];
}

/** Starts the presence sends; the promise never rejects. */
export function startPresence(
  graph: GraphClient,
  account: ChannelAccount,
  bodies: GraphBody[],
  deadline: number,
  outbox?: { db: Db; idPrefix: string },
): Promise<void> {
  const startedAt = new Date().toISOString();
  return Promise.all(
    bodies.map(async (body) => {
      const res = await graph.send(account.accountId, account.accessToken, body, { deadline });
      if (res.ok) return;
      log.info("presence.failed", { channel: account.channel, error: res.error });
      if (res.retryable && outbox && body.status === "read") {
        const { typing_indicator: _typing, ...read } = body;
        await enqueueOutbox(outbox.db, {
          id: `${outbox.idPrefix}#read`,
          channel: account.channel,
          accountId: account.accountId,
          shopId: account.shopId,
          body: read,
          nextAttemptAt: startedAt,
        });
      }
    }),
  ).then(
    () => undefined,
    (e: unknown) => log.warn("presence.failed", { channel: account.channel, error: e }),
  );
}
