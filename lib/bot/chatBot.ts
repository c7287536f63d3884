/**
 * The bot as botbuilder sees it: an ActivityHandler that turns the shopper's Activity into a message for the
 * router (lib/turn/router.ts, which picks the skill and keeps the books), sends the reply as an Activity, and
 * hands over when the router says so. The dialog state lives in botbuilder's ConversationState, over a
 * Storage that reads and writes with the turn (./turnStorage.ts).
 *
 * It speaks only while the conversation's status is `bot`: when a person has it (`waiting`, `agent`) the
 * shopper's message is stored (transcript middleware) and nothing is sent.
 *
 * On a handover (lib/handover/rules.ts) the conversation becomes `waiting` in the turn's commit, the shopper is
 * told a person will reply (with the opening hours when the shop is closed), the Bot Framework handoff event
 * goes out, and on Messenger the thread may go to Meta's Page Inbox after our message was sent.
 */
import {
  ActivityHandler,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from "botbuilder-core";
import type { Activity, CardAction } from "botframework-schema";
import type { ShopData } from "../catalog/cache";
import type { Product } from "../catalog/types";
import type { ProductCard } from "../channels/cards";
import type { GraphClient } from "../channels/meta/graph";
import type { InboundChannelData } from "../channels/types";
import { mainChoices, type Recommender, type Reply } from "../content/replies";
import { handoverText } from "../handover/reply";
import type { HandoverReason } from "../handover/rules";
import { releaseTime } from "../handover/service";
import { backToBotChoice, waitingNotice } from "../handover/waiting";
import { isLocale, type Locale, t } from "../i18n";
import { log, maskId } from "../log";
import { groupMap, PRESETS, recommend } from "../recs";
import type { Db } from "../store/client";
import type { Conversation } from "../store/conversations";
import { cachedCoPurchase } from "../store/copurchase";
import { dynamoShopperPorts } from "../store/ports";
import type { ChannelAccount } from "../store/shops";
import { parsePayload } from "../turn/payloads";
import { rateLimit } from "../turn/rateLimit";
import { type DialogData, route } from "../turn/router";
import type { SkillContext } from "../turn/skill";
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
    const conversation = context.turnState.get(CONVERSATION) as Conversation;
    const shop = context.turnState.get(SHOP) as ShopData;
    const turn = context.turnState.get(TURN) as Turn;
    const { settings } = shop;
    const rate = rateLimit(turn);
    if (rate !== "answer") {
      // a flood: answered once, every message still in the transcript
      const locale = (conversation.locale as Locale | undefined) ?? settings.defaultLocale;
      if (rate === "tell")
        await context.sendActivity(toActivity({ text: t(locale, "rate.limited") }, locale));
      return;
    }
    const channelData = (context.activity.channelData ?? {}) as InboundChannelData;
    const backToBot = channelData.payload ? parsePayload(channelData.payload)?.kind === "bot" : false;
    if (conversation.status !== "bot") {
      await this.whileWithPerson(context, turn, conversation, shop, backToBot);
      return;
    }
    const previous = conversation.locale as Locale | undefined;
    const data = await this.dialog.get(context, {});
    if (backToBot) {
      // a "Talk to the bot" button tapped again after the conversation came back: just say so
      const locale = previous ?? settings.defaultLocale;
      await context.sendActivity(toActivity(this.backWithBot(locale, shop), locale));
      return;
    }
    const first = !data.greeted;
    data.greeted = true;
    const recommender = (knownCart?: string[]) => this.recommender(shop, turn, data.lastShown, knownCart);
    const c: SkillContext = {
      turn,
      shop,
      locale: previous ?? settings.defaultLocale,
      now: this.clock(),
      ports: dynamoShopperPorts(this.db, conversation.shopId, conversation.conversationId),
      lastShown: data.lastShown ?? [],
      // after an add the cart is known: its lines are the seeds and what not to suggest
      recommend: async (ask) => (await recommender(ask.seeds))(ask),
      recommender: () => recommender(),
    };
    const routed = await route(
      {
        text: (context.activity.text ?? "").trim(),
        ...(channelData.payload ? { payload: channelData.payload } : {}),
        ...(channelData.kind ? { kind: channelData.kind } : {}),
        ...(channelData.order ? { order: channelData.order.items } : {}),
        ...(channelData.location ? { location: channelData.location } : {}),
        ...(channelData.reaction ? { reaction: channelData.reaction } : {}),
        ...(channelData.system?.newUserId ? { newUserId: channelData.system.newUserId } : {}),
        ...(channelData.unsupported ? { unsupported: channelData.unsupported } : {}),
        // the product a message is about: "Message business" on a product, or an ad or m.me link whose ref
        // is a product id (the router keeps only ids of the catalogue)
        ...((channelData.referredProduct ?? channelData.referral?.ref)
          ? { referredProduct: channelData.referredProduct ?? channelData.referral?.ref }
          : {}),
      },
      c,
      data,
      { first, previousLocale: previous },
    );
    const { locale } = routed;
    if (routed.silent) return;
    let reply = routed.reply;
    if (routed.handover) {
      const reason = routed.handover;
      // the cart change itself is confirmed before the shopper is told a person takes over
      if (reason === "cart_value" && reply) await context.sendActivity(toActivity(reply, locale));
      if (await this.handOver(context, turn, conversation, reason, locale, shop)) {
        if (reason === "cart_value") data.cartHandedOver = true;
        data.awaiting = undefined;
        return;
      }
      if (reason === "cart_value") return;
    }
    if (!reply) reply = this.welcome(context, locale, shop, first || routed.greet === true);
    await context.sendActivity(toActivity(reply, locale));
  }

  /**
   * The shopper writes while a person has the conversation (lib/handover/waiting.ts): "Talk to the bot" brings
   * it back to the bot in this turn's commit; otherwise a waiting shopper is told a person will answer and
   * when (at most every few minutes), and a conversation a person has already gets no bot reply at all.
   */
  private async whileWithPerson(
    context: TurnContext,
    turn: Turn,
    conversation: Conversation,
    shop: ShopData,
    backToBot: boolean,
  ): Promise<void> {
    const { settings } = shop;
    const locale = isLocale(conversation.locale) ? conversation.locale : settings.defaultLocale;
    const now = this.clock();
    if (backToBot) {
      turn.releaseToBot("shopper", now.toISOString());
      log.info("handover.back_to_bot", {
        shopId: conversation.shopId,
        conversation: maskId(conversation.conversationId),
      });
      const data = await this.dialog.get(context, {});
      data.unansweredStreak = 0;
      data.awaiting = undefined;
      await context.sendActivity(toActivity(this.backWithBot(locale, shop), locale));
      return;
    }
    const notice = waitingNotice(conversation, locale, settings, now);
    if (!notice) return;
    turn.set({ waitingNoticeAt: now.toISOString() });
    await context.sendActivity(toActivity(notice, locale));
  }

  private backWithBot(locale: Locale, shop: ShopData): Reply {
    const { settings } = shop;
    return {
      text: t(locale, "handover.back", {}, settings.defaultLocale),
      choices: mainChoices({ locale, settings, catalogue: shop.catalogue }),
    };
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
    // the way back to the bot; not when Meta's Page Inbox takes the thread (our app no longer gets the tap)
    const pageInbox = settings.handover.pageInbox && conversation.channel === "messenger";
    const choices = pageInbox ? [] : [backToBotChoice(locale, settings.defaultLocale)];
    await context.sendActivity(
      toActivity({ text: handoverText(reason, locale, settings, now), choices }, locale),
    );
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
    return { text, choices: mainChoices({ locale, settings, catalogue: shop.catalogue }) };
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
