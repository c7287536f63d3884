/**
 * The bot's turn logic: understand the shopper (lib/nlu), decide the reply (lib/content), send it as an
 * Activity. Buttons carry payloads (`CAT:tops`, `MORE:TEE-RED-M`) that skip the NLU.
 *
 * It speaks only while the conversation's status is `bot`: when a person has it (`waiting`, `agent`) the
 * shopper's message is stored (transcript middleware) and nothing is sent.
 *
 * It hands over (lib/handover/rules.ts) when the shopper asks for a person or complains, or after the shop's
 * number of unanswered turns in a row (counted in the conversation state): the conversation becomes
 * `waiting`, the shopper is told a person will reply (with the opening hours when the shop is closed), the
 * Bot Framework handoff event goes out, and on Messenger the thread may go to Meta's Page Inbox.
 */
import {
  ActivityHandler,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from "botbuilder-core";
import type { Activity, CardAction } from "botframework-schema";
import { type Awaiting, isPhone, Shopping, type ShoppingResult } from "../cart/shopping";
import type { ShopData } from "../catalog/cache";
import type { Product } from "../catalog/types";
import type { ProductCard } from "../channels/cards";
import type { GraphClient } from "../channels/meta/graph";
import type { InboundChannelData } from "../channels/types";
import {
  compose,
  composeForPayload,
  MIN_CONFIDENCE,
  type Recommender,
  type Reply,
  type ReplyContext,
} from "../content/replies";
import { handoverText } from "../handover/reply";
import { decideHandover, type HandoverReason } from "../handover/rules";
import { releaseTime } from "../handover/service";
import { type Locale, t } from "../i18n";
import { log, maskId } from "../log";
import { readYesNo, type Understanding, understand } from "../nlu";
import { groupMap, PRESETS, recommend } from "../recs";
import { Reviews } from "../reviews/flow";
import type { Db } from "../store/client";
import type { Conversation } from "../store/conversations";
import { cachedCoPurchase } from "../store/copurchase";
import type { ChannelAccount } from "../store/shops";
import type { Turn } from "../turn/turn";
import { emitHandoff, passThreadToPageInbox, transcriptOf } from "./handoff";
import { ACCOUNT, DEADLINE, GRAPH } from "./metaAdapter";
import { TURN } from "./transcript";

export const CONVERSATION = Symbol("chatcart.conversation");
/** what runs after the turn's replies went out (`() => Promise<void>`s, in order) */
export const AFTER_SEND = Symbol("chatcart.afterSend");

const groupMaps = new WeakMap<readonly Product[], Map<string, string>>();
/** product id → variant group, per catalogue (the catalogue array changes only with the catalogue) */
function groupsOf(products: readonly Product[]): Map<string, string> {
  let m = groupMaps.get(products);
  if (!m) {
    m = groupMap(products);
    groupMaps.set(products, m);
  }
  return m;
}
export const SHOP = Symbol("chatcart.shop");

interface DialogData {
  greeted?: boolean;
  /** turns in a row the bot could not answer; reset by an answered turn and by a handover */
  unansweredStreak?: number;
  /** the question the shopper is answering (a checkout step, "cancel this order?") */
  awaiting?: Awaiting;
  /** products the last reply showed: "add it", "add 2 of these" */
  lastShown?: string[];
  /** the cart went to a person for its value: not again until the cart is emptied */
  cartHandedOver?: boolean;
}

/** Intents that end a checkout question: the shopper asked something else instead of answering it. */
const STRONG_OTHER = new Set([
  "human",
  "complaint",
  "view_cart",
  "checkout",
  "order_status",
  "cancel_order",
  "clear_cart",
  "remove_from_cart",
  "browse_category",
  "faq",
  "recommendation",
]);

export class ChatBot extends ActivityHandler {
  private readonly dialog: StatePropertyAccessor<DialogData>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly db: Db,
    /** the clock for opening hours and handover times (tests pass their own) */
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
    this.dialog = conversationState.createProperty<DialogData>("dialog");
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    // An m.me link or an ad opened an existing thread: greet as for a first message (Messenger sends no text).
    this.onEvent(async (context, next) => {
      if (context.activity.name === "referral") await this.handleMessage(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const conversation = context.turnState.get(CONVERSATION) as Conversation | undefined;
    const shop = context.turnState.get(SHOP) as ShopData;
    const turn = context.turnState.get(TURN) as Turn;
    if (conversation && conversation.status !== "bot") return;
    const { settings } = shop;
    const channelData = (context.activity.channelData ?? {}) as InboundChannelData;
    const previous = conversation?.locale as Locale | undefined;
    const text = (context.activity.text ?? "").trim();
    const data = await this.dialog.get(context, {});
    const first = !data.greeted;
    data.greeted = true;

    let locale = previous ?? settings.defaultLocale;
    let reply: Reply | undefined;
    let shopped: ShoppingResult | undefined;
    // after an add the cart is known: its lines are the seeds and what not to suggest (no second read)
    const recommendAsync = async (ask: Parameters<Recommender>[0]) =>
      (await this.recommender(shop, turn, data.lastShown, ask.seeds))(ask);
    const shopping = () =>
      conversation &&
      new Shopping({
        db: this.db,
        shop,
        conversation,
        turn,
        locale,
        now: this.clock(),
        recommend: recommendAsync,
      });
    const payload = channelData.payload;
    const awaiting = data.awaiting;
    data.awaiting = undefined;
    if (channelData.kind === "unsupported") {
      reply = { text: t(locale, "unsupported") };
    } else if (channelData.kind === "order" && channelData.order) {
      shopped = await shopping()?.fromWhatsAppOrder(channelData.order.items);
    } else if (channelData.kind === "location" && channelData.location && awaiting?.kind === "checkout") {
      shopped = await shopping()?.checkoutAnswer({ location: channelData.location });
    } else if (payload && Shopping.handles(payload)) {
      shopped = await shopping()?.onPayload(payload);
    } else if (payload && Reviews.handles(payload) && conversation) {
      shopped = await new Reviews({
        db: this.db,
        shop,
        conversation,
        locale,
        now: this.clock(),
      }).onPayload(payload);
    } else if (payload && awaiting?.kind === "checkout" && awaiting.step === "phone" && isPhone(payload)) {
      // Messenger's phone-number quick reply carries the number as its payload
      shopped = await shopping()?.checkoutAnswer({ text: payload });
    } else if (payload) {
      const recs = payload.startsWith("MORE:")
        ? await this.recommender(shop, turn, data.lastShown)
        : undefined;
      reply = composeForPayload(payload, { ...this.replyContext(locale, shop), recommend: recs });
    }
    if (!reply && !shopped && text) {
      const meaning = understand(text, {
        index: shop.index,
        locale: previous,
        allowed: settings.locales,
        fallback: settings.defaultLocale,
      });
      locale = meaning.locale;
      if (awaiting) shopped = await this.answer(shopping(), awaiting, text, meaning);
      if (!shopped && (meaning.confidence ?? 0) >= MIN_CONFIDENCE) {
        shopped = await shopping()?.onMeaning(meaning, data.lastShown);
      }
      if (!shopped && meaning.intent === "stop" && conversation) {
        // no reminders or other messages the shopper did not ask for, from now on (lib/reminders reads it)
        turn.set({ optedOut: true });
        reply = { text: t(locale, "stop.done", {}, settings.defaultLocale) };
      }
      if (!shopped && !reply) {
        const recs =
          meaning.intent === "recommendation"
            ? await this.recommender(shop, turn, data.lastShown)
            : undefined;
        reply = compose(meaning, { ...this.replyContext(locale, shop), recommend: recs, text });
        // A first "hi" gets the full welcome, not "I didn't get that".
        if (first && (meaning.intent === "greeting" || meaning.intent === "unknown")) reply = undefined;
        else if (reply.unanswered) turn.unanswered = { text, locale };
      }
    }
    if (shopped) {
      reply = shopped.reply;
      data.awaiting = shopped.awaiting;
    }
    if (!shopped && reply?.cards && reply.cards.length > 0 && conversation) turn.count("productViews");
    const shown = shopped?.shown ?? reply?.cards?.map((c) => c.productId).filter(Boolean);
    if (shown && shown.length > 0) data.lastShown = shown.slice(0, 10);
    if (conversation && locale !== previous) turn.set({ locale });
    const cartTotal = shopped?.cartTotal;
    if (cartTotal === 0) data.cartHandedOver = false;
    const decision = decideHandover(
      {
        requested: reply?.handover,
        unanswered: reply?.unanswered === true,
        ...(cartTotal !== undefined && !data.cartHandedOver ? { cartTotal } : {}),
      },
      data.unansweredStreak ?? 0,
      settings.handover,
    );
    data.unansweredStreak = decision.unansweredStreak;
    if (decision.reason && conversation) {
      // the cart change itself is confirmed before the shopper is told a person takes over
      if (decision.reason === "cart_value" && reply) await context.sendActivity(toActivity(reply, locale));
      if (await this.handOver(context, turn, conversation, decision.reason, locale, shop)) {
        if (decision.reason === "cart_value") data.cartHandedOver = true;
        data.awaiting = undefined;
        return;
      }
      if (decision.reason === "cart_value") return;
    }
    if (!reply) reply = this.welcome(context, locale, shop, first);
    await context.sendActivity(toActivity(reply, locale));
  }

  /**
   * `bot` → `waiting`, then the shopper is told, the handoff event goes out and (Messenger, when enabled) the
   * thread goes to the Page Inbox — after our message, since the app that passed a thread may no longer send
   * to it. False when the conversation was no longer with the bot (the normal reply goes out instead).
   */
  private async handOver(
    context: TurnContext,
    turn: Turn,
    conversation: Conversation,
    reason: HandoverReason,
    locale: Locale,
    shop: ShopData,
  ): Promise<boolean> {
    const { settings } = shop;
    const now = this.clock();
    if (conversation.status !== "bot") return false;
    // the conversation leaves the bot in the turn's commit, only while it is still with the bot
    const at = now.toISOString();
    turn.handOver({ reason, at, releaseAt: releaseTime(at, settings.handover) });
    turn.count("handovers");
    log.info("handover.started", {
      shopId: conversation.shopId,
      conversation: maskId(conversation.conversationId),
      reason,
    });
    await context.sendActivity(toActivity({ text: handoverText(reason, locale, settings, now) }, locale));
    const handoff = {
      reason,
      shopId: conversation.shopId,
      conversationId: conversation.conversationId,
      channel: conversation.channel,
      locale,
    };
    await emitHandoff(context, handoff, await transcriptOf(this.db, conversation, context.activity));
    const account = context.turnState.get(ACCOUNT) as ChannelAccount | undefined;
    const graph = context.turnState.get(GRAPH) as GraphClient | undefined;
    if (settings.handover.pageInbox && account?.channel === "messenger" && graph) {
      const deadline = (context.turnState.get(DEADLINE) as number | undefined) ?? Date.now() + 2000;
      // after our message went out: the app that passed a thread may no longer send to it
      const after = context.turnState.get(AFTER_SEND) as Array<() => Promise<void>>;
      after.push(async () => {
        await passThreadToPageInbox(graph, account, conversation.userId, reason, deadline);
      });
    }
    return true;
  }

  /**
   * Text typed while a question is open. A checkout question takes the text as its answer unless the shopper
   * clearly asked something else (then the checkout waits on the cart until "checkout" again); "no" stops it.
   */
  private async answer(
    shopping: Shopping | undefined,
    awaiting: Awaiting,
    text: string,
    meaning: Understanding,
  ): Promise<ShoppingResult | undefined> {
    if (!shopping) return undefined;
    const yesNo = readYesNo(text, meaning.locale);
    if (awaiting.kind === "cancel") {
      if (yesNo === "yes") return shopping.cancel(awaiting.orderId);
      if (yesNo === "no") return shopping.onPayload(`CANCELNO:${awaiting.orderId}`);
      return undefined;
    }
    if (awaiting.kind === "review") {
      // a comment, unless the shopper clearly moved on to something else
      if (STRONG_OTHER.has(meaning.intent) && meaning.confidence >= 0.75) return undefined;
      return new Reviews(shopping.context).onComment(text, awaiting);
    }
    if (awaiting.step === "confirm") {
      if (yesNo === "yes") return shopping.confirmShown();
      if (yesNo === "no") return shopping.stopCheckout();
      return undefined;
    }
    if (yesNo === "no" || meaning.intent === "cancel_order") return shopping.stopCheckout();
    const other = STRONG_OTHER.has(meaning.intent) && meaning.confidence >= 0.75;
    if (other && !(awaiting.step === "phone" && /\d{6}/.test(text))) return undefined;
    return shopping.checkoutAnswer({ text });
  }

  /**
   * Recommendations for this shopper (lib/recs): the shop's co-purchase counts (one Query, kept per container
   * while the shop's order count stays the same) and the cart (never recommended; carted and recently shown
   * items are the seeds).
   */
  private async recommender(
    shop: ShopData,
    turn: Turn,
    lastShown: string[] = [],
    /** the cart's products when the caller has just changed them */
    knownCart?: string[],
  ): Promise<Recommender> {
    const products = shop.catalogue.products;
    const coPurchase = await cachedCoPurchase(
      this.db,
      turn.touch.shopId,
      groupsOf(products),
      turn.load.coPurchaseBaskets,
    );
    const inCart = knownCart ?? turn.cart.view().lines.map((l) => l.productId);
    return (ask) =>
      recommend({
        products,
        coPurchase,
        seeds: [...lastShown.slice(0, 3), ...inCart, ...(ask.seeds ?? [])],
        exclude: inCart,
        ...(ask.query ? { query: ask.query } : {}),
        limit: ask.limit ?? 5,
        weights: PRESETS[ask.preset],
      });
  }

  private replyContext(locale: Locale, shop: ShopData): ReplyContext {
    return { locale, settings: shop.settings, catalogue: shop.catalogue };
  }

  private welcome(context: TurnContext, locale: Locale, shop: ShopData, first: boolean): Reply {
    const { settings } = shop;
    const firstName = context.activity.from.name?.split(" ")[0];
    const name = firstName ? ` ${firstName}` : "";
    // The merchant's greeting may use {name} and {shop}; without one, the built-in welcome and what the bot can do.
    const custom = settings.greeting?.[locale];
    const text = !first
      ? t(locale, "greeting.again", { name }, settings.defaultLocale)
      : custom
        ? custom.replace("{name}", name).replace("{shop}", settings.name)
        : `${t(locale, "greeting.first", { name, shop: settings.name }, settings.defaultLocale)}\n${t(locale, "capabilities", {}, settings.defaultLocale)}`;
    return {
      text,
      choices: [
        { title: t(locale, "choice.browse"), payload: "BROWSE" },
        { title: t(locale, "choice.cart"), payload: "CART" },
        { title: t(locale, "choice.human"), payload: "HUMAN" },
      ],
    };
  }
}

/** A Reply as a botbuilder Activity: hero cards (with the retailer id) and suggested actions. */
export function toActivity(reply: Reply, locale: Locale): Partial<Activity> {
  const actions: CardAction[] = (reply.choices ?? []).map((c) => ({
    type: "postBack",
    title: c.title,
    value: c.payload,
    ...(c.quickReply ? { channelData: { quickReply: c.quickReply } } : {}),
  }));
  const cards: ProductCard[] = (reply.cards ?? []).map((c) => ({
    productId: c.productId,
    title: c.title,
    subtitle: c.subtitle,
    images: c.imageUrl ? [{ url: c.imageUrl }] : [],
    buttons: c.buttons.map((b) => ({ type: "postBack", title: b.title, value: b.payload })),
  }));
  return {
    type: "message",
    text: reply.text,
    locale,
    ...(cards.length > 0
      ? {
          attachmentLayout: "carousel",
          attachments: cards.map((content) => ({
            contentType: "application/vnd.microsoft.card.hero",
            content,
          })),
        }
      : {}),
    ...(actions.length > 0 ? { suggestedActions: { to: [], actions } } : {}),
    channelData: { listButton: t(locale, "list.button") },
  };
}
