/**
 * A waiting conversation nobody took within the shop's limit goes back to the bot (lib/handover/service.ts
 * `releaseIdleConversations`); this tells the two sides. The shopper reads, in their language, that nobody was
 * free and the bot is back (with the main buttons), sent like every bot message outside a turn (channel
 * mappers, the sender with a deadline, then the outbox) and written to the transcript; the agents get a notice
 * in the agent API (`GET /api/agent/notifications`). A conversation a person had taken (`agent`) goes back
 * quietly, as before: the person was talking.
 */
import type { ShopSettings } from "../catalog/types";
import { toMessengerBodies } from "../channels/messenger/send";
import type { GraphClient } from "../channels/meta/graph";
import { createTurnSender } from "../channels/meta/sender";
import type { GraphBody } from "../channels/types";
import { toWhatsAppBodies } from "../channels/whatsapp/send";
import { isLocale, t } from "../i18n";
import { log, maskId } from "../log";
import type { Conversation } from "../model/conversation";
import { putAgentNotice } from "../store/agentNotices";
import type { Db } from "../store/client";
import { appendTranscript } from "../store/conversations";
import type { ShopDirectory } from "../store/shops";
import { formatPayload } from "../turn/payloads";
import { windowOf } from "./window";

export interface ReturnedDeps {
  db: Db;
  graph: GraphClient;
  directory: ShopDirectory;
}

const SEND_BUDGET_MS = 5000;

/** The message, Activity-shaped: the text and two buttons (browse, a person again). */
export function returnedMessage(locale: Parameters<typeof t>[0], fallback: Parameters<typeof t>[0]) {
  return {
    type: "message",
    text: t(locale, "handover.returned", {}, fallback),
    suggestedActions: {
      to: [],
      actions: [
        {
          type: "postBack",
          title: t(locale, "choice.browse", {}, fallback),
          value: formatPayload({ kind: "browse" }),
        },
        {
          type: "postBack",
          title: t(locale, "choice.human", {}, fallback),
          value: formatPayload({ kind: "human" }),
        },
      ],
    },
  };
}

/**
 * Tells the shopper and the agents that `conversation` (as it was before the release) is back with the bot.
 * Never throws: a failed send is logged (the release stands either way).
 */
export async function tellReturnedToBot(
  deps: ReturnedDeps,
  conversation: Conversation,
  settings: ShopSettings,
  now: number,
): Promise<"sent" | "queued" | "not_sent"> {
  const at = new Date(now).toISOString();
  const { shopId, conversationId } = conversation;
  try {
    await putAgentNotice(deps.db, shopId, {
      kind: "returned_to_bot",
      conversationId,
      at,
      ...(conversation.handoverReason && { handoverReason: conversation.handoverReason }),
    });
  } catch (e) {
    log.error("handover.notice_failed", { shopId, conversation: maskId(conversationId), error: e });
  }
  const channel = conversation.channel;
  if (channel !== "messenger" && channel !== "whatsapp") return "not_sent";
  // outside the 24 h window the bot may not write first
  if (windowOf(channel, conversation.lastInboundAt, now).state !== "open") return "not_sent";
  try {
    const account = conversation.accountId
      ? await deps.directory.find(channel, conversation.accountId)
      : await deps.directory.accountOf(shopId, channel);
    if (!account || account.shopId !== shopId) return "not_sent";
    const locale = isLocale(conversation.locale) ? conversation.locale : settings.defaultLocale;
    const message = returnedMessage(locale, settings.defaultLocale);
    const to = conversation.userId;
    const bodies: GraphBody[] =
      channel === "messenger"
        ? toMessengerBodies(message, to, { messagingType: "RESPONSE" })
        : toWhatsAppBodies(message, to, { catalogId: account.catalogId });
    const sender = createTurnSender({
      graph: deps.graph,
      db: deps.db,
      account,
      deadline: Date.now() + SEND_BUDGET_MS,
      // once per handover: a retried run cannot enqueue the same message twice
      idPrefix: `returned#${shopId}#${conversationId}#${conversation.handoverAt ?? at}`,
    });
    const results = await sender.send(bodies);
    if (results.some((r) => r.state === "failed")) return "not_sent";
    await appendTranscript(deps.db, shopId, conversationId, [
      {
        at,
        direction: "out",
        author: "bot",
        text: message.text,
        kind: "returned",
        ...(results[0]?.messageId && { externalId: results[0].messageId }),
      },
    ]).catch((e: unknown) => log.error("handover.returned_transcript_failed", { shopId, error: e }));
    return results.every((r) => r.state === "sent") ? "sent" : "queued";
  } catch (e) {
    log.error("handover.returned_send_failed", { shopId, conversation: maskId(conversationId), error: e });
    return "not_sent";
  }
}
