/**
 * Carts, checkout and orders through the webhook handler, in process, like the question turns (turns.ts):
 * signed deliveries one at a time, channels interleaved, each measured delivery followed by a floor turn.
 *
 * - Add to cart: deliveries that each add a product for ~50 shoppers, in rounds that alternate between a button
 *   tap (`ADD:{productId}`: a WhatsApp reply button, a Messenger postback) and a typed request in the shopper's
 *   language ("add 2 of the red tee in M"). Every reply is checked for the "Added …" text of some locale, so a
 *   message the NLU did not read as add_to_cart shows up as a shortfall.
 * - Checkout and order: per shopper, untimed, 1–3 `ADD:` taps, the `CHECKOUT` tap and (Messenger, which has no
 *   profile name or phone) the typed name and phone; then, timed, the typed address (a *checkout step*: with one
 *   payment method it ends at the summary) and the `CONFIRM` tap the summary offered (the *order*). Everything
 *   goes through deliveries, nothing is written to the table directly, so the bench follows the turn code as
 *   it changes. The replies are checked for the summary's Confirm button and for an order id, and the orders
 *   are counted in the shop's order list.
 *
 * The stock of every in-stock demo product is raised first (one batch write, which bumps catalogVersion so
 * the bot's catalogue is reloaded during the warm-up), so no add is capped and no order fails on stock.
 */
import type { Runtime } from "../../lib/bot/runtime";
import type { Product } from "../../lib/catalog/types";
import type { ChannelId } from "../../lib/channels/types";
import { conversationId } from "../../lib/channels/types";
import { messengerPostback, messengerText, whatsappButton, whatsappText } from "../../lib/dev/deliveries";
import type { HttpRequest } from "../../lib/http/request";
import { LOCALES, t } from "../../lib/i18n";
import { listProducts, putProductsBatch } from "../../lib/store/catalog";
import { listOrders } from "../../lib/store/orders";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import type { Session } from "./session";
import { round } from "./stats";
import { type DeliveryOptions, signed } from "./turns";

/** Stock every in-stock demo product gets for the phase: far more than all carts and orders take. */
const BENCH_STOCK = 100_000;

/**
 * Typed adds, three per locale (one locale per shopper, as in the question turns), each naming one product the
 * NLU singles out (a variant where the item has several), some with a quantity.
 */
export const ADD_TEXTS: string[][] = [
  ["add 2 of the red tee in M", "add the stoneware mug to my cart", "add 1 baseball cap to my cart"],
  ["اضف كوب فخاري الى السله", "ابي اثنين من شمعة صويا بالفانيليا", "ضيف قبعة بيسبول قطنية للسله"],
  ["把粗陶马克杯加入购物车", "我要两个香草大豆蜡烛", "我要买纯棉棒球帽"],
  [
    "pabili po ng stoneware na mug",
    "dalawang kandilang soy na vanilla po",
    "pabili po ng cotton na baseball cap",
  ],
  [
    "tambah mug stoneware ke keranjang",
    "mau beli lilin aroma vanilla 2",
    "saya mau beli topi baseball katun",
  ],
];

/** The fixed part of `cart.added` in every locale ("Added ", "已加入", " masuk keranjang." …). */
const ADDED_MARKERS = LOCALES.map((locale) => {
  const parts = t(locale, "cart.added", { quantity: "\u0000", title: "\u0000" }).split("\u0000");
  return parts.map((p) => p.trim()).sort((a, b) => b.length - a.length)[0] as string;
});
const ORDER_ID = /CC-[2-9A-Z]{6}/;
/** The summary's Confirm button: a postback payload (Messenger) or a reply button id (WhatsApp). */
const CONFIRM_PAYLOAD = /"(?:payload|id)":"(CONFIRM[^"]*)"/;

export interface CommerceOptions extends DeliveryOptions {
  addWarmup: number;
  adds: number;
  checkoutWarmup: number;
  checkouts: number;
}

export interface CommerceResult {
  stockRaised: { products: number; to: number };
  wallSeconds: { adds: number; checkouts: number };
  /** per channel: replies that said "Added …", summaries with a Confirm button, replies with an order id */
  checks: Record<
    ChannelId,
    {
      added: { tap: number; text: number; of: { tap: number; text: number } };
      summaries: number;
      repliesWithOrderId: number;
      ordersListed: number;
      confirmations: number;
      lines: { min: number; mean: number; max: number };
      /** the reply to an address that showed no Confirm button (first one), if any */
      noSummary?: string;
    }
  >;
}

/** Messenger deliveries of the dev helpers go to their default page: point them at the bench's. */
function retarget(channel: ChannelId, body: unknown, o: DeliveryOptions): unknown {
  const entry = (body as { entry: Array<Record<string, unknown>> }).entry[0] as Record<string, unknown>;
  if (channel === "messenger") {
    entry.id = o.messengerPageId;
    for (const m of entry.messaging as Array<{ recipient: { id: string } }>)
      m.recipient.id = o.messengerPageId;
  } else {
    for (const c of entry.changes as Array<{ value: { metadata: { phone_number_id: string } } }>) {
      c.value.metadata.phone_number_id = o.whatsappPhoneNumberId;
    }
  }
  return body;
}

/** User ids apart from the question turns' (7…/6590…) and the floor's (5…/6595…) so every cart starts empty. */
const userId = (channel: ChannelId, series: number, n: number) =>
  channel === "messenger"
    ? `${series}${String(n).padStart(15, "0")}`
    : `659${series}${String(n).padStart(7, "0")}`;

export function tap(
  channel: ChannelId,
  user: string,
  payload: string,
  id: string,
  o: DeliveryOptions,
): HttpRequest {
  const at = Date.now();
  const body =
    channel === "messenger"
      ? messengerPostback({ psid: user, payload, mid: `m_${id}`, at })
      : whatsappButton({ waId: user, id: payload, wamid: `wamid.${id}`, at });
  return signed(channel, retarget(channel, body, o), o.appSecret);
}

export function text(
  channel: ChannelId,
  user: string,
  body: string,
  id: string,
  o: DeliveryOptions,
): HttpRequest {
  const at = Date.now();
  const delivery =
    channel === "messenger"
      ? messengerText({ psid: user, text: body, mid: `m_${id}`, pageId: o.messengerPageId, at })
      : whatsappText({
          waId: user,
          text: body,
          wamid: `wamid.${id}`,
          name: "Bench Shopper",
          phoneNumberId: o.whatsappPhoneNumberId,
          at,
        });
  return signed(channel, delivery, o.appSecret);
}

/** Raises the stock of the shop's in-stock products; returns them (the products taps and orders use). */
async function raiseStock(rt: Runtime, shopId: string): Promise<Product[]> {
  const inStock = (await listProducts(rt.db, shopId)).filter((p) => p.stock > 0);
  const now = new Date().toISOString();
  const raised = inStock.map((p) => ({
    ...p,
    stock: BENCH_STOCK,
    version: ((p as { version?: number }).version ?? 0) + 1,
    updatedAt: now,
  }));
  const { failed } = await putProductsBatch(rt.db, shopId, raised);
  if (failed.length > 0) throw new Error(`bench: could not raise the stock of ${failed.join(", ")}`);
  return raised;
}

export async function benchCommerce(
  channels: ChannelId[],
  rt: Runtime,
  session: Session,
  o: CommerceOptions,
): Promise<CommerceResult> {
  const shopId = DEFAULT_SHOP_ID;
  const products = await raiseStock(rt, shopId);
  const pid = process.pid;
  const checks = Object.fromEntries(
    channels.map((c) => [
      c,
      {
        added: { tap: 0, text: 0, of: { tap: 0, text: 0 } },
        summaries: 0,
        repliesWithOrderId: 0,
        ordersListed: 0,
        confirmations: 0,
        lines: { min: 0, mean: 0, max: 0 },
      },
    ]),
  ) as CommerceResult["checks"];

  // ---- add to cart ----
  const addsStarted = performance.now();
  for (let i = 0; i < o.addWarmup + o.adds; i++) {
    const measured = i >= o.addWarmup;
    for (const channel of channels) {
      const shopper = i % o.shoppers;
      const round_ = Math.floor(i / o.shoppers);
      const user = userId(channel, 8, shopper);
      const id = `bench.add.${pid}.${channel}.${i}`;
      const isTap = round_ % 2 === 0;
      const product = products[(i * 7) % products.length] as Product;
      const texts = ADD_TEXTS[shopper % ADD_TEXTS.length] as string[];
      const req = isTap
        ? tap(channel, user, `ADD:${product.id}`, id, o)
        : text(channel, user, texts[Math.floor(round_ / 2) % texts.length] as string, id, o);
      const kind = isTap ? "add (tap)" : "add (text)";
      const m = await session.turn(channel, req, measured ? kind : undefined, "adds");
      if (!measured) continue;
      const c = checks[channel];
      c.added.of[isTap ? "tap" : "text"]++;
      if (ADDED_MARKERS.some((marker) => m.replies.includes(marker))) c.added[isTap ? "tap" : "text"]++;
    }
  }
  const addSeconds = (performance.now() - addsStarted) / 1000;

  // ---- checkout step and order, prepared through deliveries ----
  const checkoutsStarted = performance.now();
  const lines = new Map<ChannelId, number[]>();
  const ordered = new Set<string>();
  for (let i = 0; i < o.checkoutWarmup + o.checkouts; i++) {
    const measured = i >= o.checkoutWarmup;
    for (const channel of channels) {
      const user = userId(channel, 9, i);
      const id = (step: string) => `bench.co.${pid}.${channel}.${i}.${step}`;
      const count = 1 + (i % 3);
      for (let l = 0; l < count; l++) {
        const product = products[(i * 5 + l * 11) % products.length] as Product;
        await session.run(channel, tap(channel, user, `ADD:${product.id}`, id(`add${l}`), o));
      }
      await session.run(channel, tap(channel, user, "CHECKOUT", id("checkout"), o));
      if (channel === "messenger") {
        await session.run(channel, text(channel, user, "Bench Shopper", id("name"), o));
        await session.run(channel, text(channel, user, "+1 555 010 0200", id("phone"), o));
      }
      const address = text(
        channel,
        user,
        `${12 + (i % 80)} Orchard Road, Singapore 238801`,
        id("address"),
        o,
      );
      const a = await session.turn(channel, address, measured ? "checkout step" : undefined, "checkouts");
      const confirm = CONFIRM_PAYLOAD.exec(a.replies)?.[1];
      const c = checks[channel];
      if (!confirm) {
        if (measured) c.noSummary ??= a.replies.slice(0, 300);
        continue;
      }
      const r = await session.turn(
        channel,
        tap(channel, user, confirm, id("confirm"), o),
        measured ? "order" : undefined,
        "checkouts",
      );
      if (!measured) continue;
      c.summaries++;
      c.confirmations++;
      if (ORDER_ID.test(r.replies)) c.repliesWithOrderId++;
      ordered.add(conversationId(channel, user));
      lines.set(channel, [...(lines.get(channel) ?? []), count]);
    }
  }
  const checkoutSeconds = (performance.now() - checkoutsStarted) / 1000;

  // the measured shoppers' orders in the shop's list
  let cursor: string | undefined;
  do {
    const page = await listOrders(rt.db, shopId, { limit: 100, cursor });
    for (const order of page.items) {
      if (ordered.has(order.conversationId)) checks[order.channel as ChannelId].ordersListed++;
    }
    cursor = page.next;
  } while (cursor);
  for (const c of channels) {
    const l = lines.get(c) ?? [0];
    checks[c].lines = {
      min: Math.min(...l),
      mean: round(l.reduce((a, b) => a + b, 0) / Math.max(1, l.length)),
      max: Math.max(...l),
    };
  }
  return {
    stockRaised: { products: products.length, to: BENCH_STOCK },
    wallSeconds: { adds: round(addSeconds, 1), checkouts: round(checkoutSeconds, 1) },
    checks,
  };
}
