/**
 * A waiting conversation nobody took within the shop's limit goes back to the bot (lib/handover/service.ts
 * `releaseIdleConversations`); this tells the two sides. The shopper reads, in their language, that nobody was
 * free and the bot is back (with the main buttons), sent through the one outbound path (lib/outbound: the
 * window, the channel's bodies, the sender, the outbox and the transcript); the agents get a notice
 * in the agent API (`GET /api/agent/notifications`). A conversation a person had taken (`agent`) goes back
 * quietly, as before: the person was talking.
 */
import type { ShopSettings } from "../catalog/types";
import { isLocale, t } from "../i18n";
import { log, maskId } from "../log";
import type { Conversation } from "../model/conversation";
import { type OutboundDeps, sendToShopper } from "../outbound/send";
import { putAgentNotice } from "../store/agentNotices";
import { formatPayload } from "../turn/payloads";

export type ReturnedDeps = OutboundDeps;

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
  const locale = isLocale(conversation.locale) ? conversation.locale : settings.defaultLocale;
  const message = returnedMessage(locale, settings.defaultLocale);
  const result = await sendToShopper(deps, {
    shopId,
    conversationId,
    // outside the 24 h window the bot may not write first: refused and recorded by the outbound path
    purpose: "back_to_bot",
    author: "bot",
    message: {
      text: message.text,
      choices: message.suggestedActions.actions.map((a) => ({ title: a.title, payload: a.value })),
    },
    kind: "returned",
    locale,
    // once per handover: a retried run cannot enqueue the same message twice
    idPrefix: `returned#${shopId}#${conversationId}#${conversation.handoverAt ?? at}`,
    now,
  }).catch((e: unknown) => {
    log.error("handover.returned_send_failed", { shopId, conversation: maskId(conversationId), error: e });
    return { state: "not_sent" as const };
  });
  return result.state;
}
