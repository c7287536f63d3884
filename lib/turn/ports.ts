/**
 * What the skills read and write outside the turn's own state, as an interface: the store implements it over
 * DynamoDB (lib/store/ports.ts), unit tests with an in-memory shop (tests/helpers/memoryPorts.ts). Every
 * call is about this shopper's conversation (the ports are built for it).
 */
import type { Product } from "../catalog/types";
import type { Locale } from "../i18n";
import type { Cart } from "../model/cart";
import type { NewOrder, PlaceResult } from "../model/order";
import type { RateResult, Review } from "../model/review";
import type { Order } from "../orders/types";

export interface ShopperPorts {
  /** current price and stock (consistent reads), by id; unknown ids are left out */
  freshProducts(ids: string[]): Promise<Map<string, Product>>;
  /** the order cart revision `rev` became, if any */
  findPlaced(rev: number): Promise<string | undefined>;
  /** one transaction: the order, the stock, the emptied cart (conditional on its revision) */
  placeOrder(input: NewOrder, cart: Pick<Cart, "lines">, now: Date): Promise<PlaceResult>;
  /** this conversation's orders, newest first */
  orders(): Promise<Order[]>;
  order(orderId: string): Promise<Order | undefined>;
  /** cancels while still pending (the stock goes back); false when it was no longer pending */
  cancelOrder(orderId: string, at: Date): Promise<boolean>;
  rate(input: {
    orderId: string;
    productId: string;
    stars: number;
    locale: Locale;
    at: Date;
  }): Promise<RateResult>;
  /** stores the comment of a review; false when there is no review to add it to */
  comment(orderId: string, productId: string, text: string, at: Date): Promise<boolean>;
  reviewsOf(orderId: string): Promise<Review[]>;
}
