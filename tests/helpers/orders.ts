/**
 * Fixture factories for integration tests that need shoppers with conversations, carts and orders in a table
 * of their own (tests/helpers/db.ts), written with the store functions the webhook and the checkout use.
 */
import type { Order, PricedLine } from "../../lib/orders/types";
import { addToCart, type Cart } from "../../lib/store/carts";
import { getProduct } from "../../lib/store/catalog";
import type { Db } from "../../lib/store/client";
import { type Conversation, touchInbound } from "../../lib/store/conversations";
import { placeOrder } from "../../lib/store/orders";
import { newPsid, newWaId, PAGE_ID, PHONE_NUMBER_ID } from "./meta";

type Channel = "messenger" | "whatsapp";

/**
 * A new shopper's conversation, recorded as their message at `at` (epoch ms) records it: on the default Page
 * or phone number of `shopId`, with the profile `name` when given.
 */
export function shopperConversation(
  db: Db,
  shopId: string,
  channel: Channel,
  at: number,
  name?: string,
): Promise<Conversation> {
  const user = channel === "messenger" ? newPsid() : newWaId();
  return touchInbound(db, {
    shopId,
    conversationId: `${channel}:${user}`,
    channel,
    userId: user,
    at: new Date(at).toISOString(),
    accountId: channel === "messenger" ? PAGE_ID : PHONE_NUMBER_ID,
    ...(name !== undefined && { name }),
  });
}

/** Adds the `[productId, quantity]` lines to the conversation's cart at `at`: the cart after the last one. */
export async function fillCart(
  db: Db,
  shopId: string,
  conversationId: string,
  lines: Array<[string, number]>,
  at: number,
): Promise<Cart> {
  let cart: Cart | undefined;
  for (const [productId, quantity] of lines) {
    cart = await addToCart(
      db,
      { shopId, conversationId, expiryDays: 7, now: new Date(at) },
      productId,
      quantity,
    );
  }
  if (!cart) throw new Error("no lines");
  return cart;
}

/**
 * Places an order of `lines` (USD products of the shop) from the conversation's cart at `at`, as the checkout
 * does: the cart filled, priced from the catalogue, paid cash on delivery. Throws unless it was placed.
 */
export async function placedOrder(
  db: Db,
  shopId: string,
  conversationId: string,
  lines: Array<[string, number]>,
  opts: { at: number; locale?: string; customer?: Partial<Order["customer"]> },
): Promise<Order> {
  const cart = await fillCart(db, shopId, conversationId, lines, opts.at);
  const items: PricedLine[] = [];
  for (const [id, quantity] of lines) {
    const p = await getProduct(db, shopId, id);
    if (!p) throw new Error(id);
    items.push({
      productId: id,
      title: p.title.en ?? id,
      quantity,
      unitPrice: p.price,
      lineTotal: { amount: p.price.amount * quantity, currency: "USD" },
    });
  }
  // conversation ids are `{channel}:{user id}` (lib/store/conversations.ts)
  const [channel = "", userId = ""] = conversationId.split(":");
  const r = await placeOrder(
    db,
    {
      shopId,
      conversationId,
      channel,
      userId,
      locale: opts.locale ?? "en",
      items,
      total: { amount: items.reduce((n, l) => n + l.lineTotal.amount, 0), currency: "USD" },
      customer: {
        name: "Ana Reyes",
        phone: "+6591234567",
        address: { text: "1 Orchard Rd" },
        ...opts.customer,
      },
      payment: { method: "cod", status: "due" },
      cartRev: cart.rev,
    },
    cart,
    new Date(opts.at),
  );
  if (r.kind !== "placed") throw new Error(`not placed: ${r.kind}`);
  return r.order;
}
