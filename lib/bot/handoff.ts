/**
 * What the bot does when it hands a conversation over, besides telling the shopper: the Bot Framework handoff
 * event (`handoff.initiate`, with the transcript) sent through the adapter, and on Messenger, when the shop
 * enables it, the thread passed to Meta's Page Inbox (handover protocol).
 */

// EventFactory lives in the `botbuilder` package, not in botbuilder-core; its own module needs only
// botbuilder-core, uuid and dayjs, so importing the file (not the package index) keeps botbuilder's Azure and
// MSAL connector stack out of the bundle.
import { EventFactory } from "botbuilder/lib/eventFactory";
import type { Activity, Transcript, TurnContext } from "botbuilder-core";
import type { GraphClient } from "../channels/meta/graph";
import { PAGE_INBOX_APP_ID } from "../handover/echo";
import type { HandoverReason } from "../handover/rules";
import { log, maskId } from "../log";
import type { Db } from "../store/client";
import { type Conversation, readConversation } from "../store/conversations";
import type { ChannelAccount } from "../store/shops";

/** The agent-hub context of our handoff events. */
export interface HandoffContext {
  reason: HandoverReason;
  shopId: string;
  conversationId: string;
  channel: string;
  locale: string;
}

/** The stored transcript (newest `limit` messages) plus this turn's message, as Bot Framework activities. */
export async function transcriptOf(
  db: Db,
  conversation: Conversation,
  current: Partial<Activity>,
  limit = 50,
): Promise<Transcript> {
  const { messages } = await readConversation(db, conversation.shopId, conversation.conversationId, limit);
  const shopper = { id: conversation.userId, name: conversation.name ?? "", role: "user" };
  const bot = { id: conversation.accountId ?? "", name: "", role: "bot" };
  const activities = messages.map(
    (m) =>
      ({
        type: "message",
        id: m.externalId,
        timestamp: new Date(m.at),
        channelId: conversation.channel,
        conversation: { id: conversation.conversationId },
        from: m.author === "shopper" ? shopper : { ...bot, ...(m.agentId && { id: m.agentId }) },
        text: m.text,
      }) as Activity,
  );
  activities.push(current as Activity);
  return { activities };
}

/**
 * Sends `handoff.initiate` through the adapter: middleware and other Bot Framework tooling see it; the Meta
 * adapters map events to no Graph API call.
 */
export async function emitHandoff(
  context: TurnContext,
  handoff: HandoffContext,
  transcript: Transcript,
): Promise<void> {
  await context.sendActivity(EventFactory.createHandoffInitiation(context, handoff, transcript));
}

/**
 * `POST {graph}/{page-id}/pass_thread_control` to Meta's Page Inbox. A failure is logged, not thrown: the
 * conversation is `waiting` either way, and the agent API can still answer it.
 * https://developers.facebook.com/docs/messenger-platform/handover-protocol/conversation-control
 */
export async function passThreadToPageInbox(
  graph: GraphClient,
  account: ChannelAccount,
  userId: string,
  reason: HandoverReason,
  deadline: number,
): Promise<boolean> {
  const res = await graph.post(
    account.accountId,
    "pass_thread_control",
    account.accessToken,
    { recipient: { id: userId }, target_app_id: PAGE_INBOX_APP_ID, metadata: `chatcart handover: ${reason}` },
    { deadline },
  );
  if (!res.ok) log.warn("handover.pass_thread_failed", { user: maskId(userId), error: res.error });
  return res.ok;
}
