/**
 * The shopper's cart and the checkout in progress: domain types only (the store keeps them, the turn changes
 * them in memory). One cart per shopper, channel and shop.
 */

/** more than this many different products is refused (an order's transaction has room for them all) */
export const MAX_CART_LINES = 30;
export const MAX_LINE_QUANTITY = 99;

export interface CartLine {
  productId: string;
  quantity: number;
  addedAt: string;
}

export interface Address {
  text?: string;
  latitude?: number;
  longitude?: number;
}

/** What the checkout collected so far and the question it asked last. */
export interface CheckoutState {
  step: "name" | "phone" | "address" | "payment" | "confirm";
  name?: string;
  phone?: string;
  address?: Address;
  payment?: string;
  /** the cart revision the summary showed (step `confirm`) */
  rev?: number;
  /** the unit price (minor units) of each line the summary showed */
  prices?: Record<string, number>;
  startedAt: string;
}

export interface Cart {
  shopId: string;
  conversationId: string;
  /** in the order they were first added */
  lines: CartLine[];
  /** 0 for a cart never written */
  rev: number;
  updatedAt?: string;
  checkout?: CheckoutState;
  /** when the abandoned-cart reminder went out for this cart (cleared by the next change) */
  remindedAt?: string;
}
