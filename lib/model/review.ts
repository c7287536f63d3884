/** A shopper's review of one product of a delivered order. Domain types only; lib/store/reviews.ts keeps them. */
import type { Rating } from "../reviews/rating";

export interface Review {
  shopId: string;
  orderId: string;
  productId: string;
  conversationId: string;
  stars: number;
  /** the shopper's words, trimmed, at most {@link COMMENT_MAX} code points */
  comment?: string;
  locale?: string;
  createdAt: string;
  updatedAt: string;
}

export const COMMENT_MAX = 500;

export type RateResult =
  /** a first rating of this product in this order */
  | { kind: "rated"; review: Review; rating?: Rating }
  /** the shopper changed their mind: the review and the average now say `stars` */
  | { kind: "changed"; review: Review; previous: number; rating?: Rating }
  /** the same stars again (a second tap): nothing written */
  | { kind: "same"; review: Review };
