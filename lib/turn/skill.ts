/**
 * The turn contract: what a skill is given (the loaded turn, the shop, the shopper's locale, the I/O ports),
 * what it answers (a reply, the question it leaves open, what it showed) and how the router finds it (the
 * payloads, intents and open questions it owns). Pure: no DynamoDB, no botbuilder, no platform payloads.
 *
 * A skill changes state only through the turn (`turn.cart`, `turn.set`, `turn.count`), so one commit writes
 * whatever it decided; what cannot wait for the commit (placing an order, storing a rating) goes through the
 * ports.
 */
import type { ShopData } from "../catalog/cache";
import type { Product } from "../catalog/types";
import type { Recommender, Reply, ReplyContext } from "../content/replies";
import type { Locale } from "../i18n";
import type { CheckoutState } from "../model/cart";
import type { Intent, Understanding } from "../nlu";
import type { Payload, PayloadKind } from "./payloads";
import type { ShopperPorts } from "./ports";
import type { Turn } from "./turn";

/** The question the shopper is answering, kept between turns. */
export type Awaiting =
  | { kind: "checkout"; step: CheckoutState["step"] }
  | { kind: "cancel"; orderId: string }
  /** "Add 2 × Linen Shirt (Blue · M)?": a typed yes adds it */
  | { kind: "add"; productId: string; quantity: number }
  /** the shopper rated a product of a delivered order and may add a comment */
  | { kind: "review"; orderId: string; productId: string };

export interface SkillContext {
  turn: Turn;
  shop: ShopData;
  locale: Locale;
  now: Date;
  ports: ShopperPorts;
  /** products the previous reply showed ("add it", "add 2 of these") */
  lastShown: readonly string[];
  /** recommendations with the shop's co-purchase counts ("goes well with" after an add) */
  recommend?: (ask: Parameters<Recommender>[0]) => Promise<Product[]>;
  /** a recommender for replies that list recommendations (the shop's co-purchase counts, the cart) */
  recommender?: () => Promise<Recommender>;
}

export interface SkillResult {
  reply: Reply;
  /** the question now open (undefined: none) */
  awaiting?: Awaiting;
  /** the cart's total after a change (minor units), for the merchant's cart-value handover rule */
  cartTotal?: number;
  /** products the reply showed or the shopper carted (for "add it", "more like this") */
  shown?: string[];
  /** the reply shows products to browse (a product view in the funnel) */
  viewed?: boolean;
}

/** What the shopper gave while a question was open. */
export interface Answer {
  text?: string;
  meaning?: Understanding;
  location?: { latitude: number; longitude: number; name?: string; address?: string };
}

export interface Skill {
  readonly name: string;
  /** button payloads it answers */
  readonly payloads?: readonly PayloadKind[];
  /** intents of the NLU it answers */
  readonly intents?: readonly Intent[];
  /** the open questions it asked */
  readonly awaits?: readonly Awaiting["kind"][];
  onPayload?(payload: Payload, c: SkillContext): Promise<SkillResult | undefined>;
  onIntent?(meaning: Understanding, c: SkillContext): Promise<SkillResult | undefined>;
  /** undefined: the shopper did not answer the question (the router goes on with the intent) */
  onAnswer?(answer: Answer, awaiting: Awaiting, c: SkillContext): Promise<SkillResult | undefined>;
}

/** The lib/content view of the turn (replies, cards, categories). */
export const replyContext = (c: SkillContext): ReplyContext => ({
  locale: c.locale,
  settings: c.shop.settings,
  catalogue: c.shop.catalogue,
});
