/**
 * The bot's turn logic. For now it greets in the shopper's language and names what it can do; the skills
 * (answers, cart, checkout, handover) plug in here as they land.
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
import type { CardAction } from "botframework-schema";
import type { InboundChannelData } from "../channels/types";
import { type Locale, t } from "../i18n";
import { nextLocale } from "../nlu/language";
import type { Db } from "../store/client";
import { type Conversation, updateConversation } from "../store/conversations";

export const CONVERSATION = Symbol("chatcart.conversation");
export const SHOP = Symbol("chatcart.shop");

export interface ShopProfile {
  id: string;
  name: string;
  locales: Locale[];
  defaultLocale: Locale;
}

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
    const shop = context.turnState.get(SHOP) as ShopProfile;
    if (conversation && conversation.status !== "bot") return;

    const channelData = (context.activity.channelData ?? {}) as InboundChannelData;
    const previous = conversation?.locale as Locale | undefined;
    const locale = nextLocale(context.activity.text, previous, shop.locales, shop.defaultLocale);
    if (conversation && locale !== previous) {
      await updateConversation(this.db, conversation.shopId, conversation.conversationId, { locale });
    }
    if (channelData.kind === "unsupported") {
      await context.sendActivity({ type: "message", text: t(locale, "unsupported") });
      return;
    }
    const data = await this.dialog.get(context, {});
    const first = context.activity.from.name?.split(" ")[0];
    const name = first ? ` ${first}` : "";
    const greeting = data.greeted
      ? t(locale, "greeting.again", { name })
      : `${t(locale, "greeting.first", { name, shop: shop.name })}\n${t(locale, "capabilities")}`;
    data.greeted = true;
    const actions: CardAction[] = [
      { type: "postBack", title: t(locale, "choice.browse"), value: "BROWSE" },
      { type: "postBack", title: t(locale, "choice.cart"), value: "CART" },
      { type: "postBack", title: t(locale, "choice.human"), value: "HUMAN" },
    ];
    await context.sendActivity({
      type: "message",
      text: greeting,
      locale,
      suggestedActions: { to: [], actions },
      channelData: { listButton: t(locale, "list.button") },
    });
  }
}
