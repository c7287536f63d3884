/**
 * The cart skill: add (by a card's button, by name, by "add it" after cards, by choosing colour and size),
 * view, edit (+1 / −1 / Remove), remove by name, empty, and a WhatsApp cart that becomes the chat cart.
 *
 * Decisions: prices and stock come from our catalogue, never from a payload; a shopper asking for more than is
 * left gets what is left and is told; a WhatsApp cart replaces the chat cart (it is the shopper's whole basket).
 */
import type { Product } from "../catalog/types";
import type { OrderItem } from "../channels/types";
import { attributeLabel, formatMoney, minorDigits } from "../content/format";
import { type Choice, card, categoryChoices, inStock, onePerGroup, resolve } from "../content/replies";
import { AppError } from "../errors";
import { log } from "../log";
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from "../model/cart";
import type { Understanding } from "../nlu";
import { readYesNo } from "../nlu";
import { formatPayload, type Payload } from "../turn/payloads";
import { replyContext, type Skill, type SkillContext, type SkillResult } from "../turn/skill";
import { cartChoices, cartLines, cartSummary, emptyCart, money, price, say, title, titleOf } from "./kit";

const ctxOf = replyContext;

async function addMeant(meaning: Understanding, c: SkillContext): Promise<SkillResult> {
  const quantity = Math.min(Math.max(meaning.quantity ?? 1, 1), MAX_LINE_QUANTITY);
  // "actually make it 2" about an item in the cart: that line becomes 2
  if (meaning.setQuantity) {
    const ids = new Set([meaning.product?.productId, ...(meaning.product?.candidates ?? [])]);
    const line = c.turn.cart.view().lines.find((l) => ids.has(l.productId));
    if (line) {
      const p = c.shop.catalogue.byId.get(line.productId);
      const n = Math.min(quantity, p?.stock ?? quantity);
      const after = c.turn.cart.set(line.productId, n, c.now);
      const priced = price(c, after.lines);
      return {
        reply: {
          text: [
            say(c, "cart.updated", { title: titleOf(c, line.productId), quantity: String(n) }),
            cartSummary(c, priced.count, money(c, priced.total.amount)),
          ].join("\n"),
          choices: cartChoices(c),
        },
        cartTotal: priced.total.amount,
      };
    }
  }
  let products = resolve(meaning, ctxOf(c));
  // "add it", "add 2 of these": what the last reply showed
  if (products.length === 0 && c.lastShown.length > 0) {
    products = c.lastShown.map((id) => c.shop.catalogue.byId.get(id)).filter((p): p is Product => Boolean(p));
  }
  if (products.length === 0) {
    return { reply: { text: say(c, "cart.whichProduct"), choices: categoryChoices(ctxOf(c)) } };
  }
  const groups = new Set(products.map((p) => p.groupId ?? p.id));
  const first = products[0] as Product;
  // weaker evidence than an explicit request (rules/evidence.ts): ask before adding
  const confirmFirst = meaning.confirm === true;
  if (products.length === 1) return confirmFirst ? askAdd(first, quantity, c) : add(first, quantity, c);
  if (groups.size === 1) {
    const picked = await pick(first.groupId ?? first.id, quantity, meaning.attributes ?? {}, c, confirmFirst);
    if (picked) return picked;
  }
  const shown = onePerGroup(products).slice(0, 10);
  return {
    reply: { text: say(c, "cart.whichProduct"), cards: shown.map((p) => card(p, ctxOf(c))) },
    shown: shown.map((p) => p.id),
  };
}

/** A variant of `group` with the colour and size chosen so far: add it, or ask for what still differs. */
async function pick(
  group: string,
  quantity: number,
  chosen: { color?: string; size?: string },
  c: SkillContext,
  confirmFirst = false,
): Promise<SkillResult | undefined> {
  const act = (p: Product) => (confirmFirst ? askAdd(p, quantity, c) : add(p, quantity, c));
  const variants = c.shop.catalogue.byGroup.get(group);
  if (!variants) return undefined;
  const fits = (p: Product) =>
    (!chosen.color || p.attributes.color?.toLowerCase() === chosen.color.toLowerCase()) &&
    (!chosen.size || p.attributes.size?.toLowerCase() === chosen.size.toLowerCase());
  const matching = variants.filter(fits);
  const available = matching.filter(inStock);
  if (matching.length === 1 || available.length === 1) return act((available[0] ?? matching[0]) as Product);
  if (available.length === 0) {
    const p = (matching[0] ?? variants[0]) as Product;
    const others = variants.filter(inStock).slice(0, 3);
    return {
      reply: {
        text: `${say(c, "stock.out", { title: title(c, p) })}${others.length > 0 ? `\n${say(c, "stock.alternatives")}` : ""}`,
        ...(others.length > 0 ? { cards: others.map((o) => card(o, ctxOf(c))) } : {}),
      },
    };
  }
  const dimension = (["color", "size"] as const).find(
    (k) => new Set(available.map((p) => p.attributes[k] ?? "")).size > 1,
  );
  if (!dimension) return act(available[0] as Product);
  const values = [...new Set(available.map((p) => p.attributes[dimension] ?? ""))].slice(0, 10);
  const choices: Choice[] = values.map((v) => {
    const next = { ...chosen, [dimension]: v };
    return {
      title: attributeLabel(dimension, v, c.locale),
      payload: formatPayload({ kind: "pick", group, quantity, color: next.color, size: next.size }),
    };
  });
  return {
    reply: { text: say(c, dimension === "size" ? "cart.whichSize" : "cart.whichColor"), choices },
    shown: available.map((p) => p.id),
  };
}

/** "Add 2 × Linen Shirt (Blue · M)?" with Yes / No; a typed yes answers it too (awaiting `add`). */
function askAdd(product: Product, quantity: number, c: SkillContext): SkillResult {
  return {
    reply: {
      text: say(c, "cart.confirmAdd", { quantity: String(quantity), title: title(c, product) }),
      choices: [
        {
          title: say(c, "choice.yesAdd"),
          payload: formatPayload({ kind: "add", productId: product.id, quantity }),
        },
        { title: say(c, "choice.no"), payload: formatPayload({ kind: "addNo" }) },
      ],
    },
    awaiting: { kind: "add", productId: product.id, quantity },
    shown: [product.id],
  };
}

/** "Undo" after an add: the quantity added comes out again. */
function undoAdd(productId: string, quantity: number, c: SkillContext): SkillResult {
  const p = c.shop.catalogue.byId.get(productId);
  const name = p ? title(c, p) : productId;
  const inCart = c.turn.cart.quantityOf(productId);
  if (inCart === 0)
    return { reply: { text: say(c, "cart.notInCart", { title: name }), choices: cartChoices(c) } };
  const after = c.turn.cart.set(productId, Math.max(0, inCart - quantity), c.now);
  return changedCart(c, after.lines, say(c, "cart.undone", { title: name }));
}

/** What changed, then the cart's summary (or that it is empty, with the categories to go on from). */
function changedCart(c: SkillContext, lines: Parameters<typeof price>[1], first: string): SkillResult {
  const priced = price(c, lines);
  const text = [
    first,
    lines.length === 0 ? say(c, "cart.empty") : cartSummary(c, priced.count, money(c, priced.total.amount)),
  ].join("\n");
  return {
    reply: { text, choices: lines.length === 0 ? categoryChoices(ctxOf(c)) : cartChoices(c) },
    cartTotal: priced.total.amount,
  };
}

/** Adds what is left of `quantity` (stock, the line limit) and says so; "goes well with" after it. */
export async function add(product: Product, quantity: number, c: SkillContext): Promise<SkillResult> {
  const cart = c.turn.cart.view();
  const inCart = c.turn.cart.quantityOf(product.id);
  if (inCart === 0 && cart.lines.length >= MAX_CART_LINES) {
    return { reply: { text: say(c, "cart.full", { max: String(MAX_CART_LINES) }), choices: cartChoices(c) } };
  }
  const left = product.stock - inCart;
  const name = title(c, product);
  if (left <= 0) {
    const others = (c.shop.catalogue.byGroup.get(product.groupId ?? product.id) ?? [])
      .filter((p) => p.id !== product.id && inStock(p))
      .slice(0, 3);
    const text =
      product.stock <= 0
        ? say(c, "stock.out", { title: name })
        : say(c, "cart.onlyLeft", { count: String(product.stock), title: name });
    return {
      reply: {
        text: others.length > 0 ? `${text}\n${say(c, "stock.alternatives")}` : text,
        ...(others.length > 0
          ? { cards: others.map((o) => card(o, ctxOf(c))) }
          : { choices: cartChoices(c) }),
      },
    };
  }
  const adding = Math.min(quantity, left, MAX_LINE_QUANTITY - inCart);
  const maxed = (): SkillResult => ({
    reply: { text: say(c, "cart.maxQuantity", { max: String(MAX_LINE_QUANTITY) }), choices: cartChoices(c) },
  });
  if (adding <= 0) return maxed();
  let after: ReturnType<typeof c.turn.cart.view>;
  try {
    after = c.turn.cart.add(product.id, adding, c.now);
  } catch (e) {
    if (e instanceof AppError && e.code === "cart.max_quantity") return maxed();
    throw e;
  }
  const priced = price(c, after.lines);
  const notes = adding < quantity ? [say(c, "cart.onlyLeft", { count: String(left), title: name })] : [];
  const text = [
    say(c, "cart.added", { quantity: String(adding), title: name }),
    ...notes,
    cartSummary(c, priced.count, money(c, priced.total.amount)),
  ].join("\n");
  c.turn.count("addToCart");
  // "goes well with": complements of what is in the cart, never what is in it (two cards: one message each
  // on WhatsApp without a catalog)
  const goes = await c
    .recommend?.({
      preset: "complement",
      seeds: after.lines.map((l) => l.productId),
      limit: c.turn.conversation.channel === "whatsapp" ? 1 : 2,
    })
    .catch((e) => {
      log.warn("recs.failed", { error: e });
      return [];
    });
  // every add can be taken back at once: "Added … · Undo"
  const undo = {
    title: say(c, "choice.undo"),
    payload: formatPayload({ kind: "undoAdd", productId: product.id, quantity: adding }),
  };
  return {
    reply: {
      text: goes && goes.length > 0 ? `${text}\n${say(c, "recommend.goesWith")}` : text,
      choices: [undo, ...cartChoices(c).slice(0, 2)],
      ...(goes && goes.length > 0 ? { cards: goes.map((p) => card(p, ctxOf(c))) } : {}),
    },
    cartTotal: priced.total.amount,
    shown: [product.id],
  };
}

function viewCart(c: SkillContext): SkillResult {
  const cart = c.turn.cart.view();
  if (cart.lines.length === 0) return emptyCart(c);
  const priced = price(c, cart.lines);
  return {
    reply: {
      text: [
        say(c, "cart.title"),
        cartLines(c, priced),
        say(c, "cart.total", { total: money(c, priced.total.amount) }),
      ].join("\n"),
      choices: [
        { title: say(c, "choice.checkout"), payload: formatPayload({ kind: "checkout" }) },
        { title: say(c, "choice.editCart"), payload: formatPayload({ kind: "editCart" }) },
        { title: say(c, "choice.keepShopping"), payload: formatPayload({ kind: "browse" }) },
      ],
    },
  };
}

/** One card per line with +1, −1 and Remove. */
function editCart(c: SkillContext): SkillResult {
  const cart = c.turn.cart.view();
  if (cart.lines.length === 0) return emptyCart(c);
  const priced = price(c, cart.lines);
  return {
    reply: {
      text: say(c, "cart.title"),
      cards: priced.items.slice(0, 10).map((l) => {
        const p = c.shop.catalogue.byId.get(l.productId);
        return {
          productId: "",
          title: l.title,
          subtitle: say(c, "cart.line", {
            quantity: String(l.quantity),
            title: "",
            total: money(c, l.lineTotal.amount),
          }).replace(" × : ", " × "),
          ...(p?.imageUrl ? { imageUrl: p.imageUrl } : {}),
          buttons: [
            {
              title: say(c, "choice.plusOne"),
              payload: formatPayload({ kind: "increment", productId: l.productId }),
            },
            {
              title: say(c, "choice.minusOne"),
              payload: formatPayload({ kind: "decrement", productId: l.productId }),
            },
            {
              title: say(c, "choice.remove"),
              payload: formatPayload({ kind: "removeLine", productId: l.productId }),
            },
          ],
        };
      }),
      choices: [
        { title: say(c, "choice.checkout"), payload: formatPayload({ kind: "checkout" }) },
        { title: say(c, "choice.emptyCart"), payload: formatPayload({ kind: "clearCart" }) },
      ],
    },
  };
}

async function changeLine(
  productId: string,
  how: "increment" | "decrement" | "removeLine",
  c: SkillContext,
): Promise<SkillResult> {
  const p = c.shop.catalogue.byId.get(productId);
  const name = p ? title(c, p) : productId;
  if (c.turn.cart.quantityOf(productId) === 0) {
    return { reply: { text: say(c, "cart.notInCart", { title: name }), choices: cartChoices(c) } };
  }
  if (how === "increment") {
    if (!p) return changeLine(productId, "removeLine", c);
    return add(p, 1, c);
  }
  const after =
    how === "removeLine" ? c.turn.cart.set(productId, 0, c.now) : c.turn.cart.decrement(productId, c.now);
  const quantity = after.lines.find((l) => l.productId === productId)?.quantity ?? 0;
  return changedCart(
    c,
    after.lines,
    quantity === 0
      ? say(c, "cart.removed", { title: name })
      : say(c, "cart.updated", { title: name, quantity: String(quantity) }),
  );
}

async function removeMeant(meaning: Understanding, c: SkillContext): Promise<SkillResult> {
  const cart = c.turn.cart.view();
  if (cart.lines.length === 0) return emptyCart(c);
  const resolved = resolve(meaning, ctxOf(c));
  const meant = new Set(resolved.map((p) => p.id));
  const groups = new Set(resolved.map((p) => p.groupId ?? p.id));
  const hits = cart.lines.filter((l) => {
    const p = c.shop.catalogue.byId.get(l.productId);
    return meant.has(l.productId) || (p && groups.has(p.groupId ?? p.id));
  });
  const only =
    hits.length === 1 ? hits[0] : cart.lines.length === 1 && meant.size === 0 ? cart.lines[0] : undefined;
  if (only) return changeLine(only.productId, "removeLine", c);
  const candidates = hits.length > 1 ? hits : cart.lines;
  return {
    reply: {
      text: say(c, "cart.whichToRemove"),
      choices: candidates.slice(0, 10).map((l) => {
        const p = c.shop.catalogue.byId.get(l.productId);
        return {
          title: p ? title(c, p) : l.productId,
          payload: formatPayload({ kind: "removeLine", productId: l.productId }),
        };
      }),
    },
  };
}

function clear(c: SkillContext): SkillResult {
  c.turn.cart.clear(c.now);
  return { reply: { text: say(c, "cart.cleared"), choices: categoryChoices(ctxOf(c)) }, cartTotal: 0 };
}

/**
 * A WhatsApp cart (`order` message): it becomes the chat cart, at our prices. Unknown items and prices that
 * differ from what the platform showed are told to the shopper.
 */
export function fromWhatsAppOrder(items: OrderItem[], c: SkillContext): SkillResult {
  const notes: string[] = [];
  const wanted = new Map<string, number>();
  for (const item of items) {
    const p = c.shop.catalogue.byId.get(item.retailerId);
    if (!p) {
      notes.push(say(c, "cart.unknownItem", { id: item.retailerId }));
      continue;
    }
    if (item.itemPrice !== undefined) {
      const shown = Math.round(item.itemPrice * 10 ** minorDigits(item.currency ?? p.price.currency));
      if (shown !== p.price.amount || (item.currency && item.currency !== p.price.currency)) {
        notes.push(
          say(c, "cart.priceDiffers", { title: title(c, p), price: formatMoney(p.price, c.locale) }),
        );
      }
    }
    wanted.set(p.id, (wanted.get(p.id) ?? 0) + Math.max(1, Math.floor(item.quantity)));
  }
  if (wanted.size > MAX_CART_LINES) {
    // issue 14: a 500-line cart was cut to 30 without a word
    notes.push(say(c, "cart.cut", { count: String(wanted.size), max: String(MAX_CART_LINES) }));
  }
  let after = c.turn.cart.clear(c.now);
  let added = 0;
  for (const [id, quantity] of [...wanted].slice(0, MAX_CART_LINES)) {
    const p = c.shop.catalogue.byId.get(id) as Product;
    const n = Math.min(quantity, p.stock, MAX_LINE_QUANTITY);
    if (n <= 0) {
      notes.push(say(c, "stock.out", { title: title(c, p) }));
      continue;
    }
    if (n < quantity) notes.push(say(c, "cart.onlyLeft", { count: String(n), title: title(c, p) }));
    // one millisecond apart, so the cart lists the lines in the order the shopper put them
    after = c.turn.cart.add(id, n, new Date(c.now.getTime() + added));
    added += n;
  }
  if (after.lines.length === 0) {
    return {
      reply: { text: [...notes, say(c, "cart.empty")].join("\n"), choices: categoryChoices(ctxOf(c)) },
    };
  }
  const priced = price(c, after.lines);
  const text = [
    added === 1 ? say(c, "cart.fromOrder.one") : say(c, "cart.fromOrder", { count: String(added) }),
    ...notes,
    cartLines(c, priced),
    say(c, "cart.total", { total: money(c, priced.total.amount) }),
  ].join("\n");
  return {
    reply: {
      text,
      choices: [
        { title: say(c, "choice.checkout"), payload: formatPayload({ kind: "checkout" }) },
        { title: say(c, "choice.editCart"), payload: formatPayload({ kind: "editCart" }) },
      ],
    },
    cartTotal: priced.total.amount,
  };
}

export const cartSkill: Skill = {
  name: "cart",
  awaits: ["add"],
  payloads: [
    "add",
    "undoAdd",
    "addNo",
    "pick",
    "cart",
    "editCart",
    "increment",
    "decrement",
    "removeLine",
    "clearCart",
  ],
  intents: ["add_to_cart", "view_cart", "remove_from_cart", "clear_cart"],
  async onPayload(p: Payload, c) {
    switch (p.kind) {
      case "add": {
        const product = c.shop.catalogue.byId.get(p.productId);
        return product ? add(product, p.quantity ?? 1, c) : undefined;
      }
      case "undoAdd":
        return undoAdd(p.productId, p.quantity, c);
      case "addNo":
        return { reply: { text: say(c, "cart.notAdded"), choices: categoryChoices(ctxOf(c)) } };
      case "pick":
        return pick(p.group, p.quantity, { color: p.color, size: p.size }, c);
      case "cart":
        return viewCart(c);
      case "editCart":
        return editCart(c);
      case "increment":
      case "decrement":
      case "removeLine":
        return changeLine(p.productId, p.kind, c);
      case "clearCart":
        return clear(c);
      default:
        return undefined;
    }
  },
  async onAnswer(answer, awaiting, c) {
    if (awaiting.kind !== "add") return undefined;
    const yesNo = readYesNo(answer.text ?? "", answer.meaning?.locale ?? c.locale);
    if (yesNo === "no")
      return { reply: { text: say(c, "cart.notAdded"), choices: categoryChoices(ctxOf(c)) } };
    const product = c.shop.catalogue.byId.get(awaiting.productId);
    if (yesNo === "yes" && product) return add(product, awaiting.quantity, c);
    return undefined;
  },
  async onIntent(meaning, c) {
    switch (meaning.intent) {
      case "add_to_cart":
        return addMeant(meaning, c);
      case "view_cart":
        return viewCart(c);
      case "remove_from_cart":
        return removeMeant(meaning, c);
      case "clear_cart":
        return clear(c);
      default:
        return undefined;
    }
  },
};
