/**
 * The bot's turn logic: understand the shopper (lib/nlu), decide the reply (lib/content), send it as an
 * Activity. Buttons carry payloads (`CAT:tops`, `MORE:TEE-RED-M`) that skip the NLU.
 *
 * It speaks only while the conversation's status is `bot`: when a person has it (`waiting`, `agent`) the
 * shopper's message is stored (transcript middleware) and nothing is sent.
 */
import {
  ActivityHandler,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from "botbuilder-core";
import type { Activity, CardAction } from "botframework-schema";
import type { ShopData } from "../catalog/cache";
import type { ProductCard } from "../channels/cards";
import type { InboundChannelData } from "../channels/types";
import { compose, composeForPayload, type Reply, type ReplyContext } from "../content/replies";
import { type Locale, t } from "../i18n";
import { understand } from "../nlu";
import type { Db } from "../store/client";
import { type Conversation, updateConversation } from "../store/conversations";
import { recordUnanswered } from "../store/unanswered";
import { SHOP_ID } from "./transcript";

export const CONVERSATION = Symbol("chatcart.conversation");
export const SHOP = Symbol("chatcart.shop");

interface DialogData {
  greeted?: boolean;
}

export class ChatBot extends ActivityHandler {
  private readonly dialog: StatePropertyAccessor<DialogData>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly db: Db,
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
    const payload = channelData.payload;
    if (channelData.kind === "unsupported") {
      reply = { text: t(locale, "unsupported") };
    } else if (payload) {
      reply = composeForPayload(payload, this.replyContext(locale, shop));
    }
    if (!reply && text) {
      const meaning = understand(text, {
        index: shop.index,
        locale: previous,
        allowed: settings.locales,
        fallback: settings.defaultLocale,
      });
      locale = meaning.locale;
      reply = compose(meaning, this.replyContext(locale, shop));
      // A first "hi" gets the full welcome, not "I didn't get that".
      if (first && (meaning.intent === "greeting" || meaning.intent === "unknown")) reply = undefined;
      else if (reply.unanswered) {
        const shopId = conversation?.shopId ?? (context.turnState.get(SHOP_ID) as string);
        await recordUnanswered(this.db, shopId, text, locale, new Date());
      }
    }
    if (conversation && locale !== previous) {
      await updateConversation(this.db, conversation.shopId, conversation.conversationId, { locale });
    }
    if (!reply) reply = this.welcome(context, locale, shop, first);
    await context.sendActivity(toActivity(reply, locale));
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
