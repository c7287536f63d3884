/**
 * What the outbound mappers read from a bot Activity: product cards, images and choices, shared by the
 * Messenger and WhatsApp senders so both read an Activity the same way.
 */
import type { Activity, Attachment, CardAction, HeroCard } from "botframework-schema";
import { isRecord } from "./record";

/** Content type of a hero card attachment (botbuilder `CardFactory.contentTypes.heroCard`). */
export const HERO_CARD = "application/vnd.microsoft.card.hero";

/**
 * A product shown as a hero card. `productId` is the retailer id (Meta catalog `id`, WhatsApp
 * `product_retailer_id`); `section` groups products in a WhatsApp multi-product message.
 */
export type ProductCard = Partial<HeroCard> & { productId?: string; section?: string };

/** The hero cards of an activity, in order. */
export const productCards = (activity: Partial<Activity>): ProductCard[] =>
  (activity.attachments ?? [])
    .filter((a) => a.contentType === HERO_CARD && isRecord(a.content))
    .map((a) => a.content as ProductCard);

/** The image attachments sent by URL (`contentType` `image/*` with a `contentUrl`). */
export const imageAttachments = (activity: Partial<Activity>): Array<Attachment & { contentUrl: string }> =>
  (activity.attachments ?? []).filter(
    (a): a is Attachment & { contentUrl: string } =>
      typeof a.contentType === "string" &&
      a.contentType.startsWith("image/") &&
      typeof a.contentUrl === "string" &&
      a.contentUrl !== "",
  );

/** Button types that come back to the bot as a payload (everything else, e.g. `openUrl`, does not). */
const REPLY_ACTIONS = new Set(["postBack", "imBack", "messageBack"]);

export const isReplyAction = (action: CardAction): boolean => REPLY_ACTIONS.has(action.type);

/** The payload an action sends back: its `value` as a string, else its title. */
export const actionPayload = (action: CardAction): string => {
  const { value } = action;
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isRecord(value) || Array.isArray(value)) return JSON.stringify(value);
  return action.title ?? "";
};

/** The suggested actions of an activity (quick replies / reply buttons). */
export const suggestedActions = (activity: Partial<Activity>): CardAction[] =>
  (activity.suggestedActions?.actions ?? []).filter((a) => isRecord(a) && typeof a.title === "string");

/** `activity.channelData` as a record, or an empty one. */
export const channelDataOf = (activity: Partial<Activity>): Record<string, unknown> =>
  isRecord(activity.channelData) ? activity.channelData : {};

/** `channelData.graphBody` when the bot wants a raw Graph API body sent as is. */
export const rawGraphBody = (activity: Partial<Activity>): Record<string, unknown> | undefined => {
  const body = channelDataOf(activity).graphBody;
  return isRecord(body) ? body : undefined;
};
