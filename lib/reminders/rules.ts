/**
 * When an idle cart gets its reminder (pure; every function takes the clock).
 *
 * - The shop's `cart.reminderAfterMinutes`: undefined means {@link DEFAULT_REMINDER_AFTER_MINUTES}; `0` means
 *   never (as lib/catalog/types.ts documents it).
 * - Idle means both: the cart has not changed and the shopper has not written for that long (someone still
 *   chatting about sizes is not reminded of their cart).
 * - Only to a shopper who did not say stop, in a conversation the bot has (not while a person has it), and
 *   only inside Meta's 24 h window with a margin to spare: the reminder is the bot's message, sent as
 *   `messaging_type: RESPONSE` on Messenger and a free-form message on WhatsApp, never with a tag or template.
 *   https://developers.facebook.com/docs/messenger-platform/policy/policy-overview#24hours_window
 */
import type { ShopSettings } from "../catalog/types";
import { windowOf } from "../handover/window";
import type { Conversation } from "../store/conversations";
import type { IdleCart } from "../store/reminders";

export const DEFAULT_REMINDER_AFTER_MINUTES = 60;
/** the smallest positive setting: carts younger than this are never read */
export const MIN_REMINDER_AFTER_MINUTES = 1;
/** a window that closes sooner than this gets no reminder (the send, or its outbox retry, could miss it) */
export const WINDOW_MARGIN_MS = 10 * 60_000;

/** Milliseconds a cart must idle in this shop before its reminder; undefined: this shop sends none. */
export function reminderAfterMs(settings: Pick<ShopSettings, "cart">): number | undefined {
  const minutes = settings.cart?.reminderAfterMinutes ?? DEFAULT_REMINDER_AFTER_MINUTES;
  return minutes > 0 ? minutes * 60_000 : undefined;
}

/** Why a cart leaves the reminder index without a reminder. */
export type DropReason =
  | "disabled"
  | "empty"
  | "no_conversation"
  | "opted_out"
  | "with_person"
  | "window_closed"
  | "unknown_channel"
  | "no_account";

export type Verdict =
  | { kind: "send" }
  /** not idle long enough yet: stays on the index */
  | { kind: "wait" }
  | { kind: "drop"; reason: DropReason };

const before = (iso: string | undefined, cutoff: number) => !iso || Date.parse(iso) <= cutoff;

/** What to do with the cart, from the cart alone (no read of the conversation needed for these). */
export function judgeCart(cart: IdleCart, afterMs: number | undefined, now: number): Verdict {
  if (afterMs === undefined) return { kind: "drop", reason: "disabled" };
  if (cart.lines.length === 0) return { kind: "drop", reason: "empty" };
  if (!before(cart.updatedAt, now - afterMs)) return { kind: "wait" };
  return { kind: "send" };
}

/** What to do with a cart that is due, given its conversation. */
export function judgeConversation(
  conversation: Conversation | undefined,
  afterMs: number,
  now: number,
): Verdict {
  if (!conversation) return { kind: "drop", reason: "no_conversation" };
  if (conversation.optedOut === true) return { kind: "drop", reason: "opted_out" };
  if (conversation.status !== "bot") return { kind: "drop", reason: "with_person" };
  const channel = conversation.channel;
  if (channel !== "messenger" && channel !== "whatsapp" && channel !== "instagram")
    return { kind: "drop", reason: "unknown_channel" };
  const window = windowOf(channel, conversation.lastInboundAt, now);
  if (window.state !== "open" || !window.expiresAt || Date.parse(window.expiresAt) - now < WINDOW_MARGIN_MS) {
    return { kind: "drop", reason: "window_closed" };
  }
  if (!before(conversation.lastInboundAt, now - afterMs)) return { kind: "wait" };
  return { kind: "send" };
}
