/**
 * Carts and orders through the webhook handler, in process, like the text turns (turns.ts): signed deliveries
 * one at a time, channels interleaved, against DynamoDB Local and the fake Graph API.
 *
 * - Add to cart: per channel, deliveries that each add a product for ~50 shoppers, in rounds that alternate
 *   between a button tap (`ADD:{productId}`: a WhatsApp reply button, a Messenger postback) and a typed
 *   request in the shopper's language ("add 2 of the red tee in M"). Every reply is checked for the
 *   "Added …" text of some locale, so a message the NLU did not read as add_to_cart shows up as a shortfall.
 * - Place an order: per channel, shoppers whose cart (1–3 lines) already waits at the confirm step, written
 *   directly in DynamoDB beforehand (as tests/e2e/checkout.test.ts does); the timed delivery is the tap on
 *   `CONFIRM:{rev}`. Every reply is checked for an order id and the orders are counted in the shop's list.
 *
 * The stock of every in-stock demo product is raised first (one batch write, which bumps catalogVersion so
 * the bot's catalogue is reloaded during the warm-up), so no add is capped and no order fails on stock.
 */
import type { Runtime } from "../../lib/bot/runtime";
import { handleWebhook } from "../../lib/bot/webhook";
import type { Product } from "../../lib/catalog/types";
import type { ChannelId } from "../../lib/channels/types";
import { conversationId } from "../../lib/channels/types";
import { messengerPostback, messengerText, whatsappButton, whatsappText } from "../../lib/dev/deliveries";
import type { HttpRequest } from "../../lib/http/request";
import { LOCALES, t } from "../../lib/i18n";
import { addToCart, type CartScope, saveCheckout } from "../../lib/store/carts";
import { listProducts, putProductsBatch } from "../../lib/store/catalog";
import { listOrders } from "../../lib/store/orders";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import type { FakeGraph } from "./fakeGraph";
import { type LogTap, tapLogs } from "./logTap";
import { round } from "./stats";
import { type DbCounter, type DeliveryOptions, type PhaseResult, signed, Tally } from "./turns";

/** Stock every in-stock demo product gets for the phase: far more than all carts and orders take. */
const BENCH_STOCK = 100_000;

/**
 * Typed adds, three per locale (one locale per shopper, as in the text turns), each naming one product the
 * NLU singles out (a variant where the item has several), some with a quantity.
 */
const ADD_TEXTS: string[][] = [
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

/** The reply bodies with their strings unescaped (Meta's API accepts either). */
const replyText = (graph: FakeGraph) =>
  graph.replies
    .map((raw) => {
      try {
        return JSON.stringify(JSON.parse(raw));
      } catch {
        return raw;
      }
    })
    .join("\n");

export interface CommerceOptions extends DeliveryOptions {
  addWarmup: number;
  adds: number;
  orderWarmup: number;
  orders: number;
}

export interface AddFigures {
  tap: PhaseResult;
  text: PhaseResult;
  all: PhaseResult;
  /** replies that said "Added …" (any locale), of the deliveries */
  added: { tap: number; text: number };
}

export interface OrderFigures extends PhaseResult {
  /** replies that named an order id */
  repliesWithOrderId: number;
  /** orders of the measured shoppers in the shop's order list */
  ordersListed: number;
  /** cart lines per order: min, mean, max */
  lines: { min: number; mean: number; max: number };
}

export interface CommerceResult {
  stockRaised: { products: number; to: number };
  warmup: { adds: number; orders: number };
  wallSeconds: { adds: number; prepare: number; orders: number };
  logged: Array<{ line: string; count: number }>;
  adds: Record<ChannelId, AddFigures>;
  orders: Record<ChannelId, OrderFigures>;
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

/** User ids apart from the text turns' (7…/6590…) so every cart starts empty. */
const userId = (channel: ChannelId, series: number, n: number) =>
  channel === "messenger"
    ? `${series}${String(n).padStart(15, "0")}`
    : `659${series}${String(n).padStart(7, "0")}`;

function tap(channel: ChannelId, user: string, payload: string, id: string, o: DeliveryOptions): HttpRequest {
  const at = Date.now();
  const body =
    channel === "messenger"
      ? messengerPostback({ psid: user, payload, mid: `m_${id}`, at })
      : whatsappButton({ waId: user, id: payload, wamid: `wamid.${id}`, at });
  return signed(channel, retarget(channel, body, o), o.appSecret);
}

function text(channel: ChannelId, user: string, body: string, id: string, o: DeliveryOptions): HttpRequest {
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

interface Sent {
  /** the tallies the delivery counts in */
  keys: string[];
  channel: ChannelId;
  req: HttpRequest;
  /** called with the reply text, outside the clock */
  check?: (reply: string) => void;
}

/** One delivery at a time; tallies by `key` (none for warm-up). */
async function send(
  deliveries: Sent[],
  rt: Runtime,
  graph: FakeGraph,
  db: DbCounter,
  logs: LogTap,
  tallies?: Map<string, Tally>,
): Promise<number> {
  const started = performance.now();
  for (const d of deliveries) {
    graph.reset();
    db.reset();
    logs.take();
    const t0 = performance.now();
    const res = await handleWebhook(d.channel, d.req, rt);
    const latency = performance.now() - t0;
    d.check?.(replyText(graph));
    if (!tallies) continue;
    for (const key of d.keys) {
      const tally = tallies.get(key) ?? new Tally();
      tallies.set(key, tally);
      tally.add(latency, res.statusCode, logs.take(), db.snapshot(), { ...graph.counts });
    }
  }
  return (performance.now() - started) / 1000;
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

async function inParallel<T>(items: T[], workers: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

export async function benchCommerce(
  channels: ChannelId[],
  rt: Runtime,
  graph: FakeGraph,
  db: DbCounter,
  o: CommerceOptions,
): Promise<CommerceResult> {
  const shopId = DEFAULT_SHOP_ID;
  const products = await raiseStock(rt, shopId);
  const logs = tapLogs();
  try {
    // ---- add to cart ----
    const added = new Map<string, number>();
    const adds = (from: number, count: number): Sent[] =>
      Array.from({ length: count }, (_, k) => from + k).flatMap((i) =>
        channels.map((channel): Sent => {
          const shopper = i % o.shoppers;
          const round_ = Math.floor(i / o.shoppers);
          const user = userId(channel, 8, shopper);
          const id = `bench.add.${process.pid}.${channel}.${i}`;
          const isTap = round_ % 2 === 0;
          const key = `${channel}:${isTap ? "tap" : "text"}`;
          const product = products[(i * 7) % products.length] as Product;
          const texts = ADD_TEXTS[shopper % ADD_TEXTS.length] as string[];
          const req = isTap
            ? tap(channel, user, `ADD:${product.id}`, id, o)
            : text(channel, user, texts[Math.floor(round_ / 2) % texts.length] as string, id, o);
          const check = (reply: string) => {
            if (ADDED_MARKERS.some((m) => reply.includes(m))) added.set(key, (added.get(key) ?? 0) + 1);
          };
          return { keys: [key, `${channel}:all`], channel, req, check };
        }),
      );
    await send(adds(0, o.addWarmup), rt, graph, db, logs);
    added.clear();
    const addTallies = new Map<string, Tally>();
    const addSeconds = await send(adds(o.addWarmup, o.adds), rt, graph, db, logs, addTallies);

    // ---- place an order: carts at the confirm step, written directly ----
    const prepareStarted = performance.now();
    const now = new Date();
    interface Prepared {
      channel: ChannelId;
      user: string;
      rev: number;
      lines: number;
    }
    const prepared: Prepared[] = [];
    const total = o.orderWarmup + o.orders;
    for (let i = 0; i < total; i++) {
      for (const channel of channels)
        prepared.push({ channel, user: userId(channel, 9, i), rev: 0, lines: 0 });
    }
    await inParallel([...prepared.entries()], 8, async ([i, p]) => {
      const scope: CartScope = {
        shopId,
        conversationId: conversationId(p.channel, p.user),
        expiryDays: 7,
        now,
      };
      p.lines = 1 + (i % 3);
      let rev = 0;
      for (let l = 0; l < p.lines; l++) {
        const product = products[(i * 5 + l * 11) % products.length] as Product;
        rev = (await addToCart(rt.db, scope, product.id, 1 + ((i + l) % 3))).rev;
      }
      p.rev = rev;
      await saveCheckout(rt.db, scope, {
        step: "confirm",
        rev,
        name: "Bench Shopper",
        phone: `+${p.channel === "whatsapp" ? p.user : "15550100200"}`,
        address: { text: "1 Main Street, Springfield" },
        payment: "cod",
        startedAt: now.toISOString(),
      });
    });
    const prepareSeconds = (performance.now() - prepareStarted) / 1000;
    const withOrderId = new Map<ChannelId, number>();
    const confirms = prepared.map(
      (p, i): Sent => ({
        keys: [`${p.channel}:order`],
        channel: p.channel,
        req: tap(p.channel, p.user, `CONFIRM:${p.rev}`, `bench.confirm.${process.pid}.${i}`, o),
        check: (reply) => {
          if (ORDER_ID.test(reply)) withOrderId.set(p.channel, (withOrderId.get(p.channel) ?? 0) + 1);
        },
      }),
    );
    const warm = channels.length * o.orderWarmup;
    await send(confirms.slice(0, warm), rt, graph, db, logs);
    withOrderId.clear();
    const orderTallies = new Map<string, Tally>();
    const orderSeconds = await send(confirms.slice(warm), rt, graph, db, logs, orderTallies);

    // the measured shoppers' orders in the shop's list (newest first: they are the last ones placed)
    const measured = new Set(prepared.slice(warm).map((p) => conversationId(p.channel, p.user)));
    const listed = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await listOrders(rt.db, shopId, { limit: 100, cursor });
      for (const order of page.items) {
        if (measured.has(order.conversationId)) {
          listed.set(order.channel, (listed.get(order.channel) ?? 0) + 1);
        }
      }
      cursor = page.next;
    } while (cursor);

    const result = (key: string) => (addTallies.get(key) ?? orderTallies.get(key) ?? new Tally()).result();
    const linesOf = (c: ChannelId) =>
      prepared
        .slice(warm)
        .filter((p) => p.channel === c)
        .map((p) => p.lines);
    return {
      stockRaised: { products: products.length, to: BENCH_STOCK },
      warmup: { adds: o.addWarmup, orders: o.orderWarmup },
      wallSeconds: {
        adds: round(addSeconds, 1),
        prepare: round(prepareSeconds, 1),
        orders: round(orderSeconds, 1),
      },
      logged: logs.distinct(),
      adds: Object.fromEntries(
        channels.map((c) => [
          c,
          {
            tap: result(`${c}:tap`),
            text: result(`${c}:text`),
            all: (addTallies.get(`${c}:all`) ?? new Tally()).result(),
            added: { tap: added.get(`${c}:tap`) ?? 0, text: added.get(`${c}:text`) ?? 0 },
          },
        ]),
      ) as CommerceResult["adds"],
      orders: Object.fromEntries(
        channels.map((c) => {
          const lines = linesOf(c);
          return [
            c,
            {
              ...result(`${c}:order`),
              repliesWithOrderId: withOrderId.get(c) ?? 0,
              ordersListed: listed.get(c) ?? 0,
              lines: {
                min: Math.min(...lines),
                mean: round(lines.reduce((a, b) => a + b, 0) / Math.max(1, lines.length)),
                max: Math.max(...lines),
              },
            },
          ];
        }),
      ) as CommerceResult["orders"],
    };
  } finally {
    logs.stop();
  }
}
