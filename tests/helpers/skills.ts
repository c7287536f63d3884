/**
 * Skills on an in-memory state: the demo shop (parsed by the same schemas as the admin API), a loaded turn
 * built from plain data, and the skills' ports over an in-memory shop (orders, stock, reviews) that keeps the
 * same rules as the DynamoDB store (an order only at the shown price and with enough stock, once per cart
 * revision; a shopper cancels only a pending order). No DynamoDB: the same skills run over the real store
 * in the integration and e2e tests.
 */
import type { ShopData } from "../../lib/catalog/cache";
import demoAnswers from "../../lib/catalog/demo/answers.json";
import demoProducts from "../../lib/catalog/demo/products.json";
import demoSettings from "../../lib/catalog/demo/settings.json";
import { parseAnswer, parseProduct, parseSettings } from "../../lib/catalog/schema";
import type { Answer, Product, ShopSettings } from "../../lib/catalog/types";
import { catalogue } from "../../lib/content/replies";
import type { Locale } from "../../lib/i18n";
import type { Cart, CartLine, CheckoutState } from "../../lib/model/cart";
import { buildIndex } from "../../lib/nlu";
import type { Order } from "../../lib/orders/types";
import type { Conversation } from "../../lib/store/conversations";
import type { LineProblem, PlaceResult } from "../../lib/store/orders";
import type { Review } from "../../lib/store/reviews";
import { DEFAULT_SETTINGS } from "../../lib/store/settings";
import type { ShopperPorts } from "../../lib/turn/ports";
import type { SkillContext } from "../../lib/turn/skill";
import { Turn } from "../../lib/turn/turn";

const parsed = <T>(r: { ok: true; value: T } | { ok: false }): T => {
  if (!r.ok) throw new Error("demo file does not parse");
  return r.value;
};

export const SHOP_ID = "demo";
export const NOW = new Date("2026-12-03T10:00:00.000Z");

/** The demo shop, with `overrides` to its settings; products are copies (tests may change their stock). */
export function demoShop(overrides: Partial<ShopSettings> = {}): ShopData {
  const products: Product[] = demoProducts.map((p) => parsed(parseProduct(structuredClone(p))));
  const answers: Answer[] = demoAnswers.map((a) => parsed(parseAnswer(a)));
  const settings: ShopSettings = {
    ...DEFAULT_SETTINGS,
    ...parsed(parseSettings(demoSettings)),
    ...overrides,
  };
  return { settings, catalogue: catalogue(products, answers), index: buildIndex(products, answers) };
}

/** An in-memory shop behind the skills' ports. */
export class MemoryShop implements ShopperPorts {
  readonly orders_: Order[] = [];
  readonly placed = new Map<number, string>();
  readonly reviews: Review[] = [];
  private next = 0;

  constructor(
    readonly shop: ShopData,
    readonly conversationId: string,
  ) {}

  async freshProducts(ids: string[]) {
    return new Map(
      ids.flatMap((id) => {
        const p = this.shop.catalogue.byId.get(id);
        return p ? [[id, structuredClone(p)] as const] : [];
      }),
    );
  }

  async findPlaced(rev: number) {
    return this.placed.get(rev);
  }

  async placeOrder(input: Parameters<ShopperPorts["placeOrder"]>[0]): Promise<PlaceResult> {
    const already = this.placed.get(input.cartRev);
    if (already) return { kind: "already" as const, orderId: already };
    const problems = input.items.flatMap((l): LineProblem[] => {
      const p = this.shop.catalogue.byId.get(l.productId);
      if (!p) return [{ productId: l.productId, reason: "missing" }];
      if (p.price.amount !== l.unitPrice.amount) return [{ productId: l.productId, reason: "price_changed" }];
      if (p.stock < l.quantity)
        return [
          { productId: l.productId, reason: p.stock > 0 ? "short" : "out_of_stock", available: p.stock },
        ];
      return [];
    });
    if (problems.length > 0) return { kind: "unavailable" as const, problems };
    for (const l of input.items) (this.shop.catalogue.byId.get(l.productId) as Product).stock -= l.quantity;
    const at = NOW.toISOString();
    const order: Order = {
      ...input,
      orderId: `CC-${String(2222220 + this.next++).slice(-6)}`.replace(/[01]/g, "2"),
      status: "pending",
      createdAt: at,
      updatedAt: at,
      history: [{ status: "pending", at, by: "shopper" }],
    };
    this.orders_.unshift(order);
    this.placed.set(input.cartRev, order.orderId);
    return { kind: "placed" as const, order };
  }

  async orders() {
    return this.orders_.filter((o) => o.conversationId === this.conversationId);
  }

  async order(orderId: string) {
    return this.orders_.find((o) => o.orderId === orderId);
  }

  async cancelOrder(orderId: string, at: Date) {
    const o = this.orders_.find((x) => x.orderId === orderId);
    if (o?.status !== "pending") return false;
    o.status = "cancelled";
    o.history.push({ status: "cancelled", at: at.toISOString(), by: "shopper" });
    for (const l of o.items) (this.shop.catalogue.byId.get(l.productId) as Product).stock += l.quantity;
    return true;
  }

  async rate(input: Parameters<ShopperPorts["rate"]>[0]) {
    const found = this.reviews.find((r) => r.orderId === input.orderId && r.productId === input.productId);
    if (found) {
      if (found.stars === input.stars) return { kind: "same" as const, review: found };
      const previous = found.stars;
      found.stars = input.stars;
      return { kind: "changed" as const, review: found, previous };
    }
    const at = input.at.toISOString();
    const review: Review = {
      shopId: SHOP_ID,
      orderId: input.orderId,
      productId: input.productId,
      conversationId: this.conversationId,
      stars: input.stars,
      createdAt: at,
      updatedAt: at,
    };
    this.reviews.push(review);
    return { kind: "rated" as const, review };
  }

  async comment(orderId: string, productId: string, text: string) {
    const r = this.reviews.find((x) => x.orderId === orderId && x.productId === productId);
    if (!r) return false;
    r.comment = text.trim();
    return true;
  }

  async reviewsOf(orderId: string) {
    return this.reviews.filter((r) => r.orderId === orderId);
  }
}

export interface TurnSetup {
  channel?: "messenger" | "whatsapp";
  lines?: Array<[string, number]>;
  checkout?: CheckoutState;
  rev?: number;
  conversation?: Partial<Conversation>;
  locale?: Locale;
  lastShown?: string[];
  settings?: Partial<ShopSettings>;
}

/** A skill context on a loaded turn of one shopper of the demo shop, and the in-memory shop behind it. */
export function skillTurn(setup: TurnSetup = {}): { c: SkillContext; shop: MemoryShop; turn: Turn } {
  const channel = setup.channel ?? "messenger";
  const userId = channel === "whatsapp" ? "15550001111" : "PSID-1";
  const conversationId = `${channel}:${userId}`;
  const shopData = demoShop(setup.settings);
  const lines: CartLine[] = (setup.lines ?? []).map(([productId, quantity], i) => ({
    productId,
    quantity,
    addedAt: new Date(NOW.getTime() - 60_000 + i).toISOString(),
  }));
  const rev = setup.rev ?? (lines.length > 0 ? 5 : 0);
  const cart: Cart = {
    shopId: SHOP_ID,
    conversationId,
    lines,
    rev,
    ...(setup.checkout ? { checkout: setup.checkout } : {}),
  };
  const at = NOW.toISOString();
  const stored: Conversation | undefined = setup.conversation
    ? {
        shopId: SHOP_ID,
        conversationId,
        channel,
        userId,
        status: "bot",
        createdAt: at,
        lastActivityAt: at,
        turnRev: 3,
        userIndexed: true,
        ...setup.conversation,
      }
    : undefined;
  const turn = new Turn(
    {
      ...(stored ? { conversation: stored } : {}),
      cart,
      cartExists: rev > 0,
      cartExpired: false,
      cartLineIds: lines.map((l) => l.productId),
      settings: shopData.settings,
      coPurchaseBaskets: 0,
    },
    { shopId: SHOP_ID, conversationId, channel, userId, at },
    NOW,
  );
  const shop = new MemoryShop(shopData, conversationId);
  const c: SkillContext = {
    turn,
    shop: shopData,
    locale: setup.locale ?? "en",
    now: NOW,
    ports: shop,
    lastShown: setup.lastShown ?? [],
  };
  return { c, shop, turn };
}
