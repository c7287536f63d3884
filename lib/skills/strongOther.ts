/**
 * Intents that end an open question (a checkout step, a review comment): the shopper asked something else
 * instead of answering it.
 */
import type { Intent } from "../nlu";

export const STRONG_OTHER: ReadonlySet<Intent> = new Set<Intent>([
  "human",
  "complaint",
  "view_cart",
  "checkout",
  "order_status",
  "cancel_order",
  "clear_cart",
  "remove_from_cart",
  "browse_category",
  "faq",
  "recommendation",
]);
