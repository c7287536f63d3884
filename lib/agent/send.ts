/**
 * A person's reply to a shopper, from the agent API. No botbuilder here: the text becomes Graph API bodies
 * through the channel mappers (lib/channels/*\/send.ts), goes out through the same sender as the bot's
 * replies (deadline, then the outbox), and is written to the transcript as an `agent` message.
 *
 * The messaging window decides how (lib/handover/window.ts): Messenger `RESPONSE` within 24 h, `MESSAGE_TAG` +
 * `HUMAN_AGENT` up to 7 days; WhatsApp within 24 h, later the shop's template if it has one; otherwise 409.
 */
import { randomUUID } from "node:crypto";
import type { HandoverRules } from "../catalog/types";
import { toMessengerBodies } from "../channels/messenger/send";
import type { GraphClient } from "../channels/meta/graph";
import { createTurnSender } from "../channels/meta/sender";
import type { ChannelId, GraphBody } from "../channels/types";
import { toWhatsAppBodies, whatsAppTemplate } from "../channels/whatsapp/send";
import { AppError } from "../errors";
import { type AgentSendPlan, type MessagingWindow, planAgentSend, windowOf } from "../handover/window";
import { log, maskId } from "../log";
import type { Db } from "../store/client";
import { appendTranscript, type Conversation, type TranscriptMessage } from "../store/conversations";
import type { ShopDirectory } from "../store/shops";

/** How long an agent's request waits for Meta before the message goes to the outbox instead. */
const SEND_BUDGET_MS = 5000;

export interface AgentSendDeps {
  db: Db;
  graph: GraphClient;
  directory: ShopDirectory;
}

export const isChannel = (value: string): value is ChannelId => value === "messenger" || value === "whatsapp";

export function windowOfConversation(conversation: Conversation, now: number): MessagingWindow {
  const channel = isChannel(conversation.channel) ? conversation.channel : "whatsapp";
  return windowOf(channel, conversation.lastInboundAt, now);
}

/** How a reply may go out now; throws `handover.window_closed` (409) when it may not. */
export function planReply(
  conversation: Conversation,
  rules: HandoverRules,
  now: number,
): { plan: Exclude<AgentSendPlan, { kind: "refused" }>; window: MessagingWindow } {
  const window = windowOfConversation(conversation, now);
  const plan = planAgentSend(window, { whatsappTemplate: rules.whatsappTemplate });
  if (plan.kind === "refused") throw new AppError(plan.code, plan.message, { window });
  return { plan, window };
}

export interface AgentReplyResult {
  message: TranscriptMessage;
  /** `sent` now, `queued` in the outbox (Meta was slow), or only the reopening `template` went out */
  delivery: "sent" | "queued" | "template";
}

export async function deliverReply(
  deps: AgentSendDeps,
  conversation: Conversation,
  plan: Exclude<AgentSendPlan, { kind: "refused" }>,
  agentId: string,
  text: string,
  now: number,
): Promise<AgentReplyResult> {
  const channel = conversation.channel;
  if (!isChannel(channel)) throw new AppError("handover.send_failed", `Unknown channel ${channel}.`);
  const account = conversation.accountId
    ? await deps.directory.find(channel, conversation.accountId)
    : await deps.directory.accountOf(conversation.shopId, channel);
  if (!account || account.shopId !== conversation.shopId) {
    throw new AppError(
      "handover.send_failed",
      "This shop has no page or number to send from on this channel.",
    );
  }
  const to = conversation.userId;
  const activity = { type: "message", text };
  let bodies: GraphBody[];
  if (plan.kind === "template") bodies = [whatsAppTemplate(to, plan.template)];
  else if (channel === "messenger") {
    bodies = toMessengerBodies(activity, to, { messagingType: plan.messagingType, tag: plan.tag });
  } else bodies = toWhatsAppBodies(activity, to, { catalogId: account.catalogId });

  const sender = createTurnSender({
    graph: deps.graph,
    db: deps.db,
    account,
    // the real clock: `now` may be a test's
    deadline: Date.now() + SEND_BUDGET_MS,
    idPrefix: `agent#${conversation.conversationId}#${randomUUID()}`,
  });
  const results = await sender.send(bodies);
  const failed = results.find((r) => r.state === "failed");
  if (failed) {
    log.warn("agent.send_failed", { conversation: maskId(conversation.conversationId), error: failed.error });
    throw new AppError(
      "handover.send_failed",
      `Meta did not accept the message: ${failed.error ?? "unknown error"}`,
    );
  }
  const message: TranscriptMessage = {
    at: new Date(now).toISOString(),
    direction: "out",
    author: "agent",
    agentId,
    text: plan.kind === "template" ? `[template ${plan.template.name}]` : text,
    kind: plan.kind === "template" ? "template" : "text",
    ...(results[0]?.messageId && { externalId: results[0].messageId }),
  };
  await appendTranscript(deps.db, conversation.shopId, conversation.conversationId, [message]);
  const delivery =
    plan.kind === "template" ? "template" : results.every((r) => r.state === "sent") ? "sent" : "queued";
  return { message, delivery };
}
