/**
 * The checkout skill: asks only for what it does not know (WhatsApp gives the phone and the profile name; a
 * returning shopper is offered the last address), shows a summary at fresh prices and stock, and places the
 * order when the shopper confirms that summary (once: a repeated confirmation finds the order).
 *
 * While a checkout question is open, what the shopper types is the answer unless they clearly asked something
 * else (then the checkout waits on the cart until "checkout" again); "no" stops it.
 */

import type { CartProblem } from "../cart/pricing";
import { formatMoney } from "../content/format";
import { categoryChoices, type Reply } from "../content/replies";
import type { MessageKey } from "../i18n";
import { log, maskId } from "../log";
import type { Cart, CheckoutState } from "../model/cart";
import type { LineProblem } from "../model/order";
import { readYesNo } from "../nlu";
import { type PaymentProvider, paymentProvider, paymentProvidersFor } from "../orders/payments";
import type { Order } from "../orders/types";
import { formatPayload, type Payload } from "../turn/payloads";
import {
  type Answer,
  type Awaiting,
  replyContext,
  type Skill,
  type SkillContext,
  type SkillResult,
} from "../turn/skill";
import { TurnConflict } from "../turn/turn";
import {
  addressText,
  cartChoices,
  cartLines,
  emptyCart,
  money,
  price,
  say,
  stopChoice,
  titleOf,
} from "./kit";
import { STRONG_OTHER } from "./strongOther";

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

const profileOf = (c: SkillContext) => c.turn.conversation.profile ?? {};

/** Starts or resumes the checkout: fresh prices and stock, then the first thing still missing. */
export async function checkout(c: SkillContext): Promise<SkillResult> {
  const cart = c.turn.cart.view();
  if (cart.lines.length === 0) return emptyCart(c);
  if (!cart.checkout) c.turn.count("checkouts");
  const state: CheckoutState = cart.checkout ?? { step: "name", startedAt: c.now.toISOString() };
  const conv = c.turn.conversation;
  state.name ??= profileOf(c).name ?? conv.name;
  // WhatsApp gives the number, unless the shopper uses a username (then it is asked, or taken from the profile)
  const waPhone =
    conv.channel === "whatsapp"
      ? (conv.phone ?? (/^\d{6,15}$/.test(conv.userId) ? conv.userId : undefined))
      : undefined;
  state.phone ??= waPhone ? `+${waPhone}` : profileOf(c).phone;
  return next(cart, state, c);
}

/** Asks for the next missing detail, or shows the summary. */
async function next(
  cart: Cart,
  state: CheckoutState,
  c: SkillContext,
  prefix?: string,
): Promise<SkillResult> {
  const ask = (step: CheckoutState["step"], reply: Reply): SkillResult => {
    state.step = step;
    c.turn.cart.setCheckout(state);
    return {
      reply: prefix ? { ...reply, text: `${prefix}\n${reply.text}` } : reply,
      awaiting: { kind: "checkout", step },
    };
  };
  const stop = stopChoice(c);
  if (!state.name) return ask("name", { text: say(c, "checkout.askName"), choices: [stop] });
  if (!state.phone) {
    return ask("phone", {
      text: say(c, "checkout.askPhone"),
      // Messenger offers the phone number of the shopper's profile as a quick reply
      choices: [
        { title: "", payload: formatPayload({ kind: "phone" }), quickReply: "user_phone_number" },
        stop,
      ],
    });
  }
  if (!state.address) {
    const last = profileOf(c).address;
    if (last?.text) {
      return ask("address", {
        text: say(c, "checkout.lastAddress", { address: last.text }),
        choices: [
          { title: say(c, "choice.sameAddress"), payload: formatPayload({ kind: "lastAddress" }) },
          { title: say(c, "choice.newAddress"), payload: formatPayload({ kind: "newAddress" }) },
          stop,
        ],
      });
    }
    return ask("address", { text: say(c, "checkout.askAddress"), choices: [stop] });
  }
  const providers = paymentProvidersFor(c.shop.settings.paymentMethods);
  if (!state.payment || !paymentProvider(state.payment)) {
    if (providers.length === 1) state.payment = (providers[0] as PaymentProvider).method;
    else {
      return ask("payment", {
        text: say(c, "checkout.askPayment"),
        choices: [
          ...providers.slice(0, 9).map((p) => ({
            title: p.label(c.locale),
            payload: formatPayload({ kind: "pay", method: p.method }),
          })),
          stop,
        ],
      });
    }
  }
  return summary(cart, state, c, prefix);
}

/** Removes what cannot be bought and lowers what is short; the cart after. */
function fixCart(
  cart: Cart,
  problems: Array<{ productId: string; reason: string; available?: number }>,
  c: SkillContext,
): Cart {
  let current = cart;
  for (const p of problems) {
    if (p.reason === "price_changed") continue;
    current = c.turn.cart.set(p.productId, p.reason === "short" ? (p.available ?? 0) : 0, c.now);
  }
  return current;
}

function nothingLeft(notes: string[], c: SkillContext): SkillResult {
  c.turn.cart.setCheckout(undefined);
  return {
    reply: {
      text: [...notes, say(c, "checkout.nothingLeft")].join("\n"),
      choices: categoryChoices(replyContext(c)),
    },
  };
}

/** Fresh prices and stock; lines that cannot be bought are fixed in the cart first, and said. */
async function summary(
  cart: Cart,
  state: CheckoutState,
  c: SkillContext,
  prefix?: string,
): Promise<SkillResult> {
  const fresh = await c.ports.freshProducts(cart.lines.map((l) => l.productId));
  let priced = price(c, cart.lines, fresh);
  let current = cart;
  const notes: string[] = prefix ? [prefix] : [];
  if (priced.problems.length > 0) {
    notes.push(say(c, "checkout.changed"), ...priced.problems.map((p) => problemText(p, c)));
    current = fixCart(cart, priced.problems, c);
    if (current.lines.length === 0) return nothingLeft(notes, c);
    priced = price(c, current.lines, fresh);
  }
  state.step = "confirm";
  state.rev = current.rev;
  // the prices the shopper is shown: the order is placed at these or not at all
  state.prices = Object.fromEntries(priced.items.map((l) => [l.productId, l.unitPrice.amount]));
  c.turn.cart.setCheckout(state);
  const provider = paymentProvider(state.payment ?? "");
  const text = [
    ...notes,
    say(c, "checkout.summary"),
    cartLines(c, priced),
    say(c, "cart.total", { total: money(c, priced.total.amount) }),
    say(c, "checkout.deliverTo", {
      name: state.name ?? "",
      phone: state.phone ?? "",
      address: addressText(state.address),
    }),
    say(c, "checkout.payWith", { method: provider?.label(c.locale) ?? state.payment ?? "" }),
  ].join("\n");
  return {
    reply: {
      text,
      choices: [
        { title: say(c, "choice.confirm"), payload: formatPayload({ kind: "confirm", rev: current.rev }) },
        { title: say(c, "choice.editCart"), payload: formatPayload({ kind: "editCart" }) },
        stopChoice(c),
      ],
    },
    awaiting: { kind: "checkout", step: "confirm" },
    cartTotal: priced.total.amount,
  };
}

function problemText(
  p: CartProblem | (LineProblem & { title?: string }),
  c: SkillContext,
  price?: string,
): string {
  const title = p.title ?? titleOf(c, p.productId);
  switch (p.reason) {
    case "short":
      return `• ${say(c, "checkout.short", { title, count: String(p.available ?? 0) })}`;
    case "out_of_stock":
      return `• ${say(c, "checkout.soldOut", { title })}`;
    case "price_changed":
      return `• ${say(c, "checkout.priceChanged", { title, price: price ?? "" })}`;
    default:
      return `• ${say(c, "checkout.gone", { title })}`;
  }
}

type Given = Answer & { useLastAddress?: boolean; newAddress?: boolean; payment?: string };

/** The shopper answered the open checkout question (typed text, a location, a button). */
export async function checkoutAnswer(answer: Given, c: SkillContext): Promise<SkillResult> {
  const cart = c.turn.cart.view();
  if (cart.lines.length === 0) return emptyCart(c);
  const state: CheckoutState = cart.checkout ?? { step: "name", startedAt: c.now.toISOString() };
  const text = answer.text?.trim() ?? "";
  const again = (key: MessageKey): SkillResult => ({
    reply: { text: say(c, key), choices: [stopChoice(c)] },
    awaiting: { kind: "checkout", step: state.step },
  });
  if (answer.payment !== undefined) {
    if (!paymentProvider(answer.payment) || !c.shop.settings.paymentMethods.includes(answer.payment)) {
      return next(cart, { ...state, payment: undefined }, c);
    }
    state.payment = answer.payment;
  } else if (answer.useLastAddress) {
    const last = profileOf(c).address;
    if (last) state.address = last;
  } else if (answer.newAddress) {
    state.step = "address";
    state.address = undefined;
    c.turn.cart.setCheckout(state);
    return {
      reply: { text: say(c, "checkout.askAddress"), choices: [stopChoice(c)] },
      awaiting: { kind: "checkout", step: "address" },
    };
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
        if (text.length < 2 || text.length > NAME_MAX || /^\d+$/.test(text)) return again("checkout.badName");
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
        return next(cart, state, c);
    }
  }
  return next(cart, state, c);
}

export function stopCheckout(c: SkillContext): SkillResult {
  c.turn.cart.setCheckout(undefined);
  return { reply: { text: say(c, "checkout.stopped"), choices: cartChoices(c) } };
}

/** The shopper confirmed the summary of cart revision `rev`: place the order (once). */
export async function confirm(rev: number, c: SkillContext): Promise<SkillResult> {
  const cart = c.turn.cart.view();
  const state = cart.checkout;
  if (state?.step !== "confirm" || state.rev !== rev || cart.rev !== rev) {
    const placed = await c.ports.findPlaced(rev);
    if (placed)
      return {
        reply: {
          text: say(c, "order.already", { id: placed }),
          choices: [{ title: say(c, "choice.orders"), payload: formatPayload({ kind: "orders" }) }],
        },
      };
    if (cart.lines.length === 0) return emptyCart(c);
    if (!state) return checkout(c);
    return next(cart, state, c, say(c, "checkout.cartChanged"));
  }
  const fresh = await c.ports.freshProducts(cart.lines.map((l) => l.productId));
  const priced = price(c, cart.lines, fresh);
  if (priced.problems.length > 0) return summary(cart, state, c);
  const repriced = priced.items.filter((l) => {
    const shown = state.prices?.[l.productId];
    return shown !== undefined && shown !== l.unitPrice.amount;
  });
  if (repriced.length > 0) {
    const notes = [
      say(c, "checkout.changed"),
      ...repriced.map((l) =>
        problemText(
          { productId: l.productId, title: l.title, reason: "price_changed" },
          c,
          money(c, l.unitPrice.amount, l.unitPrice.currency),
        ),
      ),
    ];
    return summary(cart, state, c, notes.join("\n"));
  }
  const method = state.payment ?? "cod";
  const provider = paymentProvider(method);
  const conv = c.turn.conversation;
  const result = await c.ports.placeOrder(
    {
      shopId: conv.shopId,
      conversationId: conv.conversationId,
      channel: conv.channel,
      userId: conv.userId,
      locale: c.locale,
      items: priced.items,
      total: priced.total,
      customer: { name: state.name, phone: state.phone, address: state.address },
      payment: { method, status: provider?.initialStatus ?? "due" },
      cartRev: rev,
    },
    cart,
    c.now,
  );
  switch (result.kind) {
    case "already":
      return { reply: { text: say(c, "order.already", { id: result.orderId }) } };
    case "cart_changed":
      // another turn of this shopper changed the cart since this one read it: run again on the fresh cart
      throw new TurnConflict("the cart changed while confirming");
    case "unavailable": {
      const priceOf = (id: string) => {
        const p = fresh.get(id);
        return p ? formatMoney(p.price, c.locale) : "";
      };
      const notes = [
        say(c, "checkout.changed"),
        ...result.problems.map((p) => problemText(p, c, priceOf(p.productId))),
      ];
      const fixed = fixCart(cart, result.problems, c);
      if (fixed.lines.length === 0) return nothingLeft(notes, c);
      return summary(fixed, state, c, [...notes, say(c, "checkout.rest")].join("\n"));
    }
    case "placed":
      c.turn.cart.ordered();
      c.turn.irrevocable = true;
      return placed(result.order, provider, c);
  }
}

async function placed(
  order: Order,
  provider: PaymentProvider | undefined,
  c: SkillContext,
): Promise<SkillResult> {
  log.info("order.placed", {
    shopId: order.shopId,
    orderId: order.orderId,
    conversation: maskId(order.conversationId),
    total: order.total.amount,
    lines: order.items.length,
  });
  c.turn.count("orders", { revenue: order.total.amount });
  c.turn.basket = order.items.map((l) => c.shop.catalogue.byId.get(l.productId)?.groupId ?? l.productId);
  const { customer } = order;
  c.turn.set({ profile: { name: customer.name, phone: customer.phone, address: customer.address } });
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
        say(c, "order.placed", {
          id: order.orderId,
          total: money(c, order.total.amount, order.total.currency),
          method: provider?.label(c.locale) ?? order.payment.method,
        }) + link,
      choices: [
        { title: say(c, "choice.orders"), payload: formatPayload({ kind: "orders" }) },
        { title: say(c, "choice.keepShopping"), payload: formatPayload({ kind: "browse" }) },
      ],
    },
    cartTotal: 0,
  };
}

async function onAnswer(
  answer: Answer,
  awaiting: Awaiting,
  c: SkillContext,
): Promise<SkillResult | undefined> {
  if (awaiting.kind !== "checkout") return undefined;
  if (answer.location) return checkoutAnswer({ location: answer.location }, c);
  const text = answer.text ?? "";
  const meaning = answer.meaning;
  const yesNo = readYesNo(text, meaning?.locale ?? c.locale);
  if (awaiting.step === "confirm") {
    if (yesNo === "yes") {
      const cart = c.turn.cart.view();
      return confirm(cart.checkout?.rev ?? cart.rev, c);
    }
    if (yesNo === "no") return stopCheckout(c);
    // another clear request is answered (the router keeps the checkout open); anything else (an address
    // typed again, a word the bot did not get) shows the summary again instead of losing the checkout
    if (meaning && STRONG_OTHER.has(meaning.intent) && meaning.confidence >= 0.75) return undefined;
    const again = await checkout(c);
    return { ...again, reply: { ...again.reply, text: `${say(c, "checkout.reask")}\n${again.reply.text}` } };
  }
  if (yesNo === "no" || meaning?.intent === "cancel_order") return stopCheckout(c);
  // a phone-number quick reply (Messenger) carries the number as its payload, read as text here
  if (!meaning) return awaiting.step === "phone" && isPhone(text) ? checkoutAnswer({ text }, c) : undefined;
  const other = STRONG_OTHER.has(meaning.intent) && meaning.confidence >= 0.75;
  if (other && !(awaiting.step === "phone" && /\d{6}/.test(text))) return undefined;
  return checkoutAnswer({ text }, c);
}

export const checkoutSkill: Skill = {
  name: "checkout",
  payloads: ["checkout", "lastAddress", "newAddress", "pay", "confirm", "stopCheckout"],
  intents: ["checkout"],
  awaits: ["checkout"],
  async onPayload(p: Payload, c) {
    switch (p.kind) {
      case "checkout":
        return checkout(c);
      case "lastAddress":
        return checkoutAnswer({ useLastAddress: true }, c);
      case "newAddress":
        return checkoutAnswer({ newAddress: true }, c);
      case "pay":
        return checkoutAnswer({ payment: p.method }, c);
      case "confirm":
        return confirm(p.rev, c);
      case "stopCheckout":
        return stopCheckout(c);
      default:
        return undefined;
    }
  },
  onIntent: async (meaning, c) => (meaning.intent === "checkout" ? checkout(c) : undefined),
  onAnswer,
};
