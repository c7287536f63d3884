/**
 * The contract between the Meta channels and the bot runtime.
 *
 * Inbound: a webhook delivery (already signature-checked and JSON-parsed) becomes a list of
 * botbuilder Activities. Outbound: an Activity the bot sends becomes one or more Graph API request
 * bodies. Only type imports of `botframework-schema` are allowed here, so nothing of botbuilder is bundled.
 */
import type { Activity } from "botframework-schema";

export type ChannelId = "messenger" | "whatsapp" | "instagram";

/**
 * What the shopper did, as carried in `activity.channelData.kind`.
 * Button-like replies (quick reply, postback, WhatsApp button/list reply, template button) are
 * `message` activities whose `value` is `{ payload }` and whose `text` is the button title.
 */
export type InboundKind =
  | "text"
  | "quick_reply"
  | "postback"
  | "button_reply"
  | "list_reply"
  | "order"
  | "location"
  | "image"
  | "audio"
  | "video"
  | "file"
  | "sticker"
  | "story_reply"
  | "story_mention"
  | "reaction"
  | "referral"
  /** a reaction to one of our messages (or its removal: an empty emoji) */
  | "reaction"
  /** a WhatsApp system message (the shopper changed number) */
  | "system"
  | "unsupported";

/** Traffic source from a Messenger referral (m.me link, ad, Get Started) or a click-to-WhatsApp ad. */
export interface Referral {
  /** `MESSENGER_CODE`, `SHORTLINK`, `ADS`, `CUSTOMER_CHAT_PLUGIN`, WhatsApp `ad` / `post` … */
  source: string;
  /** `OPEN_THREAD` on Messenger, the WhatsApp `source_type` */
  type?: string;
  /** the `ref` parameter of an m.me link */
  ref?: string;
  adId?: string;
  /** WhatsApp `source_url` */
  url?: string;
  headline?: string;
}

export interface OrderItem {
  retailerId: string;
  quantity: number;
  /** price as the platform sent it (major units, informational only: prices come from our catalogue) */
  itemPrice?: number;
  currency?: string;
}

/**
 * `channelData` of an inbound activity. `kind` is always present for messages; events carry `name`
 * on the activity (`delivery`, `read`, `status`, `echo`, `referral`, `handover`).
 */
export interface InboundChannelData {
  kind?: InboundKind;
  /** the quick reply / postback / button / list payload */
  payload?: string;
  referral?: Referral;
  order?: { catalogId?: string; text?: string; items: OrderItem[] };
  location?: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
  /** a reaction: the emoji ("" when removed) and the message it is on */
  reaction?: { emoji: string; messageId?: string };
  /** WhatsApp `system` user_changed_number: the shopper's new WhatsApp id */
  system?: { type?: string; newUserId?: string; body?: string };
  /** the catalogue item a message is about (WhatsApp `context.referred_product`, the "Message business" button) */
  referredProduct?: string;
  /** what an `unsupported` message was: `contact`, `document`, `audio` … */
  unsupported?: string;
  /** Messenger echo: the app that sent the message (another app id = a person in Meta's inbox) */
  appId?: string;
  /** Messenger echo: the `metadata` the sender set on the message (ours carry a marker) */
  metadata?: string;
  /** Messenger standby event: an echo of a message the page sent (not the shopper's) */
  echo?: boolean;
  /** WhatsApp status or the Messenger delivery/read watermark */
  status?: string;
  /**
   * A photo, voice note, video, document or sticker the shopper sent: its Graph media id (WhatsApp) or its
   * CDN address (Messenger, Instagram). The agent API serves it (lib/media/).
   */
  media?: InboundMedia;
  /** Instagram story reply / mention: the story's CDN address */
  story?: { id?: string; url?: string };
  /**
   * WhatsApp identity (usernames): the business-scoped user id and the phone number when Meta gave it. The
   * activity's `from.id` is the phone number when known, else the BSUID (lib/bot/identity.ts joins them).
   */
  whatsapp?: { bsuid?: string; phone?: string; username?: string };
  /** the raw messaging entry / message object, for logging and later skills */
  raw?: unknown;
}

export type MediaKind = "image" | "audio" | "video" | "file" | "sticker";

export interface InboundMedia {
  kind: MediaKind;
  /** WhatsApp Graph media id */
  id?: string;
  /** Messenger / Instagram attachment address */
  url?: string;
  mimeType?: string;
  caption?: string;
}

/** One shopper action or platform event, ready for the bot adapter. */
export interface InboundActivity {
  activity: Partial<Activity> & {
    type: "message" | "event";
    channelId: ChannelId;
    conversation: { id: string };
    from: { id: string; name?: string };
    recipient: { id: string };
    channelData: InboundChannelData;
  };
  /** `mid` / `wamid` used to answer a redelivered message once; absent for events that need no reply */
  dedupKey?: string;
}

/** Result of parsing a whole delivery: what to process and what was ignored (logged, acknowledged with 200). */
export interface ParsedDelivery {
  /** page id (Messenger `entry[].id`) or WhatsApp `metadata.phone_number_id` of each entry */
  items: Array<InboundActivity & { accountId: string }>;
  ignored: Array<{ reason: string }>;
}

/** A Graph API request body for `POST {graph}/{accountId}/messages`. */
export type GraphBody = Record<string, unknown>;

/** Per-send options the adapter gives the outbound mapper. */
export interface OutboundOptions {
  /** WhatsApp: when set, product cards go out as `product` / `product_list` messages of this catalog */
  catalogId?: string;
  /** Messenger: `RESPONSE` (default), `UPDATE` or `MESSAGE_TAG` with a tag (human agents only) */
  messagingType?: "RESPONSE" | "UPDATE" | "MESSAGE_TAG";
  tag?: "HUMAN_AGENT";
}

/** Conversation ids are `{channel}:{user id}`, e.g. `whatsapp:6591234567`. */
export const conversationId = (channel: ChannelId, userId: string): string => `${channel}:${userId}`;
