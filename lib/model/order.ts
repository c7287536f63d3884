/** Orders as the shopper, the merchant and support staff see them (docs/interface.md: money in minor units). Domain types only. */
import type { Money } from "../catalog/types";
import type { Address } from "./cart";

export const ORDER_STATUSES = ["pending", "confirmed", "shipped", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** pending → confirmed → shipped → delivered; cancelled from pending or confirmed (the stock goes back). */
export const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ["confirmed", "cancelled"],
  confirmed: ["shipped", "cancelled"],
  shipped: ["delivered"],
  delivered: [],
  cancelled: [],
};

export const canMove = (from: OrderStatus, to: OrderStatus): boolean => NEXT_STATUSES[from].includes(to);

/** A priced line of a cart or an order (docs/interface.md `items[{productId, title, quantity, unitPrice, lineTotal}]`). */
export interface PricedLine {
  productId: string;
  /** in the shopper's language at the time */
  title: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
}

export interface Customer {
  name?: string;
  phone?: string;
  address?: Address;
}

export interface StatusChange {
  status: OrderStatus;
  at: string;
  /** `shopper`, `bot` or the admin token's id */
  by: string;
  /** whether the shopper was told: `sent`, `queued` (outbox), `not_sent` (window closed, or no channel) */
  notified?: "sent" | "queued" | "not_sent";
  reason?: string;
  /** this entry undid the change before it (lib/store/orderUndo.ts) */
  undo?: boolean;
}

export interface Order {
  shopId: string;
  orderId: string;
  conversationId: string;
  channel: string;
  userId: string;
  locale: string;
  status: OrderStatus;
  items: PricedLine[];
  total: Money;
  customer: Customer;
  payment: { method: string; status: string; reference?: string };
  createdAt: string;
  updatedAt: string;
  history: StatusChange[];
  /** the cart revision this order was placed from */
  cartRev: number;
  /** set when marked shipped (the shipped message carries it): the carrier's number and tracking page */
  tracking?: Tracking;
}

export interface Tracking {
  number: string;
  url?: string;
}

/** Why a line cannot be ordered as shown. */
export interface LineProblem {
  productId: string;
  reason: "out_of_stock" | "short" | "price_changed" | "missing";
  /** how many are left (for `short`) */
  available?: number;
}

export type PlaceResult =
  | { kind: "placed"; order: Order }
  /** this cart revision already became an order (a repeated confirmation) */
  | { kind: "already"; orderId: string }
  /** the cart changed since the summary the shopper confirmed */
  | { kind: "cart_changed" }
  | { kind: "unavailable"; problems: LineProblem[] };

/** Everything of the order but what the store decides (id, times, history). */
export type NewOrder = Omit<Order, "orderId" | "createdAt" | "updatedAt" | "history" | "status">;
