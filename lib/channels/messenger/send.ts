/**
 * Bot Activity → Messenger Send API request bodies (`POST /{page-id}/messages`).
 *
 * Limits: https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies and
 * https://developers.facebook.com/docs/messenger-platform/send-messages/template/generic
 */
import type { Activity, CardAction } from "botframework-schema";
import { ECHO_METADATA } from "../../handover/echo";
import {
  actionPayload,
  imageAttachments,
  isReplyAction,
  type ProductCard,
  productCards,
  rawGraphBody,
  suggestedActions,
} from "../cards";
import { splitText, truncate } from "../text";
import type { GraphBody, OutboundOptions } from "../types";

/** Messenger Send API limits, in code points. */
export const MESSENGER_LIMITS = {
  text: 2000,
  quickReplies: 13,
  quickReplyTitle: 20,
  payload: 1000,
  elements: 10,
  elementTitle: 80,
  elementSubtitle: 80,
  buttons: 3,
  buttonTitle: 20,
} as const;

const L = MESSENGER_LIMITS;
type Message = Record<string, unknown>;

/** Quick replies that ask Messenger to offer the shopper's own phone number / email. */
const CONTACT_QUICK_REPLIES = new Set(["user_phone_number", "user_email"]);

const quickReply = (action: CardAction): Message => {
  const special: unknown = (action.channelData as { quickReply?: unknown } | undefined)?.quickReply;
  if (typeof special === "string" && CONTACT_QUICK_REPLIES.has(special)) return { content_type: special };
  const payload = actionPayload(action);
  return {
    content_type: "text",
    title: truncate(action.title || payload, L.quickReplyTitle),
    payload: truncate(payload, L.payload),
    ...(action.image && { image_url: action.image }),
  };
};

const button = (action: CardAction): Message | undefined => {
  if (isReplyAction(action)) {
    const payload = actionPayload(action);
    return {
      type: "postback",
      title: truncate(action.title || payload, L.buttonTitle),
      payload: truncate(payload, L.payload),
    };
  }
  if (action.type === "openUrl" && typeof action.value === "string") {
    return { type: "web_url", title: truncate(action.title, L.buttonTitle), url: action.value };
  }
  return undefined;
};

const element = (card: ProductCard): Message => {
  // Messenger requires a non-empty title; the card text stands in when a card has none.
  const title = card.title || card.text || card.productId || "-";
  const subtitle = card.subtitle || (card.title ? card.text : undefined);
  const image = card.images?.[0]?.url;
  const buttons = (card.buttons ?? []).flatMap((b) => button(b) ?? []).slice(0, L.buttons);
  const tap = card.tap?.type === "openUrl" && typeof card.tap.value === "string" ? card.tap.value : undefined;
  return {
    title: truncate(title, L.elementTitle),
    ...(subtitle && { subtitle: truncate(subtitle, L.elementSubtitle) }),
    ...(image && { image_url: image }),
    ...(tap && { default_action: { type: "web_url", url: tap } }),
    ...(buttons.length > 0 && { buttons }),
  };
};

/**
 * The Send API bodies for one bot activity, in the order to send them: text (split at 2000 code points),
 * images, then one generic template of the product cards. Suggested actions become quick replies on the last
 * message (Messenger shows them under the latest message only). `channelData.graphBody` is sent as is,
 * instead of everything else. Non-message activities (typing, events) give `[]`.
 *
 * Every message carries `metadata: "chatcart"`, which Meta returns in its echo: that tells our echoes from
 * those of a person in the Page Inbox even without `META_APP_ID` (see lib/handover/echo.ts).
 */
export const toMessengerBodies = (
  activity: Partial<Activity>,
  recipientId: string,
  opts: OutboundOptions,
): GraphBody[] => {
  if ((activity.type ?? "message") !== "message") return [];
  const messagingType = opts.messagingType ?? "RESPONSE";
  // A tag is only valid (and only allowed) with MESSAGE_TAG; HUMAN_AGENT is for people, never the bot.
  const tag = messagingType === "MESSAGE_TAG" && opts.tag ? { tag: opts.tag } : {};
  const envelope = (message: Message): GraphBody => ({
    recipient: { id: recipientId },
    messaging_type: messagingType,
    ...tag,
    message: { ...message, metadata: ECHO_METADATA },
  });

  const raw = rawGraphBody(activity);
  if (raw) {
    const message = raw.message;
    const marked =
      typeof message === "object" && message !== null && !Array.isArray(message)
        ? { message: { metadata: ECHO_METADATA, ...(message as Message) } }
        : {};
    return [{ messaging_type: messagingType, ...tag, ...raw, ...marked, recipient: { id: recipientId } }];
  }

  const messages: Message[] = splitText(activity.text ?? "", L.text).map((text) => ({ text }));
  for (const image of imageAttachments(activity)) {
    messages.push({ attachment: { type: "image", payload: { url: image.contentUrl, is_reusable: true } } });
  }
  const cards = productCards(activity).slice(0, L.elements);
  if (cards.length > 0) {
    messages.push({
      attachment: { type: "template", payload: { template_type: "generic", elements: cards.map(element) } },
    });
  }

  const quickReplies = suggestedActions(activity).slice(0, L.quickReplies).map(quickReply);
  const last = messages.at(-1);
  // Quick replies need a message to ride on; an activity with choices but no content has nothing to show.
  if (last && quickReplies.length > 0) last.quick_replies = quickReplies;

  return messages.map(envelope);
};
