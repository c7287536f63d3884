/**
 * Meta's messaging windows for replies from a person (pure; every function takes the clock).
 *
 * - Messenger: free replies (`messaging_type: RESPONSE`) within 24 h of the shopper's last message; a person
 *   may answer up to 7 days with `MESSAGE_TAG` + `HUMAN_AGENT`; later nothing may be sent.
 *   https://developers.facebook.com/docs/messenger-platform/policy/policy-overview#24hours_window and
 *   https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags#human_agent
 * - WhatsApp: free-form messages within 24 h of the shopper's last message; later only an approved template.
 *   https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates
 *
 * The bot never uses `HUMAN_AGENT`: only `planAgentSend` returns it, and only the agent API calls that.
 */

/** Instagram Direct runs on the Messenger Platform: its windows are Messenger's (24 h, `HUMAN_AGENT` 7 days). */
export type Channel = "messenger" | "whatsapp" | "instagram";

const HOUR_MS = 3_600_000;
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

export interface MessagingWindow {
  channel: Channel;
  /** the shopper's last message; null when they never wrote */
  lastInboundAt: string | null;
  /** end of the 24 h window */
  expiresAt: string | null;
  /** Messenger only: end of the 7 day HUMAN_AGENT window */
  humanAgentUntil?: string;
  /** `open`: anyone may reply; `human_agent`: only a person, tagged (Messenger); `closed`: no free reply */
  state: "open" | "human_agent" | "closed";
}

export function windowOf(channel: Channel, lastInboundAt: string | undefined, now: number): MessagingWindow {
  const last = lastInboundAt ? Date.parse(lastInboundAt) : Number.NaN;
  if (Number.isNaN(last)) {
    return { channel, lastInboundAt: null, expiresAt: null, state: "closed" };
  }
  const expires = last + STANDARD_WINDOW_MS;
  const base = {
    channel,
    lastInboundAt: new Date(last).toISOString(),
    expiresAt: new Date(expires).toISOString(),
  };
  if (channel === "whatsapp") return { ...base, state: now < expires ? "open" : "closed" };
  const humanUntil = last + HUMAN_AGENT_WINDOW_MS;
  const state = now < expires ? "open" : now < humanUntil ? "human_agent" : "closed";
  return { ...base, humanAgentUntil: new Date(humanUntil).toISOString(), state };
}

export interface WhatsAppTemplateRef {
  name: string;
  language: string;
}

/** How a person's reply may go out now. */
export type AgentSendPlan =
  | { kind: "message"; messagingType?: "RESPONSE" | "MESSAGE_TAG"; tag?: "HUMAN_AGENT" }
  | { kind: "template"; template: WhatsAppTemplateRef }
  | { kind: "refused"; code: "handover.window_closed"; message: string };

export function planAgentSend(
  window: MessagingWindow,
  opts: { whatsappTemplate?: WhatsAppTemplateRef } = {},
): AgentSendPlan {
  const since = window.lastInboundAt ? ` (the shopper last wrote at ${window.lastInboundAt})` : "";
  if (window.channel !== "whatsapp") {
    const platform = window.channel === "instagram" ? "Instagram" : "Messenger";
    if (window.state === "open") return { kind: "message", messagingType: "RESPONSE" };
    if (window.state === "human_agent") {
      return { kind: "message", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" };
    }
    return {
      kind: "refused",
      code: "handover.window_closed",
      message: `${platform} lets a person reply only within 7 days of the shopper's last message${since}. The conversation can continue when the shopper writes again.`,
    };
  }
  if (window.state === "open") return { kind: "message" };
  if (opts.whatsappTemplate) return { kind: "template", template: opts.whatsappTemplate };
  return {
    kind: "refused",
    code: "handover.window_closed",
    message: `WhatsApp allows free-form replies only within 24 hours of the shopper's last message${since}. Set settings.handover.whatsappTemplate to an approved template to reopen the conversation.`,
  };
}
