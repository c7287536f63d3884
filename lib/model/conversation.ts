/**
 * A conversation: one shopper on one channel of one shop (id `{channel}:{user id}`), and its transcript.
 * Domain types only; lib/store/conversations.ts keeps them.
 */

export type ConversationStatus = "bot" | "waiting" | "agent";

export interface TrafficSource {
  source: string;
  type?: string;
  ref?: string;
  adId?: string;
  url?: string;
  headline?: string;
  at: string;
}

/** What the shopper gave at their last checkout, offered again next time. */
export interface ShopperProfile {
  name?: string;
  phone?: string;
  address?: { text?: string; latitude?: number; longitude?: number };
}

export interface Conversation {
  shopId: string;
  conversationId: string;
  channel: string;
  userId: string;
  /**
   * WhatsApp: the shopper's phone number (digits) when Meta gave it, and their business-scoped user id. A
   * username-only shopper has only the BSUID, which is then the `userId` (lib/bot/identity.ts).
   */
  phone?: string;
  bsuid?: string;
  /** the shopper's display name when the platform gives one (WhatsApp profile) */
  name?: string;
  locale?: string;
  status: ConversationStatus;
  /** ISO time of the shopper's last message: the 24 h / 7 day windows start here */
  lastInboundAt?: string;
  lastActivityAt: string;
  createdAt: string;
  /** the first traffic source seen (m.me ref, ad, click-to-WhatsApp) */
  source?: TrafficSource;
  /** the latest traffic source */
  lastSource?: TrafficSource;
  /** the page id or phone number id the shopper writes to (agent replies go out from it) */
  accountId?: string;
  /** who has it while `agent`: an agent API token's id, or `page-inbox` */
  agentId?: string;
  /** why it left the bot (`asked`, `complaint`, `unanswered`, `cart_value`, `agent`, `page-inbox`) */
  handoverReason?: string;
  /** when it left the bot: the inbox shows waiting times from here */
  handoverAt?: string;
  /** the last message a person sent */
  lastAgentAt?: string;
  /** the last thing a person did (handover, takeover, reply): the idle release counts from here */
  idleSince?: string;
  /** when a waiting shopper was last told that a person will answer (lib/handover/waiting.ts) */
  waitingNoticeAt?: string;
  /** the agent who last read the conversation, and when: messages after it count as unread */
  readAt?: string;
  /** when and why it last went back to the bot (`agent`, `idle`, `thread_control`, `shopper`) */
  releasedAt?: string;
  releaseReason?: string;
  /** name, phone and address of the last checkout */
  profile?: ShopperProfile;
  /** the conversation is listed under its user id (for data deletion) */
  userIndexed?: boolean;
  /** how many shopper messages were recorded (1: the message that created it) */
  inbound?: number;
  /** the shopper said stop: no reminders or other messages they did not ask for */
  optedOut?: boolean;
  /** the bot's dialog state (botbuilder ConversationState), by storage key: read and written with the turn */
  dialog?: Record<string, unknown>;
  /** counts the turns committed: a turn writes only over the revision it read (lib/store/turn.ts) */
  turnRev?: number;
  /** the shopper's messages in the current minute (lib/turn/rateLimit.ts) */
  rate?: { window: string; count: number };
}

export interface TranscriptMessage {
  at: string;
  direction: "in" | "out";
  /** who wrote it: the shopper, the bot or a person */
  author: "shopper" | "bot" | "agent";
  text: string;
  /** inbound kind or outbound message type, for the inbox */
  kind?: string;
  /** platform message id, when known */
  externalId?: string;
  /** the outbox id of a message queued before Meta gave it an id (its status reference waits under it) */
  sendId?: string;
  /** a photo, voice note, video, document or sticker: the agent API serves it (lib/media/) */
  media?: { kind: string; id?: string; url?: string; mimeType?: string };
  /** the person who wrote an `agent` message */
  agentId?: string;
  /** outbound outside a bot turn (lib/outbound): why it went out, in which form, at what cost */
  purpose?: string;
  /** `free_form`, `tag:POST_PURCHASE_UPDATE`, `tag:HUMAN_AGENT`, `template:{name}` */
  form?: string;
  category?: string;
  /** `sent`, `queued`, `not_sent`, then `delivered`, `read`, `failed` (status webhooks) */
  status?: string;
  /** why it was not sent */
  reason?: string;
  /** Meta's error of a failed message */
  error?: { code?: number; title?: string };
}
