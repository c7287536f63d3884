/**
 * The shopping part of a turn: cart, checkout and orders, as replies (lib/content's `Reply`: text, cards,
 * choices). No botbuilder and no platform payloads here: the bot passes what the shopper did (a button
 * payload, what the NLU read, a WhatsApp cart, a location, the text typed at a checkout question) and gets
 * back the reply and what the bot should remember about the question it asked.
 *
 * Button payloads (Messenger postbacks and quick replies, WhatsApp button and list replies):
 * `ADD:{productId}[:{qty}]`, `PICK:{groupId}:{qty}:{color}:{size}` (choosing a variant), `CART`, `EDIT`,
 * `INC:`/`DEC:`/`DEL:{productId}`, `CLEAR`, `CHECKOUT`, `ADDR:LAST`/`ADDR:NEW`, `PAY:{method}`,
 * `CONFIRM:{rev}`, `STOPCHECKOUT`, `ORDERS`, `CANCEL:{orderId}`, `CANCELYES:{orderId}`, `CANCELNO:{orderId}`.
 *
 * Decisions: prices and stock come from our catalogue (fresh reads before a summary and for the order), never
 * from a payload; a WhatsApp cart replaces the chat cart (it is the shopper's whole basket); a shopper asking
 * for more than is left gets what is left and is told; a checkout asks only for what it does not know (WhatsApp
 * gives the phone and the profile name; a returning shopper is offered the last address).
 */
import type { ShopData } from "../catalog/cache";
import type { Product } from "../catalog/types";
import type { OrderItem } from "../channels/types";
import { attributeLabel, formatMoney, minorDigits, productTitle } from "../content/format";
import {
  type Choice,
  card,
  categoryChoices,
  inStock,
  type Meaning,
  onePerGroup,
  type Recommender,
  type Reply,
  type ReplyContext,
  resolve,
} from "../content/replies";
import { AppError } from "../errors";
import { type Locale, type MessageKey, t } from "../i18n";
import { log, maskId } from "../log";
import {
  type Address,
  type Cart,
  type CheckoutState,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
} from "../model/cart";
import { normalizeOrderId } from "../orders/ids";
import { type PaymentProvider, paymentProvider, paymentProvidersFor } from "../orders/payments";
import type { Order } from "../orders/types";
import type { Db } from "../store/client";
import type { Conversation, ShopperProfile } from "../store/conversations";
import type { FunnelEvent } from "../store/funnel";
import {
  changeOrderStatus,
  findPlaced,
  getOrder,
  getProductsFresh,
  type LineProblem,
  ordersOfConversation,
  placeOrder,
} from "../store/orders";
import { TurnConflict } from "../store/turn";
import type { Turn } from "../turn/turn";
import { type CartProblem, type PricedCart, priceCart } from "./pricing";

/** What the bot keeps between turns: the question the shopper is answering (a checkout step, a cancellation). */
export type Awaiting =
  | { kind: "checkout"; step: CheckoutState["step"] }
  | { kind: "cancel"; orderId: string }
  /** the shopper rated a product of a delivered order and may add a comment (lib/reviews) */
  | { kind: "review"; orderId: string; productId: string };

export interface ShoppingContext {
  db: Db;
  shop: ShopData;
  conversation: Conversation;
  /** the loaded turn: the cart, the checkout and the funnel are changed here and committed with the turn */
  turn: Turn;
  locale: Locale;
  now: Date;
  /** recommendations with the shop's co-purchase table ("goes well with" after an add) */
  recommend?: (ask: Parameters<Recommender>[0]) => Promise<Product[]>;
}

export interface ShoppingResult {
  reply: Reply;
  /** the question now open (undefined: none) */
  awaiting?: Awaiting;
  /** the cart's total after a change (minor units), for the merchant's cart-value handover rule */
  cartTotal?: number;
  /** products the reply showed or the shopper carted (for "add it", "more like this") */
  shown?: string[];
}

/** What the NLU read, as far as shopping needs it. */
export interface ShoppingMeaning extends Meaning {
  quantity?: number;
  orderId?: string;
}

const NAME_MAX = 80;
const ADDRESS_MIN = 8;
const ADDRESS_MAX = 300;

/** A phone number as a shopper types it (or Messenger fills it in): 6–15 digits, `+`, spaces, dashes, brackets. */
export const isPhone = (text: string) => {
  const digits = text.replace(/\D/g, "");
  return /^\+?[\d\s\-().]{6,24}$/.test(text.trim()) && digits.length >= 6 && digits.length <= 15;
};
const normalizePhone = (text: string) => {
  const trimmed = text.trim();
  return `${trimmed.startsWith("+") ? "+" : ""}${trimmed.replace(/\D/g, "")}`;
};

export class Shopping {
  private readonly ctx: ReplyContext;
  private readonly scope: { shopId: string; conversationId: string };

  /** what this turn's modules share (lib/reviews takes the same) */
  get context(): ShoppingContext {
    return this.s;
  }

  constructor(private readonly s: ShoppingContext) {
    this.ctx = { locale: s.locale, settings: s.shop.settings, catalogue: s.shop.catalogue };
    this.scope = {
      shopId: s.conversation.shopId,
      conversationId: s.conversation.conversationId,
    };
  }

  private say(key: MessageKey, params: Record<string, string> = {}): string {
    return t(this.s.locale, key, params, this.s.shop.settings.defaultLocale);
  }

  private money(amount: number, currency = this.s.shop.settings.currency): string {
    return formatMoney({ amount, currency }, this.s.locale);
  }

  private title(p: Product): string {
    const variants = this.ctx.catalogue.byGroup.get(p.groupId ?? p.id)?.length ?? 1;
    return productTitle(p, this.s.locale, this.s.shop.settings.defaultLocale, variants !== 1);
  }

  private price(lines: Cart["lines"], products: ReadonlyMap<string, Product>): PricedCart {
    return priceCart(lines, products, {
      locale: this.s.locale,
      fallback: this.s.shop.settings.defaultLocale,
      currency: this.s.shop.settings.currency,
      variantsOf: (p) => this.ctx.catalogue.byGroup.get(p.groupId ?? p.id)?.length ?? 1,
    });
  }

  /** Counts a funnel event for the conversation's traffic source (best effort: a failure is only logged). */
  private count(event: FunnelEvent, extra: Partial<Record<FunnelEvent, number>> = {}): void {
    this.s.turn.count(event, extra);
  }

  /** True for payloads this module answers. */
  static handles(payload: string): boolean {
    return /^(ADD|PICK|CART|EDIT|INC|DEC|DEL|CLEAR|CHECKOUT|ADDR|PAY|CONFIRM|STOPCHECKOUT|ORDERS|CANCEL|CANCELYES|CANCELNO)(:|$)/.test(
      payload,
    );
  }

  async onPayload(payload: string): Promise<ShoppingResult | undefined> {
    const [kind = "", ...args] = payload.split(":");
    const arg = args.join(":");
    switch (kind) {
      case "ADD": {
        const [id = "", qty] = args;
        const p = this.ctx.catalogue.byId.get(id);
        if (!p) return undefined;
        return this.add(p, Number(qty) > 0 ? Number(qty) : 1);
      }
      case "PICK": {
        const [group = "", qty = "1", color = "", size = ""] = args;
        return this.pick(group, Number(qty) > 0 ? Number(qty) : 1, {
          color: color || undefined,
          size: size || undefined,
        });
      }
      case "CART":
        return this.viewCart();
      case "EDIT":
        return this.editCart();
      case "INC":
      case "DEC":
      case "DEL":
        return this.changeLine(arg, kind);
      case "CLEAR":
        return this.clear();
      case "CHECKOUT":
        return this.checkout();
      case "ADDR":
        return this.checkoutAnswer(arg === "LAST" ? { useLastAddress: true } : { newAddress: true });
      case "PAY":
        return this.checkoutAnswer({ payment: arg });
      case "CONFIRM":
        return this.confirm(Number(arg));
      case "STOPCHECKOUT":
        return this.stopCheckout();
      case "ORDERS":
        return this.orderStatus();
      case "CANCEL":
        return this.askCancel(arg);
      case "CANCELYES":
        return this.cancel(arg);
      case "CANCELNO":
        return { reply: { text: this.say("order.kept", { id: arg }) } };
      default:
        return undefined;
    }
  }

  /** Intents of the NLU this module answers; undefined for the others. */
  async onMeaning(meaning: ShoppingMeaning, lastShown: string[] = []): Promise<ShoppingResult | undefined> {
    switch (meaning.intent) {
      case "add_to_cart":
        return this.addMeant(meaning, lastShown);
      case "view_cart":
        return this.viewCart();
      case "checkout":
        return this.checkout();
      case "remove_from_cart":
        return this.removeMeant(meaning);
      case "clear_cart":
        return this.clear();
      case "order_status":
        return this.orderStatus(meaning.orderId);
      case "cancel_order":
        return this.askCancel(meaning.orderId);
      default:
        return undefined;
    }
  }

  // ---- cart ----

  private async addMeant(meaning: ShoppingMeaning, lastShown: string[]): Promise<ShoppingResult> {
    const quantity = Math.min(Math.max(meaning.quantity ?? 1, 1), MAX_LINE_QUANTITY);
    let products = resolve(meaning, this.ctx);
    // "add it", "add 2 of these": what the last reply showed
    if (products.length === 0 && lastShown.length > 0) {
      products = lastShown
        .map((id) => this.ctx.catalogue.byId.get(id))
        .filter((p): p is Product => Boolean(p));
    }
    if (products.length === 0) {
      return { reply: { text: this.say("cart.whichProduct"), choices: categoryChoices(this.ctx) } };
    }
    const groups = new Set(products.map((p) => p.groupId ?? p.id));
    const first = products[0] as Product;
    if (products.length === 1) return this.add(first, quantity);
    if (groups.size === 1) {
      const picked = await this.pick(first.groupId ?? first.id, quantity, meaning.attributes ?? {});
      if (picked) return picked;
    }
    const shown = onePerGroup(products).slice(0, 10);
    return {
      reply: { text: this.say("cart.whichProduct"), cards: shown.map((p) => card(p, this.ctx)) },
      shown: shown.map((p) => p.id),
    };
  }

  /** A variant of `group` with the colour and size chosen so far: add it, or ask for what still differs. */
  private async pick(
    group: string,
    quantity: number,
    chosen: { color?: string; size?: string },
  ): Promise<ShoppingResult | undefined> {
    const variants = this.ctx.catalogue.byGroup.get(group);
    if (!variants) return undefined;
    const fits = (p: Product) =>
      (!chosen.color || p.attributes.color?.toLowerCase() === chosen.color.toLowerCase()) &&
      (!chosen.size || p.attributes.size?.toLowerCase() === chosen.size.toLowerCase());
    const matching = variants.filter(fits);
    const available = matching.filter(inStock);
    if (matching.length === 1 || available.length === 1)
      return this.add((available[0] ?? matching[0]) as Product, quantity);
    if (available.length === 0) {
      const p = (matching[0] ?? variants[0]) as Product;
      const others = variants.filter(inStock).slice(0, 3);
      return {
        reply: {
          text: `${t(this.s.locale, "stock.out", { title: this.title(p) }, this.s.shop.settings.defaultLocale)}${others.length > 0 ? `\n${this.say("stock.alternatives")}` : ""}`,
          ...(others.length > 0 ? { cards: others.map((o) => card(o, this.ctx)) } : {}),
        },
      };
    }
    const dimension = (["color", "size"] as const).find(
      (k) => new Set(available.map((p) => p.attributes[k] ?? "")).size > 1,
    );
    if (!dimension) return this.add(available[0] as Product, quantity);
    const values = [...new Set(available.map((p) => p.attributes[dimension] ?? ""))].slice(0, 10);
    const choices: Choice[] = values.map((v) => {
      const next = { ...chosen, [dimension]: v };
      return {
        title: attributeLabel(dimension, v, this.s.locale),
        payload: `PICK:${group}:${quantity}:${next.color ?? ""}:${next.size ?? ""}`,
      };
    });
    return {
      reply: { text: this.say(dimension === "size" ? "cart.whichSize" : "cart.whichColor"), choices },
      shown: available.map((p) => p.id),
    };
  }

  private async add(product: Product, quantity: number): Promise<ShoppingResult> {
    const cart = this.s.turn.cart.view();
    const inCart = cart.lines.find((l) => l.productId === product.id)?.quantity ?? 0;
    if (inCart === 0 && cart.lines.length >= MAX_CART_LINES) {
      return {
        reply: { text: this.say("cart.full", { max: String(MAX_CART_LINES) }), choices: this.cartChoices() },
      };
    }
    const left = product.stock - inCart;
    const title = this.title(product);
    if (left <= 0) {
      const others = (this.ctx.catalogue.byGroup.get(product.groupId ?? product.id) ?? [])
        .filter((p) => p.id !== product.id && inStock(p))
        .slice(0, 3);
      const text =
        product.stock <= 0
          ? t(this.s.locale, "stock.out", { title }, this.s.shop.settings.defaultLocale)
          : this.say("cart.onlyLeft", { count: String(product.stock), title });
      return {
        reply: {
          text: others.length > 0 ? `${text}\n${this.say("stock.alternatives")}` : text,
          ...(others.length > 0
            ? { cards: others.map((o) => card(o, this.ctx)) }
            : { choices: this.cartChoices() }),
        },
      };
    }
    const adding = Math.min(quantity, left, MAX_LINE_QUANTITY - inCart);
    if (adding <= 0) {
      return {
        reply: {
          text: this.say("cart.maxQuantity", { max: String(MAX_LINE_QUANTITY) }),
          choices: this.cartChoices(),
        },
      };
    }
    let after: Cart;
    try {
      after = this.s.turn.cart.add(product.id, adding, this.s.now);
    } catch (e) {
      if (e instanceof AppError && e.code === "cart.max_quantity") {
        return {
          reply: {
            text: this.say("cart.maxQuantity", { max: String(MAX_LINE_QUANTITY) }),
            choices: this.cartChoices(),
          },
        };
      }
      throw e;
    }
    const priced = this.price(after.lines, this.ctx.catalogue.byId);
    const notes = adding < quantity ? [this.say("cart.onlyLeft", { count: String(left), title })] : [];
    const text = [
      this.say("cart.added", { quantity: String(adding), title }),
      ...notes,
      this.say("cart.summary", { count: String(priced.count), total: this.money(priced.total.amount) }),
    ].join("\n");
    this.count("addToCart");
    // "goes well with": complements of what is in the cart, never what is in it (two cards: one message each
    // on WhatsApp without a catalog)
    const goes = await this.s
      .recommend?.({
        preset: "complement",
        seeds: after.lines.map((l) => l.productId),
        limit: this.s.conversation.channel === "whatsapp" ? 1 : 2,
      })
      .catch((e) => {
        log.warn("recs.failed", { error: e });
        return [];
      });
    return {
      reply: {
        text: goes && goes.length > 0 ? `${text}\n${this.say("recommend.goesWith")}` : text,
        choices: this.cartChoices(),
        ...(goes && goes.length > 0 ? { cards: goes.map((p) => card(p, this.ctx)) } : {}),
      },
      cartTotal: priced.total.amount,
      shown: [product.id],
    };
  }

  /** "Your cart is empty", with the categories to start from. */
  private emptyCart(): ShoppingResult {
    return { reply: { text: this.say("cart.empty"), choices: categoryChoices(this.ctx) } };
  }

  private cartChoices(): Choice[] {
    return [
      { title: this.say("choice.checkout"), payload: "CHECKOUT" },
      { title: this.say("choice.cart"), payload: "CART" },
      { title: this.say("choice.keepShopping"), payload: "BROWSE" },
    ];
  }

  private cartLines(priced: PricedCart): string {
    return priced.items
      .map((l) =>
        this.say("cart.line", {
          quantity: String(l.quantity),
          title: l.title,
          total: this.money(l.lineTotal.amount, l.lineTotal.currency),
        }),
      )
      .join("\n");
  }

  async viewCart(): Promise<ShoppingResult> {
    const cart = this.s.turn.cart.view();
    if (cart.lines.length === 0) {
      return this.emptyCart();
    }
    const priced = this.price(cart.lines, this.ctx.catalogue.byId);
    return {
      reply: {
        text: [
          this.say("cart.title"),
          this.cartLines(priced),
          this.say("cart.total", { total: this.money(priced.total.amount) }),
        ].join("\n"),
        choices: [
          { title: this.say("choice.checkout"), payload: "CHECKOUT" },
          { title: this.say("choice.editCart"), payload: "EDIT" },
          { title: this.say("choice.keepShopping"), payload: "BROWSE" },
        ],
      },
    };
  }

  /** One card per line with +1, −1 and Remove. */
  private async editCart(): Promise<ShoppingResult> {
    const cart = this.s.turn.cart.view();
    if (cart.lines.length === 0) return this.emptyCart();
    const priced = this.price(cart.lines, this.ctx.catalogue.byId);
    return {
      reply: {
        text: this.say("cart.title"),
        cards: priced.items.slice(0, 10).map((l) => {
          const p = this.ctx.catalogue.byId.get(l.productId);
          return {
            productId: "",
            title: l.title,
            subtitle: this.say("cart.line", {
              quantity: String(l.quantity),
              title: "",
              total: this.money(l.lineTotal.amount),
            }).replace(" × : ", " × "),
            ...(p?.imageUrl ? { imageUrl: p.imageUrl } : {}),
            buttons: [
              { title: this.say("choice.plusOne"), payload: `INC:${l.productId}` },
              { title: this.say("choice.minusOne"), payload: `DEC:${l.productId}` },
              { title: this.say("choice.remove"), payload: `DEL:${l.productId}` },
            ],
          };
        }),
        choices: [
          { title: this.say("choice.checkout"), payload: "CHECKOUT" },
          { title: this.say("choice.emptyCart"), payload: "CLEAR" },
        ],
      },
    };
  }

  private async changeLine(productId: string, how: "INC" | "DEC" | "DEL"): Promise<ShoppingResult> {
    const cart = this.s.turn.cart.view();
    const line = cart.lines.find((l) => l.productId === productId);
    const p = this.ctx.catalogue.byId.get(productId);
    const title = p ? this.title(p) : productId;
    if (!line) return { reply: { text: this.say("cart.notInCart", { title }), choices: this.cartChoices() } };
    if (how === "INC") {
      if (!p) return this.changeLine(productId, "DEL");
      return this.add(p, 1);
    }
    // −1 is an atomic decrement: a +1 tapped at the same time is kept
    const after =
      how === "DEL"
        ? this.s.turn.cart.set(productId, 0, this.s.now)
        : this.s.turn.cart.decrement(productId, this.s.now);
    const quantity = after.lines.find((l) => l.productId === productId)?.quantity ?? 0;
    const priced = this.price(after.lines, this.ctx.catalogue.byId);
    const text = [
      quantity === 0
        ? this.say("cart.removed", { title })
        : this.say("cart.updated", { title, quantity: String(quantity) }),
      after.lines.length === 0
        ? this.say("cart.empty")
        : this.say("cart.summary", { count: String(priced.count), total: this.money(priced.total.amount) }),
    ].join("\n");
    return {
      reply: { text, choices: after.lines.length === 0 ? categoryChoices(this.ctx) : this.cartChoices() },
      cartTotal: priced.total.amount,
    };
  }

  private async removeMeant(meaning: ShoppingMeaning): Promise<ShoppingResult> {
    const cart = this.s.turn.cart.view();
    if (cart.lines.length === 0) return this.emptyCart();
    const meant = new Set(resolve(meaning, this.ctx).map((p) => p.id));
    const groups = new Set(resolve(meaning, this.ctx).map((p) => p.groupId ?? p.id));
    const hits = cart.lines.filter((l) => {
      const p = this.ctx.catalogue.byId.get(l.productId);
      return meant.has(l.productId) || (p && groups.has(p.groupId ?? p.id));
    });
    const only =
      hits.length === 1 ? hits[0] : cart.lines.length === 1 && meant.size === 0 ? cart.lines[0] : undefined;
    if (only) return this.changeLine(only.productId, "DEL");
    const candidates = hits.length > 1 ? hits : cart.lines;
    return {
      reply: {
        text: this.say("cart.whichToRemove"),
        choices: candidates.slice(0, 10).map((l) => {
          const p = this.ctx.catalogue.byId.get(l.productId);
          return { title: p ? this.title(p) : l.productId, payload: `DEL:${l.productId}` };
        }),
      },
    };
  }

  private async clear(): Promise<ShoppingResult> {
    this.s.turn.cart.clear(this.s.now);
    return { reply: { text: this.say("cart.cleared"), choices: categoryChoices(this.ctx) }, cartTotal: 0 };
  }

  /**
   * A WhatsApp cart (`order` message): it becomes the chat cart, at our prices. Unknown items and prices that
   * differ from what the platform showed are told to the shopper.
   */
  async fromWhatsAppOrder(items: OrderItem[]): Promise<ShoppingResult> {
    const notes: string[] = [];
    const wanted = new Map<string, number>();
    for (const item of items) {
      const p = this.ctx.catalogue.byId.get(item.retailerId);
      if (!p) {
        notes.push(this.say("cart.unknownItem", { id: item.retailerId }));
        continue;
      }
      if (item.itemPrice !== undefined) {
        const shown = Math.round(item.itemPrice * 10 ** minorDigits(item.currency ?? p.price.currency));
        if (shown !== p.price.amount || (item.currency && item.currency !== p.price.currency)) {
          notes.push(
            this.say("cart.priceDiffers", {
              title: this.title(p),
              price: formatMoney(p.price, this.s.locale),
            }),
          );
        }
      }
      wanted.set(p.id, (wanted.get(p.id) ?? 0) + Math.max(1, Math.floor(item.quantity)));
    }
    this.s.turn.cart.clear(this.s.now);
    let after: Cart | undefined;
    let added = 0;
    for (const [id, quantity] of [...wanted].slice(0, MAX_CART_LINES)) {
      const p = this.ctx.catalogue.byId.get(id) as Product;
      const n = Math.min(quantity, p.stock, MAX_LINE_QUANTITY);
      if (n <= 0) {
        notes.push(
          t(this.s.locale, "stock.out", { title: this.title(p) }, this.s.shop.settings.defaultLocale),
        );
        continue;
      }
      if (n < quantity) notes.push(this.say("cart.onlyLeft", { count: String(n), title: this.title(p) }));
      // one millisecond apart, so the cart lists the lines in the order the shopper put them
      after = this.s.turn.cart.add(id, n, new Date(this.s.now.getTime() + added));
      added += n;
    }
    if (!after) {
      return {
        reply: { text: [...notes, this.say("cart.empty")].join("\n"), choices: categoryChoices(this.ctx) },
      };
    }
    const priced = this.price(after.lines, this.ctx.catalogue.byId);
    const text = [
      this.say("cart.fromOrder", { count: String(added) }),
      ...notes,
      this.cartLines(priced),
      this.say("cart.total", { total: this.money(priced.total.amount) }),
    ].join("\n");
    return {
      reply: {
        text,
        choices: [
          { title: this.say("choice.checkout"), payload: "CHECKOUT" },
          { title: this.say("choice.editCart"), payload: "EDIT" },
        ],
      },
      cartTotal: priced.total.amount,
    };
  }

  // ---- checkout ----

  private profile(): ShopperProfile {
    return this.s.conversation.profile ?? {};
  }

  /** Starts or resumes the checkout: fresh prices and stock, then the first thing still missing. */
  async checkout(): Promise<ShoppingResult> {
    const cart = this.s.turn.cart.view();
    if (cart.lines.length === 0) return this.emptyCart();
    if (!cart.checkout) this.count("checkouts");
    const state: CheckoutState = cart.checkout ?? { step: "name", startedAt: this.s.now.toISOString() };
    const profile = this.profile();
    const conv = this.s.conversation;
    state.name ??= profile.name ?? conv.name;
    if (conv.channel === "whatsapp") state.phone ??= `+${conv.userId}`;
    else state.phone ??= profile.phone;
    return this.next(cart, state);
  }

  /** Asks for the next missing detail, or shows the summary. */
  private async next(cart: Cart, state: CheckoutState, prefix?: string): Promise<ShoppingResult> {
    const ask = async (step: CheckoutState["step"], reply: Reply): Promise<ShoppingResult> => {
      state.step = step;
      this.s.turn.cart.setCheckout(state);
      return {
        reply: prefix ? { ...reply, text: `${prefix}\n${reply.text}` } : reply,
        awaiting: { kind: "checkout", step },
      };
    };
    const stop: Choice = { title: this.say("choice.cancel"), payload: "STOPCHECKOUT" };
    if (!state.name) return ask("name", { text: this.say("checkout.askName"), choices: [stop] });
    if (!state.phone) {
      return ask("phone", {
        text: this.say("checkout.askPhone"),
        // Messenger offers the phone number of the shopper's profile as a quick reply
        choices: [{ title: "", payload: "PHONE", quickReply: "user_phone_number" }, stop],
      });
    }
    if (!state.address) {
      const last = this.profile().address;
      if (last?.text) {
        return ask("address", {
          text: this.say("checkout.lastAddress", { address: last.text }),
          choices: [
            { title: this.say("choice.sameAddress"), payload: "ADDR:LAST" },
            { title: this.say("choice.newAddress"), payload: "ADDR:NEW" },
            stop,
          ],
        });
      }
      return ask("address", { text: this.say("checkout.askAddress"), choices: [stop] });
    }
    const providers = paymentProvidersFor(this.s.shop.settings.paymentMethods);
    if (!state.payment || !paymentProvider(state.payment)) {
      if (providers.length === 1) state.payment = (providers[0] as PaymentProvider).method;
      else {
        return ask("payment", {
          text: this.say("checkout.askPayment"),
          choices: [
            ...providers
              .slice(0, 9)
              .map((p) => ({ title: p.label(this.s.locale), payload: `PAY:${p.method}` })),
            stop,
          ],
        });
      }
    }
    return this.summary(cart, state, prefix);
  }

  /** Fresh prices and stock; lines that cannot be bought are fixed in the cart first, and said. */
  private async summary(cart: Cart, state: CheckoutState, prefix?: string): Promise<ShoppingResult> {
    const fresh = await getProductsFresh(
      this.s.db,
      this.scope.shopId,
      cart.lines.map((l) => l.productId),
    );
    let priced = this.price(cart.lines, fresh);
    let current = cart;
    const notes: string[] = prefix ? [prefix] : [];
    if (priced.problems.length > 0) {
      notes.push(this.say("checkout.changed"), ...priced.problems.map((p) => this.problemText(p)));
      current = await this.fixCart(cart, priced.problems);
      if (current.lines.length === 0) {
        this.s.turn.cart.setCheckout(undefined);
        return {
          reply: {
            text: [...notes, this.say("checkout.nothingLeft")].join("\n"),
            choices: categoryChoices(this.ctx),
          },
        };
      }
      priced = this.price(current.lines, fresh);
    }
    state.step = "confirm";
    state.rev = current.rev;
    // the prices the shopper is shown: the order is placed at these or not at all
    state.prices = Object.fromEntries(priced.items.map((l) => [l.productId, l.unitPrice.amount]));
    this.s.turn.cart.setCheckout(state);
    const provider = paymentProvider(state.payment ?? "");
    const text = [
      ...notes,
      this.say("checkout.summary"),
      this.cartLines(priced),
      this.say("cart.total", { total: this.money(priced.total.amount) }),
      this.say("checkout.deliverTo", {
        name: state.name ?? "",
        phone: state.phone ?? "",
        address: addressText(state.address),
      }),
      this.say("checkout.payWith", { method: provider?.label(this.s.locale) ?? state.payment ?? "" }),
    ].join("\n");
    return {
      reply: {
        text,
        choices: [
          { title: this.say("choice.confirm"), payload: `CONFIRM:${current.rev}` },
          { title: this.say("choice.editCart"), payload: "EDIT" },
          { title: this.say("choice.cancel"), payload: "STOPCHECKOUT" },
        ],
      },
      awaiting: { kind: "checkout", step: "confirm" },
      cartTotal: priced.total.amount,
    };
  }

  private problemText(p: CartProblem | (LineProblem & { title?: string }), price?: string): string {
    const title = p.title ?? this.titleOf(p.productId);
    switch (p.reason) {
      case "short":
        return `• ${this.say("checkout.short", { title, count: String(p.available ?? 0) })}`;
      case "out_of_stock":
        return `• ${this.say("checkout.soldOut", { title })}`;
      case "price_changed":
        return `• ${this.say("checkout.priceChanged", { title, price: price ?? "" })}`;
      default:
        return `• ${this.say("checkout.gone", { title })}`;
    }
  }

  private titleOf(productId: string): string {
    const p = this.ctx.catalogue.byId.get(productId);
    return p ? this.title(p) : productId;
  }

  /** Removes what cannot be bought and lowers what is short; the cart after. */
  private async fixCart(
    cart: Cart,
    problems: Array<{ productId: string; reason: string; available?: number }>,
  ): Promise<Cart> {
    let current = cart;
    for (const p of problems) {
      if (p.reason === "price_changed") continue;
      const quantity = p.reason === "short" ? (p.available ?? 0) : 0;
      current = this.s.turn.cart.set(p.productId, quantity, this.s.now);
    }
    return current;
  }

  /** The shopper answered the open checkout question (typed text, a location, a button). */
  async checkoutAnswer(answer: {
    text?: string;
    location?: { latitude: number; longitude: number; name?: string; address?: string };
    useLastAddress?: boolean;
    newAddress?: boolean;
    payment?: string;
  }): Promise<ShoppingResult> {
    const cart = this.s.turn.cart.view();
    if (cart.lines.length === 0) return this.emptyCart();
    const state: CheckoutState = cart.checkout ?? { step: "name", startedAt: this.s.now.toISOString() };
    const text = answer.text?.trim() ?? "";
    const again = (key: MessageKey): ShoppingResult => ({
      reply: {
        text: this.say(key),
        choices: [{ title: this.say("choice.cancel"), payload: "STOPCHECKOUT" }],
      },
      awaiting: { kind: "checkout", step: state.step },
    });
    if (answer.payment !== undefined) {
      if (!paymentProvider(answer.payment) || !this.s.shop.settings.paymentMethods.includes(answer.payment)) {
        return this.next(cart, { ...state, payment: undefined });
      }
      state.payment = answer.payment;
    } else if (answer.useLastAddress) {
      const last = this.profile().address;
      if (last) state.address = last;
    } else if (answer.newAddress) {
      return this.askOnly(state, "address", this.say("checkout.askAddress"));
    } else if (answer.location) {
      const { latitude, longitude, name, address } = answer.location;
      state.address = {
        text: [name, address].filter(Boolean).join(", ") || `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`,
        latitude,
        longitude,
      };
    } else {
      switch (state.step) {
        case "name":
          if (text.length < 2 || text.length > NAME_MAX || /^\d+$/.test(text))
            return again("checkout.badName");
          state.name = text;
          break;
        case "phone":
          if (!isPhone(text)) return again("checkout.badPhone");
          state.phone = normalizePhone(text);
          break;
        case "address":
          if (text.length < ADDRESS_MIN || text.length > ADDRESS_MAX) return again("checkout.badAddress");
          state.address = { text };
          break;
        default:
          return this.next(cart, state);
      }
    }
    return this.next(cart, state);
  }

  private async askOnly(
    state: CheckoutState,
    step: CheckoutState["step"],
    text: string,
  ): Promise<ShoppingResult> {
    state.step = step;
    state.address = undefined;
    this.s.turn.cart.setCheckout(state);
    return {
      reply: { text, choices: [{ title: this.say("choice.cancel"), payload: "STOPCHECKOUT" }] },
      awaiting: { kind: "checkout", step },
    };
  }

  async stopCheckout(): Promise<ShoppingResult> {
    this.s.turn.cart.setCheckout(undefined);
    return { reply: { text: this.say("checkout.stopped"), choices: this.cartChoices() } };
  }

  /** "yes" to the summary: the revision it showed. */
  async confirmShown(): Promise<ShoppingResult> {
    const cart = this.s.turn.cart.view();
    return this.confirm(cart.checkout?.rev ?? cart.rev);
  }

  /** The shopper confirmed the summary of cart revision `rev`: place the order (once). */
  async confirm(rev: number): Promise<ShoppingResult> {
    const { db } = this.s;
    const cart = this.s.turn.cart.view();
    const state = cart.checkout;
    if (
      !Number.isInteger(rev) ||
      !state ||
      state.step !== "confirm" ||
      state.rev !== rev ||
      cart.rev !== rev
    ) {
      const placed = Number.isInteger(rev)
        ? await findPlaced(db, this.scope.shopId, this.scope.conversationId, rev)
        : undefined;
      if (placed)
        return {
          reply: {
            text: this.say("order.already", { id: placed }),
            choices: [{ title: this.say("choice.orders"), payload: "ORDERS" }],
          },
        };
      if (cart.lines.length === 0) return this.emptyCart();
      if (!state) return this.checkout();
      return this.next(cart, state, this.say("checkout.cartChanged"));
    }
    const fresh = await getProductsFresh(
      db,
      this.scope.shopId,
      cart.lines.map((l) => l.productId),
    );
    const priced = this.price(cart.lines, fresh);
    if (priced.problems.length > 0) return this.summary(cart, state);
    const repriced = priced.items.filter((l) => {
      const shown = state.prices?.[l.productId];
      return shown !== undefined && shown !== l.unitPrice.amount;
    });
    if (repriced.length > 0) {
      const notes = [
        this.say("checkout.changed"),
        ...repriced.map((l) =>
          this.problemText(
            { productId: l.productId, title: l.title, reason: "price_changed" },
            this.money(l.unitPrice.amount, l.unitPrice.currency),
          ),
        ),
      ];
      return this.summary(cart, state, notes.join("\n"));
    }
    const method = state.payment ?? "cod";
    const provider = paymentProvider(method);
    const conv = this.s.conversation;
    const result = await placeOrder(
      db,
      {
        shopId: this.scope.shopId,
        conversationId: this.scope.conversationId,
        channel: conv.channel,
        userId: conv.userId,
        locale: this.s.locale,
        items: priced.items,
        total: priced.total,
        customer: { name: state.name, phone: state.phone, address: state.address },
        payment: { method, status: provider?.initialStatus ?? "due" },
        cartRev: rev,
      },
      cart,
      this.s.now,
    );
    switch (result.kind) {
      case "already":
        return { reply: { text: this.say("order.already", { id: result.orderId }) } };
      case "cart_changed":
        // another turn of this shopper changed the cart since this one read it: run again on the fresh cart
        throw new TurnConflict("the cart changed while confirming");
      case "unavailable": {
        const priceOf = (id: string) => {
          const p = fresh.get(id);
          return p ? formatMoney(p.price, this.s.locale) : "";
        };
        const notes = [
          this.say("checkout.changed"),
          ...result.problems.map((p) => this.problemText(p, priceOf(p.productId))),
        ];
        const fixed = await this.fixCart(cart, result.problems);
        if (fixed.lines.length === 0) {
          this.s.turn.cart.setCheckout(undefined);
          return {
            reply: {
              text: [...notes, this.say("checkout.nothingLeft")].join("\n"),
              choices: categoryChoices(this.ctx),
            },
          };
        }
        return this.summary(fixed, state, [...notes, this.say("checkout.rest")].join("\n"));
      }
      case "placed":
        this.s.turn.cart.ordered();
        this.s.turn.irrevocable = true;
        return this.placed(result.order, provider);
    }
  }

  private async placed(order: Order, provider: PaymentProvider | undefined): Promise<ShoppingResult> {
    log.info("order.placed", {
      shopId: order.shopId,
      orderId: order.orderId,
      conversation: maskId(order.conversationId),
      total: order.total.amount,
      lines: order.items.length,
    });
    this.count("orders", { revenue: order.total.amount });
    const groups = order.items.map((l) => {
      const p = this.ctx.catalogue.byId.get(l.productId);
      return p?.groupId ?? l.productId;
    });
    this.s.turn.basket = groups;
    const { customer } = order;
    this.s.turn.set({ profile: { name: customer.name, phone: customer.phone, address: customer.address } });
    let link = "";
    if (provider && provider.method !== "cod") {
      const started = await provider.start(order).catch((e) => {
        log.error("payment.start_failed", { orderId: order.orderId, error: e });
        return undefined;
      });
      if (started?.url) link = `\n${started.url}`;
    }
    return {
      reply: {
        text:
          this.say("order.placed", {
            id: order.orderId,
            total: this.money(order.total.amount, order.total.currency),
            method: provider?.label(this.s.locale) ?? order.payment.method,
          }) + link,
        choices: [
          { title: this.say("choice.orders"), payload: "ORDERS" },
          { title: this.say("choice.keepShopping"), payload: "BROWSE" },
        ],
      },
      cartTotal: 0,
    };
  }

  // ---- orders ----

  /** The order named (only the shopper's own), or the latest ones. */
  async orderStatus(orderId?: string): Promise<ShoppingResult> {
    const mine = await ordersOfConversation(this.s.db, this.scope.shopId, this.scope.conversationId);
    const id = orderId ? (normalizeOrderId(orderId) ?? orderId) : undefined;
    if (id) {
      const order = mine.find((o) => o.orderId === id);
      if (!order) return { reply: { text: this.say("order.notFound", { id }) } };
      return { reply: this.describe([order]) };
    }
    if (mine.length === 0)
      return { reply: { text: this.say("order.none"), choices: categoryChoices(this.ctx) } };
    return { reply: this.describe(mine.slice(0, 3)) };
  }

  private describe(orders: Order[]): Reply {
    const [latest] = orders;
    const parts = orders.map((o, i) => {
      const head = this.say("order.status", {
        id: o.orderId,
        status: this.say(`status.${o.status}` as MessageKey),
      });
      if (i > 0) return head;
      const lines = o.items.map((l) =>
        this.say("cart.line", {
          quantity: String(l.quantity),
          title: l.title,
          total: this.money(l.lineTotal.amount, l.lineTotal.currency),
        }),
      );
      return [
        head,
        ...lines,
        this.say("cart.total", { total: this.money(o.total.amount, o.total.currency) }),
      ].join("\n");
    });
    const choices: Choice[] =
      latest && latest.status === "pending"
        ? [{ title: this.say("choice.cancel"), payload: `CANCEL:${latest.orderId}` }]
        : [];
    return { text: parts.join("\n\n"), ...(choices.length > 0 ? { choices } : {}) };
  }

  async askCancel(orderId?: string): Promise<ShoppingResult> {
    const mine = await ordersOfConversation(this.s.db, this.scope.shopId, this.scope.conversationId);
    const id = orderId ? (normalizeOrderId(orderId) ?? orderId) : undefined;
    const order = id
      ? mine.find((o) => o.orderId === id)
      : (mine.find((o) => o.status === "pending") ?? mine[0]);
    if (!order) {
      return { reply: { text: id ? this.say("order.notFound", { id }) : this.say("order.none") } };
    }
    if (order.status !== "pending") return { reply: this.cannotCancel(order) };
    return {
      reply: {
        text: this.say("order.cancelAsk", { id: order.orderId }),
        choices: [
          { title: this.say("choice.yesCancel"), payload: `CANCELYES:${order.orderId}` },
          { title: this.say("choice.keepOrder"), payload: `CANCELNO:${order.orderId}` },
        ],
      },
      awaiting: { kind: "cancel", orderId: order.orderId },
    };
  }

  private cannotCancel(order: Order): Reply {
    return {
      text: this.say("order.cannotCancel", {
        id: order.orderId,
        status: this.say(`status.${order.status}` as MessageKey),
      }),
      choices: [{ title: this.say("choice.human"), payload: "HUMAN" }],
    };
  }

  /** Cancels the shopper's own pending order; the stock goes back. */
  async cancel(orderId: string): Promise<ShoppingResult> {
    const order = await getOrder(this.s.db, this.scope.shopId, orderId);
    if (!order || order.conversationId !== this.scope.conversationId) {
      return { reply: { text: this.say("order.notFound", { id: orderId }) } };
    }
    if (order.status === "cancelled")
      return { reply: { text: this.say("order.cancelled", { id: orderId }) } };
    if (order.status !== "pending") return { reply: this.cannotCancel(order) };
    try {
      // only while still pending: a merchant's confirmation that came in between wins
      await changeOrderStatus(
        this.s.db,
        this.scope.shopId,
        orderId,
        "cancelled",
        { at: this.s.now.toISOString(), by: "shopper" },
        { from: ["pending"] },
      );
    } catch (e) {
      if (e instanceof AppError && (e.code === "order.invalid_transition" || e.code === "order.conflict")) {
        const now = await getOrder(this.s.db, this.scope.shopId, orderId);
        return {
          reply: now ? this.cannotCancel(now) : { text: this.say("order.notFound", { id: orderId }) },
        };
      }
      throw e;
    }
    log.info("order.cancelled", { shopId: order.shopId, orderId, by: "shopper" });
    return {
      reply: {
        text: this.say("order.cancelled", { id: orderId }),
        choices: [{ title: this.say("choice.keepShopping"), payload: "BROWSE" }],
      },
    };
  }
}

export function addressText(address: Address | undefined): string {
  if (!address) return "";
  if (address.text) return address.text;
  if (address.latitude !== undefined && address.longitude !== undefined) {
    return `${address.latitude.toFixed(5)}, ${address.longitude.toFixed(5)}`;
  }
  return "";
}
