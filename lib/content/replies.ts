/**
 * What the bot answers, as plain data: a short text, product cards and choices, in the shopper's locale.
 * Pure: the bot turns a `Reply` into an Activity; tests call `compose` directly.
 *
 * Product questions answer for the variant meant ("the red one in M"); a sold-out variant says so and offers
 * the variants of the same item that are in stock.
 */
import type { Answer, Product, ShopSettings } from "../catalog/types";
import { type Locale, type MessageKey, t } from "../i18n";
import { formatPayload, type Payload } from "../turn/payloads";
import { categoryLabel } from "./categories";
import { attributeLabel, formatMoney, localized, productTitle, ratingLabel } from "./format";

export interface Choice {
  title: string;
  payload: string;
  /** Messenger's contact quick reply (`user_phone_number`): the platform fills in the shopper's number */
  quickReply?: "user_phone_number";
}

export interface Card {
  productId: string;
  title: string;
  subtitle: string;
  imageUrl?: string;
  buttons: Choice[];
}

export interface Reply {
  text: string;
  cards?: Card[];
  choices?: Choice[];
  /** nothing matched well enough: record the question for the merchant */
  unanswered?: boolean;
  /** the shopper asked for a person or complained (the handover issue acts on it) */
  handover?: "asked" | "complaint";
}

/** What the shopper meant, as far as the bot needs it (a subset of the NLU's Understanding). */
export interface Meaning {
  intent: string;
  /** the NLU's confidence, 0..1; below MIN_CONFIDENCE the bot treats the message as not understood */
  confidence?: number;
  product?: { productId?: string; groupId?: string; candidates?: string[] };
  attributes?: { color?: string; size?: string };
  category?: string;
  answer?: { answerId: string };
  questionKind?: "price" | "stock" | "sizes" | "colors" | "material" | "description";
}

export interface Catalogue {
  products: Product[];
  byId: Map<string, Product>;
  byGroup: Map<string, Product[]>;
  answers: Map<string, Answer>;
  categories: string[];
}

export function catalogue(products: Product[], answers: Answer[]): Catalogue {
  const byId = new Map(products.map((p) => [p.id, p]));
  const byGroup = new Map<string, Product[]>();
  for (const p of products) {
    const g = p.groupId ?? p.id;
    byGroup.set(g, [...(byGroup.get(g) ?? []), p]);
  }
  const categories = [...new Set(products.map((p) => p.category))].sort();
  return { byId, byGroup, products, answers: new Map(answers.map((a) => [a.id, a])), categories };
}

/** What the bot passes for recommendations (lib/recs, with the shop's co-purchase table and the shopper's cart). */
export type Recommender = (ask: {
  preset: "general" | "similar" | "complement";
  seeds?: string[];
  query?: { category?: string; text?: string };
  limit?: number;
}) => Product[];

export interface ReplyContext {
  locale: Locale;
  settings: Pick<ShopSettings, "defaultLocale" | "name">;
  catalogue: Catalogue;
  /** without it: best rated in stock, and same-category similarity */
  recommend?: Recommender;
  /** the message itself (a recommendation's query: "something for the beach") */
  text?: string;
}

/**
 * Below this the NLU's best guess is too weak to act on: saying "I didn't get that" and recording the question
 * for the merchant beats answering something else ("do you engrave pet tags?" must not list categories).
 */
export const MIN_CONFIDENCE = 0.4;
const LOW_STOCK = 5;
const MAX_CARDS = 10;
const DESCRIPTION_MAX = 300;

export function compose(meaning: Meaning, ctx: ReplyContext): Reply {
  const { locale } = ctx;
  const say = (key: MessageKey, params: Record<string, string> = {}) =>
    t(locale, key, params, ctx.settings.defaultLocale);
  if ((meaning.confidence ?? 1) < MIN_CONFIDENCE) return unknown(ctx);
  switch (meaning.intent) {
    case "greeting":
      return { text: say("greeting.again", { name: "" }), choices: mainChoices(ctx) };
    case "product_question":
      return productAnswer(meaning, ctx) ?? unknown(ctx);
    case "browse_category":
      return meaning.category
        ? browse(meaning.category, ctx)
        : { text: say("browse.pick"), choices: categoryChoices(ctx) };
    case "recommendation":
      return {
        text: say("recommend.intro"),
        cards: (
          ctx.recommend?.({ preset: "general", query: { category: meaning.category, text: ctx.text } }) ??
          favourites(ctx)
        ).map((p) => card(p, ctx)),
      };
    case "faq": {
      const answer = meaning.answer && ctx.catalogue.answers.get(meaning.answer.answerId);
      const text = answer && localized(answer.answer, locale, ctx.settings.defaultLocale);
      return text ? { text } : unknown(ctx);
    }
    // Cart, checkout and order intents are answered by their skills (lib/skills) before compose is asked.
    case "human":
      return { text: say("human.soon"), handover: "asked" };
    case "complaint":
      return { text: say("complaint"), handover: "complaint" };
    case "thanks":
      return { text: say("thanks") };
    case "goodbye":
      return { text: say("goodbye") };
    default:
      return unknown(ctx);
  }
}

/** Replies to a browsing button (a category, "more like this", a product, browse, a person); undefined if unknown. */
export function composeForPayload(payload: Payload, ctx: ReplyContext): Reply | undefined {
  const say = (key: MessageKey) => t(ctx.locale, key, {}, ctx.settings.defaultLocale);
  switch (payload.kind) {
    case "browse":
      return { text: say("browse.pick"), choices: categoryChoices(ctx, payload.from ?? 0) };
    case "category":
      return browse(payload.category, ctx);
    case "product": {
      const p = ctx.catalogue.byId.get(payload.productId);
      return p ? { text: say("product.found"), cards: [card(p, ctx)] } : undefined;
    }
    case "more": {
      const p = ctx.catalogue.byId.get(payload.productId);
      if (!p) return undefined;
      const more = ctx.recommend?.({ preset: "similar", seeds: [p.id] }) ?? similar(p, ctx);
      return { text: say("more.intro"), cards: more.map((s) => card(s, ctx)) };
    }
    case "human":
      return { text: say("human.soon"), handover: "asked" };
    default:
      return undefined;
  }
}

export function mainChoices(ctx: ReplyContext): Choice[] {
  const say = (key: MessageKey) => t(ctx.locale, key, {}, ctx.settings.defaultLocale);
  return [
    { title: say("choice.browse"), payload: formatPayload({ kind: "browse" }) },
    { title: say("choice.cart"), payload: formatPayload({ kind: "cart" }) },
    { title: say("choice.human"), payload: formatPayload({ kind: "human" }) },
  ];
}

/** Categories per list: with "More" that is 10, WhatsApp's limit of list rows (docs/interface.md). */
export const CATEGORY_PAGE = 9;

/**
 * The shop's categories from the `from`-th on, `size` of them, and a "More" button to the next ones, so a
 * shopper can reach every category however many there are.
 */
export function categoryChoices(ctx: ReplyContext, from = 0, size = CATEGORY_PAGE): Choice[] {
  const all = ctx.catalogue.categories.filter((c) => c.trim() !== "");
  const start = from < all.length ? from : 0;
  const page: Choice[] = all.slice(start, start + size).map((c) => ({
    title: categoryLabel(c, ctx.locale),
    payload: formatPayload({ kind: "category", category: c }),
  }));
  if (start + size < all.length) {
    page.push({
      title: t(ctx.locale, "choice.moreCategories", {}, ctx.settings.defaultLocale),
      payload: formatPayload({ kind: "browse", from: start + size }),
    });
  }
  return page;
}

export function unknown(ctx: ReplyContext): Reply {
  const say = (key: MessageKey) => t(ctx.locale, key, {}, ctx.settings.defaultLocale);
  return {
    text: say("unknown"),
    choices: [
      ...categoryChoices(ctx, 0, CATEGORY_PAGE - 1),
      { title: say("choice.human"), payload: formatPayload({ kind: "human" }) },
    ],
    unanswered: true,
  };
}

export const inStock = (p: Product) => p.stock > 0;
const score = (p: Product) => (p.rating ? p.rating.average * Math.log10(10 + p.rating.count) : 0);

/** One product per group: the in-stock variant first, then the best rated. */
export function onePerGroup(products: Product[]): Product[] {
  const seen = new Set<string>();
  const out: Product[] = [];
  const order = (a: Product, b: Product) =>
    Number(inStock(b)) - Number(inStock(a)) || score(b) - score(a) || b.stock - a.stock;
  for (const p of [...products].sort(order)) {
    const g = p.groupId ?? p.id;
    if (seen.has(g)) continue;
    seen.add(g);
    out.push(p);
  }
  return out;
}

function browse(category: string, ctx: ReplyContext): Reply {
  const label = categoryLabel(category, ctx.locale);
  const items = onePerGroup(ctx.catalogue.products.filter((p) => p.category === category && inStock(p)));
  if (items.length === 0) {
    return {
      text: t(ctx.locale, "browse.empty", { category: label }, ctx.settings.defaultLocale),
      choices: categoryChoices(ctx),
    };
  }
  return {
    text: t(ctx.locale, "browse.intro", { category: label }, ctx.settings.defaultLocale),
    cards: items.slice(0, MAX_CARDS).map((p) => card(p, ctx)),
  };
}

function favourites(ctx: ReplyContext): Product[] {
  return onePerGroup(ctx.catalogue.products.filter(inStock)).slice(0, 5);
}

/** Same category, shared tags count most; never the same item, never sold out. */
function similar(product: Product, ctx: ReplyContext): Product[] {
  const group = product.groupId ?? product.id;
  const tags = new Set(product.tags);
  const candidates = ctx.catalogue.products.filter((p) => (p.groupId ?? p.id) !== group && inStock(p));
  const rank = (p: Product) =>
    (p.category === product.category ? 3 : 0) + p.tags.filter((x) => tags.has(x)).length + score(p) / 10;
  return onePerGroup(candidates.sort((a, b) => rank(b) - rank(a)))
    .sort((a, b) => rank(b) - rank(a))
    .slice(0, 5);
}

/** The products the shopper meant: the exact variant, or the variants of the item matching what was said. */
export function resolve(meaning: Meaning, ctx: ReplyContext): Product[] {
  const { product, attributes = {} } = meaning;
  if (!product) return [];
  if (product.productId) {
    const p = ctx.catalogue.byId.get(product.productId);
    if (p) return [p];
  }
  const group = product.groupId ?? (product.productId && ctx.catalogue.byId.get(product.productId)?.groupId);
  const variants = group ? (ctx.catalogue.byGroup.get(group) ?? []) : [];
  const matching = variants.filter(
    (v) =>
      (!attributes.color || v.attributes.color === attributes.color) &&
      (!attributes.size || v.attributes.size?.toLowerCase() === attributes.size.toLowerCase()),
  );
  if (matching.length > 0) return matching;
  return (product.candidates ?? [])
    .map((id) => ctx.catalogue.byId.get(id))
    .filter((p): p is Product => Boolean(p));
}

const titleOf = (p: Product, ctx: ReplyContext, withVariant: boolean): string =>
  productTitle(p, ctx.locale, ctx.settings.defaultLocale, withVariant);

function productAnswer(meaning: Meaning, ctx: ReplyContext): Reply | undefined {
  const products = resolve(meaning, ctx);
  const first = products[0];
  if (!first) return undefined;
  const say = (key: MessageKey, params: Record<string, string> = {}) =>
    t(ctx.locale, key, params, ctx.settings.defaultLocale);
  const exact = products.length === 1;
  const group = ctx.catalogue.byGroup.get(first.groupId ?? first.id) ?? [first];
  const title = titleOf(first, ctx, exact && group.length > 1);
  switch (meaning.questionKind) {
    case "price": {
      const prices = [...new Set(products.map((p) => p.price.amount))].sort((a, b) => a - b);
      const low = prices[0] ?? first.price.amount;
      // the card shows the variant whose price the text says (variants may differ in price)
      const shown =
        products.find((p) => p.price.amount === low && inStock(p)) ??
        products.find((p) => p.price.amount === low) ??
        first;
      return {
        text: say("price", {
          title,
          price: formatMoney({ amount: low, currency: first.price.currency }, ctx.locale),
        }),
        cards: [card(shown, ctx)],
      };
    }
    case "stock": {
      const available = products.filter(inStock);
      if (available.length === 0) {
        const others = group.filter(inStock).slice(0, 3);
        return {
          text:
            others.length > 0
              ? `${say("stock.out", { title })}\n${say("stock.alternatives")}`
              : say("stock.out", { title }),
          ...(others.length > 0 ? { cards: others.map((p) => card(p, ctx)) } : {}),
        };
      }
      const count = available.reduce((n, p) => n + p.stock, 0);
      return {
        text:
          count <= LOW_STOCK ? say("stock.low", { title, count: String(count) }) : say("stock.in", { title }),
        cards: available.slice(0, 3).map((p) => card(p, ctx)),
      };
    }
    case "sizes":
    case "colors": {
      const key = meaning.questionKind === "sizes" ? "size" : "color";
      const values = [
        ...new Set(
          group
            .filter(inStock)
            .map((p) => p.attributes[key])
            .filter((v): v is string => Boolean(v)),
        ),
      ];
      const base = titleOf(first, ctx, false);
      if (values.length === 0) return { text: say("sizes.none", { title: base }), cards: [card(first, ctx)] };
      const list = values.map((v) => attributeLabel(key, v, ctx.locale)).join(", ");
      return { text: say(meaning.questionKind, { title: base, list }), cards: [card(first, ctx)] };
    }
    case "material":
    case "description": {
      const description = localized(first.description, ctx.locale, ctx.settings.defaultLocale);
      const material = first.attributes.material ? ` (${first.attributes.material})` : "";
      const text =
        description.length > DESCRIPTION_MAX ? `${description.slice(0, DESCRIPTION_MAX - 1)}…` : description;
      return { text: `${titleOf(first, ctx, false)}${material}: ${text}`, cards: [card(first, ctx)] };
    }
    default: {
      const shown = exact ? products : onePerGroup(products);
      return {
        text: shown.length === 1 ? say("product.found") : say("product.several"),
        cards: shown.slice(0, MAX_CARDS).map((p) => card(p, ctx)),
      };
    }
  }
}

/** A product card: title (with the variant), price, rating, stock, and the two buttons. */
export function card(p: Product, ctx: ReplyContext): Card {
  const say = (key: MessageKey) => t(ctx.locale, key, {}, ctx.settings.defaultLocale);
  const group = ctx.catalogue.byGroup.get(p.groupId ?? p.id) ?? [p];
  const subtitle = [formatMoney(p.price, ctx.locale), ratingLabel(p), p.stock > 0 ? "" : say("card.soldOut")]
    .filter(Boolean)
    .join(" · ");
  return {
    productId: p.id,
    title: titleOf(p, ctx, group.length > 1),
    subtitle,
    imageUrl: p.imageUrl,
    buttons: [
      { title: say("card.add"), payload: formatPayload({ kind: "add", productId: p.id }) },
      { title: say("card.more"), payload: formatPayload({ kind: "more", productId: p.id }) },
    ],
  };
}
