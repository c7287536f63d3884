/**
 * Which form Meta allows for a purpose now (pure; the window comes from lib/handover/window.ts):
 *
 * - inside the 24 h window: free-form on both channels (Messenger `messaging_type: RESPONSE`);
 * - WhatsApp outside it: only an approved template
 *   (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates); a free-form
 *   message would fail with 131047 "Re-engagement message". A reminder is not sent (it would be marketing);
 *   an agent's free text neither (the agent picks a template instead);
 * - Messenger outside it: `MESSAGE_TAG` with the tag that fits
 *   (https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags):
 *   `POST_PURCHASE_UPDATE` for order updates, `HUMAN_AGENT` for a person's reply within 7 days; no tag fits a
 *   rating request or a reminder, so they are not sent.
 */
import type { MessagingWindow } from "../handover/window";
import type { Category, MessengerTag, NotSentReason, Purpose } from "./types";

export type Allowed =
  | { kind: "free_form" }
  | { kind: "tag"; tag: MessengerTag }
  /** a template, if the shop has an approved one for the purpose */
  | { kind: "template" }
  | { kind: "not_allowed"; reason: NotSentReason; message: string };

const ORDER_UPDATES: readonly Purpose[] = [
  "order_confirmed",
  "order_shipped",
  "order_delivered",
  "order_cancelled",
];

export function allowedForm(window: MessagingWindow, purpose: Purpose): Allowed {
  if (window.state === "open") return { kind: "free_form" };
  if (window.channel === "whatsapp") {
    if (purpose === "cart_reminder" || purpose === "back_to_bot") {
      return {
        kind: "not_allowed",
        reason: "window_closed",
        message: `${purpose === "cart_reminder" ? "A cart reminder" : "The bot's return"} goes out only inside WhatsApp's 24 h window.`,
      };
    }
    if (purpose === "agent_reply") {
      return {
        kind: "not_allowed",
        reason: "window_closed",
        message: "WhatsApp's 24 h window is closed: send an approved template instead of free text.",
      };
    }
    return { kind: "template" };
  }
  // Instagram knows the HUMAN_AGENT tag only
  // (https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message)
  if (ORDER_UPDATES.includes(purpose) && window.channel !== "instagram") {
    return { kind: "tag", tag: "POST_PURCHASE_UPDATE" };
  }
  if ((purpose === "agent_reply" || purpose === "agent_follow_up") && window.state === "human_agent") {
    return { kind: "tag", tag: "HUMAN_AGENT" };
  }
  const what =
    purpose === "rating_request"
      ? "a rating request"
      : purpose === "cart_reminder"
        ? "a cart reminder"
        : purpose === "back_to_bot"
          ? "the bot's return"
          : ORDER_UPDATES.includes(purpose)
            ? "an order update"
            : "a person's reply after 7 days";
  return {
    kind: "not_allowed",
    reason: "no_tag",
    message: `${window.channel === "instagram" ? "Instagram" : "Messenger"}'s 24 h window is closed and no message tag allows ${what}.`,
  };
}

/** The cost category of a form (a template's own category decides between utility and marketing). */
export function categoryOf(form: { kind: string; template?: { category?: string } }): Category {
  if (form.kind === "tag") return "tagged";
  if (form.kind === "template") {
    return form.template?.category === "MARKETING" ? "marketing_template" : "utility_template";
  }
  return "free_form";
}
