/**
 * A person's reply to a shopper, from the agent API, through the one outbound path (lib/outbound/send.ts): it
 * becomes Graph API bodies, goes out within the budget or to the outbox, and is written to the transcript as
 * an `agent` message with the form it went out in.
 *
 * The messaging window decides how (lib/handover/window.ts): Messenger `RESPONSE` within 24 h, `MESSAGE_TAG` +
 * `HUMAN_AGENT` up to 7 days; WhatsApp within 24 h, later the shop's template if it has one; otherwise 409.
 */
import { randomUUID } from "node:crypto";
import type { HandoverRules } from "../catalog/types";
import { isChannel } from "../channels/bodies";
import { AppError } from "../errors";
import { type AgentSendPlan, type MessagingWindow, planAgentSend, windowOf } from "../handover/window";
import { type OutboundDeps, sendToShopper } from "../outbound/send";
import type { Conversation, TranscriptMessage } from "../store/conversations";

export type AgentSendDeps = OutboundDeps;

export { isChannel };

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

/** What a person sends: text, an image by its https address, or both (the image goes after the text). */
export interface AgentContent {
  text?: string;
  imageUrl?: string;
}

export interface AgentReplyResult {
  message: TranscriptMessage;
  /** `sent` now, `queued` in the outbox (Meta was slow), or only the reopening `template` went out */
  delivery: "sent" | "queued" | "template";
}

/** Sends through the one outbound path (lib/outbound/send.ts); Meta's refusal is `handover.send_failed` (502). */
export async function deliverReply(
  deps: AgentSendDeps,
  conversation: Conversation,
  plan: Exclude<AgentSendPlan, { kind: "refused" }>,
  agentId: string,
  content: string | AgentContent,
  now: number,
  parameters: string[] = [],
): Promise<AgentReplyResult> {
  const { text = "", imageUrl } = typeof content === "string" ? { text: content } : content;
  const result = await sendToShopper(deps, {
    shopId: conversation.shopId,
    conversationId: conversation.conversationId,
    purpose: plan.kind === "template" ? "agent_follow_up" : "agent_reply",
    author: "agent",
    agentId,
    message: { text, ...(imageUrl && { imageUrl }) },
    ...(imageUrl && { kind: "image" }),
    ...(plan.kind === "template" && { template: { ...plan.template, parameters } }),
    idPrefix: `agent#${conversation.conversationId}#${randomUUID()}`,
    now,
    // the agent sees the refusal in the response: no transcript line for it
    recordRefusal: false,
  });
  if (result.state === "not_sent") {
    if (result.reason === "window_closed" || result.reason === "no_tag" || result.reason === "no_template") {
      throw new AppError("handover.window_closed", result.detail, { window: result.window });
    }
    throw new AppError("handover.send_failed", result.detail);
  }
  const delivery = plan.kind === "template" ? "template" : result.state;
  return { message: result.message, delivery };
}
