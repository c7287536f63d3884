/**
 * When the bot hands a conversation to a person (pure). Per turn the bot reports what happened — the shopper
 * asked for a person or complained, the bot could not answer, the cart changed — and gets back whether to hand
 * over now and the new count of unanswered turns in a row, which it keeps in its conversation state.
 */
import type { HandoverRules } from "../catalog/types";

/** Why a conversation went to a person; also stored on the conversation for the inbox. */
export type HandoverReason = "asked" | "complaint" | "unanswered" | "cart_value";

export interface TurnSignals {
  /** the shopper asked for a person (intent `human`, the `HUMAN` button) or complained */
  requested?: "asked" | "complaint";
  /** the bot had no answer for this turn */
  unanswered: boolean;
  /**
   * the turn neither counts nor breaks the run of unanswered turns: an emoji or a reaction the bot had no answer
   * for (lib/handover/misunderstood.ts)
   */
  neutral?: boolean;
  /** the cart total in minor units, on turns that changed the cart (none before the checkout issue) */
  cartTotal?: number;
}

export interface HandoverDecision {
  reason?: HandoverReason;
  /** unanswered turns in a row after this one (0 after an answered turn or a handover) */
  unansweredStreak: number;
}

/** A merchant rule over the cart. Carts come with the checkout issue, which calls it when the cart changes. */
export interface CartRule {
  /** true when a cart of this total (minor units) should go to a person */
  triggers(total: number): boolean;
}

/** `cartValueAbove`: strictly more than the threshold hands over; no threshold, never. */
export const cartValueRule = (rules: Pick<HandoverRules, "cartValueAbove">): CartRule => ({
  triggers: (total) => rules.cartValueAbove !== undefined && total > rules.cartValueAbove,
});

export function decideHandover(
  signals: TurnSignals,
  previousStreak: number,
  rules: HandoverRules,
): HandoverDecision {
  const streak = signals.neutral ? previousStreak : signals.unanswered ? previousStreak + 1 : 0;
  if (signals.requested) return { reason: signals.requested, unansweredStreak: 0 };
  if (signals.cartTotal !== undefined && cartValueRule(rules).triggers(signals.cartTotal)) {
    return { reason: "cart_value", unansweredStreak: 0 };
  }
  // 0 turns off the rule (a shop that never wants the bot to give up on its own).
  if (rules.maxUnansweredTurns > 0 && streak >= rules.maxUnansweredTurns) {
    return { reason: "unanswered", unansweredStreak: 0 };
  }
  return { unansweredStreak: streak };
}
