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
import { isChannel, toChannelBodies } from "../channels/bodies";
import type { GraphClient } from "../channels/meta/graph";
import { createTurnSender } from "../channels/meta/sender";
import type { GraphBody } from "../channels/types";
import { BSUID_UNREACHABLE, isBsuid, whatsAppTemplate } from "../channels/whatsapp/send";
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

export async function deliverReply(
  deps: AgentSendDeps,
  conversation: Conversation,
  plan: Exclude<AgentSendPlan, { kind: "refused" }>,
  agentId: string,
  content: string | AgentContent,
  now: number,
): Promise<AgentReplyResult> {
  const { text = "", imageUrl } = typeof content === "string" ? { text: content } : content;
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
  const activity = {
    type: "message",
    text,
    ...(imageUrl && { attachments: [{ contentType: "image/*", contentUrl: imageUrl }] }),
  };
  const bodiesFor = (recipient: string): GraphBody[] =>
    plan.kind === "template"
      ? [whatsAppTemplate(recipient, plan.template)]
      : toChannelBodies(channel, activity, recipient, {
          catalogId: account.catalogId,
          ...(plan.kind === "message" && { messagingType: plan.messagingType, tag: plan.tag }),
        });
  const bodies = bodiesFor(to);

  const sender = createTurnSender({
    graph: deps.graph,
    db: deps.db,
    account,
    // the real clock: `now` may be a test's
    deadline: Date.now() + SEND_BUDGET_MS,
    idPrefix: `agent#${conversation.conversationId}#${randomUUID()}`,
  });
  let results = await sender.send(bodies);
  // A BSUID that cannot receive this message (error 131062, which Meta's message names as `(#131062)`): the
  // phone number, when the shopper gave one, reaches them.
  // https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
  const phone = conversation.phone;
  if (
    channel === "whatsapp" &&
    isBsuid(to) &&
    phone &&
    results.some((r) => r.state === "failed" && r.error?.includes(String(BSUID_UNREACHABLE)))
  ) {
    results = await sender.send(bodiesFor(phone));
  }
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
    text:
      plan.kind === "template"
        ? `[template ${plan.template.name}]`
        : [text, imageUrl ? "[1 image]" : ""].filter(Boolean).join(" "),
    kind: plan.kind === "template" ? "template" : imageUrl ? "image" : "text",
    ...(imageUrl && plan.kind !== "template" && { media: { kind: "image" as const, url: imageUrl } }),
    ...(results[0]?.messageId && { externalId: results[0].messageId }),
  };
  await appendTranscript(deps.db, conversation.shopId, conversation.conversationId, [message]);
  const delivery =
    plan.kind === "template" ? "template" : results.every((r) => r.state === "sent") ? "sent" : "queued";
  return { message, delivery };
}
