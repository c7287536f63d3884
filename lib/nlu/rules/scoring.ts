/**
 * The scoring rules: what the entities and word signals of a message add to (or take from) the classifier's
 * intent scores, as a table of named rules (name, example, the intents it moves, when it applies, how much)
 * applied in order by one loop ({@link applyScoring}) after the nearest training examples and the cue
 * lexicon. Each rule is unit-tested with its example (tests/unit/nlu/scoring.test.ts).
 */
import type { Analysis } from "../features";
import type { extractQuantity } from "../quantity";
import type { Signals } from "../reading";
import type { Token } from "../text";
import type { Intent, ProductMatch } from "../types";

/** What a scoring rule may look at. */
export interface ScoringContext {
  tokens: readonly Token[];
  keys: readonly string[];
  analysis: Analysis;
  product: ProductMatch | undefined;
  qty: ReturnType<typeof extractQuantity>;
  color: string | undefined;
  size: string | undefined;
  categorySpan: string | undefined;
  orderId: boolean;
  /** a word of not wanting ("remove", "不要了") that was not read as a change to an order placed */
  unwanted: boolean;
  signals: Signals;
  anaphor: boolean;
  /** the closest merchant answer's similarity, and whether one is good enough */
  closest: number;
  answered: boolean;
  /** a request to change the cart or an order, or to stop (not about a fee or a return) */
  action: boolean;
  /** a policy topic (returns, shipping, payment …) is named */
  policyTopic: boolean;
}

export interface Scores {
  get(intent: Intent): number;
  bump(intent: Intent, by: number): void;
  set(intent: Intent, value: number): void;
}

export interface ScoringRule {
  name: string;
  example: string;
  moves: readonly Intent[];
  when(c: ScoringContext): boolean;
  apply(s: Scores, c: ScoringContext): void;
}

const SOCIAL: readonly Intent[] = ["greeting", "thanks", "goodbye"];
const line = (c: ScoringContext): Intent =>
  c.analysis.cues.has("remove_from_cart") ? "remove_from_cart" : "add_to_cart";

export const SCORING_RULES: readonly ScoringRule[] = [
  {
    name: "a-product-named-is-asked-about",
    example: "linen shirt",
    moves: ["product_question", "browse_category"],
    when: (c) => c.product !== undefined,
    apply: (s) => {
      s.bump("product_question", 0.15);
      s.bump("browse_category", -0.1);
    },
  },
  {
    // a number with the item, its colour or size is an order line: "2 linen shirts blue M", "两件经典T恤"; with
    // a word of removal, a line to take out ("remove 2 of the red tee"); the item, its colour and its size with
    // no question about them too ("yung hoodie, M, itim")
    name: "a-number-with-an-item-is-an-order-line",
    example: "2 linen shirts blue M",
    moves: ["add_to_cart", "remove_from_cart"],
    when: (c) =>
      Boolean(
        (c.qty && c.product) ||
          (c.qty && (c.color || c.size || c.qty.strength >= 3)) ||
          (c.product && c.color && c.size && !c.analysis.kind),
      ),
    apply: (s, c) =>
      s.bump(
        line(c),
        c.qty && c.product ? 0.3 : c.qty && (c.color || c.size || c.qty.strength >= 3) ? 0.15 : 0.2,
      ),
  },
  {
    name: "the-item-named-is-the-one-to-take-out",
    example: "remove the red tee",
    moves: ["remove_from_cart"],
    when: (c) => c.product !== undefined && c.analysis.cues.has("remove_from_cart"),
    apply: (s) => s.bump("remove_from_cart", 0.15),
  },
  {
    // not "remove all the red tees": an item named is the one to take out
    name: "everything-out-of-the-cart-empties-it",
    example: "empty it all",
    moves: ["clear_cart", "view_cart", "remove_from_cart"],
    when: (c) =>
      !c.product &&
      ((c.signals.clearing && (c.signals.cart || c.signals.all)) ||
        (c.signals.all && c.analysis.cues.has("remove_from_cart"))),
    apply: (s) => {
      s.bump("clear_cart", 0.6);
      s.bump("view_cart", -0.4);
      s.bump("remove_from_cart", -0.4);
    },
  },
  {
    name: "cancelling-an-item-takes-it-out",
    example: "cancel the hoodie",
    moves: ["remove_from_cart", "cancel_order"],
    when: (c) =>
      c.product !== undefined && c.analysis.cues.has("cancel_order") && !c.signals.placedOrder && !c.orderId,
    apply: (s, c) => {
      s.bump("remove_from_cart", (c.analysis.cues.get("cancel_order") ?? 0) + 0.2);
      s.bump("cancel_order", -0.3);
    },
  },
  {
    name: "an-order-id-not-wanted-is-cancelled",
    example: "CC-7K3F9Q不要了",
    moves: ["cancel_order"],
    when: (c) => c.orderId && c.unwanted && !c.product,
    apply: (s) => s.bump("cancel_order", 0.3),
  },
  {
    // "no more texts", "别再提醒我", "jangan kirim promo", "remove me from your messages"
    name: "the-shops-messages-with-a-word-of-stopping-stop",
    example: "no more texts",
    moves: ["stop", "remove_from_cart", "cancel_order"],
    when: (c) => !c.product && c.signals.messaging && (c.signals.stopping || c.unwanted),
    apply: (s) => {
      s.bump("stop", 0.5);
      s.bump("remove_from_cart", -0.3);
      s.bump("cancel_order", -0.3);
    },
  },
  {
    name: "an-order-id-is-named-to-track-or-cancel",
    example: "CC-7K3F9Q?",
    moves: ["order_status", "cancel_order"],
    when: (c) => c.orderId,
    apply: (s) => {
      s.bump("order_status", 0.1);
      s.bump("cancel_order", 0.1);
    },
  },
  {
    // "how much?" alone asks about the product in view; "do you have a loyalty program" is no product question
    name: "a-short-question-is-about-the-product-in-view",
    example: "how much?",
    moves: ["product_question"],
    when: (c) => Boolean(c.analysis.kind && (c.product || c.color || c.size || c.tokens.length <= 4)),
    apply: (s) => s.bump("product_question", 0.1),
  },
  {
    name: "a-category-named-is-browsed",
    example: "show me dresses",
    moves: ["browse_category"],
    when: (c) => c.categorySpan !== undefined && !c.product,
    apply: (s) => s.bump("browse_category", 0.15),
  },
  {
    // "I want to buy some items, how do I do it": a long request to buy with nothing to put in the cart asks
    // how buying works; short ones ("mine po", "add to cart") are commands about the item in view
    name: "a-long-request-to-buy-nothing-asks-how",
    example: "how do i place an order here please",
    moves: ["add_to_cart"],
    when: (c) =>
      !c.product && !c.qty && !c.color && !c.size && !c.categorySpan && c.tokens.length >= 5 && !c.anaphor,
    apply: (s) => s.bump("add_to_cart", -0.25),
  },
  {
    // a policy topic with an answer about it: the answer, not the item (not over a complaint — "my payment
    // failed" is still a complaint —, nor over a question about a named item's sizes, colours or price)
    name: "a-merchant-answer-close-enough-is-a-policy-question",
    example: "how long does shipping take?",
    moves: ["faq"],
    when: (c) => c.answered && !c.action,
    apply: (s, c) => {
      const topic =
        c.policyTopic &&
        c.closest >= 0.5 &&
        !c.analysis.cues.has("complaint") &&
        !(c.product && c.analysis.kind)
          ? 0.2
          : 0;
      s.set("faq", Math.max(s.get("faq"), c.closest + 0.1 + topic + (c.analysis.cues.get("faq") ?? 0)));
    },
  },
  {
    name: "a-substantive-message-is-not-small-talk",
    example: "hi, how much is the linen shirt?",
    moves: SOCIAL,
    when: (c) =>
      Boolean(
        c.product ||
          c.categorySpan ||
          c.qty ||
          c.analysis.kind ||
          [...c.analysis.cues.keys()].some((i) => !SOCIAL.includes(i)),
      ),
    apply: (s) => {
      for (const i of SOCIAL) s.bump(i, -0.3);
    },
  },
];

/** Applies the rules in order to `scores` (changed in place); returns the names of those that applied. */
export function applyScoring(
  scores: Map<Intent, number>,
  c: ScoringContext,
  rules: readonly ScoringRule[] = SCORING_RULES,
): string[] {
  const s: Scores = {
    get: (i) => scores.get(i) ?? 0,
    bump: (i, by) => scores.set(i, (scores.get(i) ?? 0) + by),
    set: (i, v) => scores.set(i, v),
  };
  const applied: string[] = [];
  for (const rule of rules) {
    if (!rule.when(c)) continue;
    rule.apply(s, c);
    applied.push(rule.name);
  }
  return applied;
}
