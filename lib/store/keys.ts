/**
 * Every key of the single table, composed in one place. The README's access-pattern table mirrors this file.
 *
 * Items carry `pk`, `sk`, the entity name `_et` and its schema version `_v`; `gsi1pk`/`gsi1sk` only on
 * items that a sparse index lists; `expiresAt` (epoch seconds) where DynamoDB TTL should remove them.
 */
export const ENTITY_VERSION = 1;

export type Entity =
  | "Shop"
  | "ChannelAccount"
  | "Conversation"
  | "HandoverTimer"
  | "Message"
  | "Inbound"
  | "BotState"
  | "Outbox"
  | "SinkMessage"
  | "Product"
  | "Answer"
  | "Token"
  | "TokenRef"
  | "EnvToken"
  | "Unanswered"
  | "Cart"
  | "Order"
  | "OrderRef"
  | "Review"
  | "OrderPlaced"
  | "CoPurchase"
  | "Funnel"
  | "UserConversation"
  | "Deletion"
  | "Import"
  | "ImportUndo"
  | "WhatsAppIdentity"
  | "WelcomeLive"
  | "AgentNotice"
  | "CannedReply"
  | "Note"
  | "Agent"
  | "OrderUndo"
  | "OutboundRef"
  | "Notification"
  | "OutboundCount"
  | "Templates"
  | "DevClock"
  | "SinkTemplate";

export interface Key {
  pk: string;
  sk: string;
}

const convPk = (shopId: string, conversationId: string) => `SHOP#${shopId}#CONV#${conversationId}`;

export const keys = {
  /** shop settings */
  shop: (shopId: string): Key => ({ pk: `SHOP#${shopId}`, sk: "SHOP" }),
  /** a product of a shop; all products of a shop share a partition (one Query loads the catalogue) */
  product: (shopId: string, productId: string): Key => ({
    pk: `SHOP#${shopId}#PRODUCT`,
    sk: `PRODUCT#${productId}`,
  }),
  productPartition: (shopId: string) => `SHOP#${shopId}#PRODUCT`,
  /** a merchant answer (FAQ) of a shop; one partition per shop */
  answer: (shopId: string, answerId: string): Key => ({
    pk: `SHOP#${shopId}#ANSWER`,
    sk: `ANSWER#${answerId}`,
  }),
  answerPartition: (shopId: string) => `SHOP#${shopId}#ANSWER`,
  /** an API token, by the SHA-256 of its value (the token itself is never stored) */
  token: (sha256Hex: string): Key => ({ pk: `TOKEN#${sha256Hex}`, sk: "TOKEN" }),
  /** a shop's token as the admin API lists it (id = first 16 hex digits of the SHA-256); one partition per shop */
  tokenRef: (shopId: string, tokenId: string): Key => ({
    pk: `SHOP#${shopId}#TOKENS`,
    sk: `TOKEN#${tokenId}`,
  }),
  tokenRefPartition: (shopId: string) => `SHOP#${shopId}#TOKENS`,
  /** the SHA-256 of the ADMIN_TOKEN / AGENT_TOKEN last seeded, so a changed environment value revokes the old */
  envToken: (role: string): Key => ({ pk: "ENVTOKEN", sk: role }),
  /** a group of similar unanswered questions, by normalised text; counted with ADD */
  unanswered: (shopId: string, groupKey: string): Key => ({
    pk: `SHOP#${shopId}#UNANSWERED`,
    sk: `Q#${groupKey}`,
  }),
  /** GSI1 partition listing a shop's unanswered questions, newest first (gsi1sk `{last seen}#{key}`) */
  unansweredByTime: (shopId: string) => `SHOP#${shopId}#UNANSWERED`,
  /** a Messenger page or WhatsApp number → its shop and token */
  channelAccount: (channel: string, accountId: string): Key => ({
    pk: `CHANNEL#${channel}#${accountId}`,
    sk: "CHANNEL",
  }),
  /** the conversation record: shop, channel, user, locale, status, window, source */
  conversation: (shopId: string, conversationId: string): Key => ({
    pk: convPk(shopId, conversationId),
    sk: "CONV",
  }),
  /** the transcript lives in the conversation's partition, so one Query reads both */
  conversationPartition: convPk,
  message: (shopId: string, conversationId: string, at: string, seq: string): Key => ({
    pk: convPk(shopId, conversationId),
    sk: `MSG#${at}#${seq}`,
  }),
  /** conversations of a shop by status, newest activity first (GSI1, sparse) */
  conversationsByStatus: (shopId: string, status: string) => `SHOP#${shopId}#CONVS#${status}`,
  /**
   * the idle-release timer of a conversation a person has (`waiting`/`agent`), in the conversation's
   * partition; it exists exactly while the conversation is not with the bot
   */
  handoverTimer: (shopId: string, conversationId: string): Key => ({
    pk: convPk(shopId, conversationId),
    sk: "IDLE",
  }),
  /** GSI1 partition of idle-release timers of every shop, sort key `{release at}#{shopId}#{conversation id}` */
  handoverTimers: "HANDOVER#IDLE",
  /** a claimed inbound message id (mid / wamid): a redelivery finds it and is not answered again */
  inbound: (channel: string, dedupKey: string): Key => ({
    pk: `INBOUND#${channel}#${dedupKey}`,
    sk: "INBOUND",
  }),
  /** botbuilder Storage items, namespaced per shop */
  botState: (shopId: string, storageKey: string): Key => ({
    pk: `BOTSTATE#${shopId}#${storageKey}`,
    sk: "STATE",
  }),
  /** a Graph API send that has not gone through yet */
  outbox: (id: string): Key => ({ pk: `OUTBOX#${id}`, sk: "OUTBOX" }),
  /**
   * GSI1 partition of pending outbox items in queue order, sort key `{queued at}#{id}` (sparse: removed when
   * sent or given up; a lease or a retry keeps the item's place)
   */
  outboxDue: "OUTBOX#DUE",
  /**
   * the shopper's cart on one channel of one shop, in the conversation's partition: one item, each line a
   * top-level attribute (`line#{productId}`) so concurrent adds are atomic `ADD`s; the checkout in progress too
   */
  cart: (shopId: string, conversationId: string): Key => ({ pk: convPk(shopId, conversationId), sk: "CART" }),
  /**
   * GSI1 partition of carts with lines, sort key `{last change}#{shopId}#{conversation id}`: the cart reminder
   * finds idle carts here (sparse: the attributes go when the cart is emptied or reminded)
   */
  cartsByActivity: "CARTS#ACTIVE",
  /**
   * "the cart at revision N became order X": written in the order's transaction, so a repeated confirmation of
   * the same cart finds the order instead of placing a second one
   */
  orderPlaced: (shopId: string, conversationId: string, rev: number): Key => ({
    pk: convPk(shopId, conversationId),
    sk: `PLACED#${rev}`,
  }),
  /** an order, by its short id (`CC-7K3F9Q`); the id's uniqueness is this item's `attribute_not_exists` */
  order: (shopId: string, orderId: string): Key => ({ pk: `SHOP#${shopId}#ORDER#${orderId}`, sk: "ORDER" }),
  /** GSI1 partition of a shop's orders, newest first (gsi1sk `{created at}#{order id}`) */
  ordersByTime: (shopId: string) => `SHOP#${shopId}#ORDERS`,
  /** the conversation's list of its orders (one small item per order, in the conversation's partition) */
  orderRef: (shopId: string, conversationId: string, orderId: string): Key => ({
    pk: convPk(shopId, conversationId),
    sk: `ORDER#${orderId}`,
  }),
  /**
   * a shopper's review of one product of a delivered order, in the order's partition (one Query of the order's
   * partition gives the order and what was rated); at most one per (order, product)
   */
  review: (shopId: string, orderId: string, productId: string): Key => ({
    pk: `SHOP#${shopId}#ORDER#${orderId}`,
    sk: `REVIEW#${productId}`,
  }),
  /** GSI1 partition of a product's reviews, newest first (gsi1sk `{created at}#{order id}`) */
  reviewsOfProduct: (shopId: string, productId: string) => `SHOP#${shopId}#REVIEWS#${productId}`,
  /**
   * co-purchase counts of one item (variant group) of a shop: `n` orders held it, `p#{other}` orders held both;
   * counted with ADD when an order is placed, one partition per shop (one Query loads the table)
   */
  coPurchase: (shopId: string, groupKey: string): Key => ({
    pk: `SHOP#${shopId}#COPURCHASE`,
    sk: `G#${groupKey}`,
  }),
  coPurchasePartition: (shopId: string) => `SHOP#${shopId}#COPURCHASE`,
  /** how many orders the co-purchase counts cover */
  coPurchaseTotal: (shopId: string): Key => ({ pk: `SHOP#${shopId}#COPURCHASE`, sk: "TOTAL" }),
  /**
   * the funnel counters of one traffic source on one day (UTC), counted with ADD; one partition per shop, so
   * a date range is one Query (`{day}#{source}` sort keys)
   */
  funnel: (shopId: string, day: string, source: string): Key => ({
    pk: `SHOP#${shopId}#FUNNEL`,
    sk: `${day}#${source}`,
  }),
  funnelPartition: (shopId: string) => `SHOP#${shopId}#FUNNEL`,
  /**
   * "this user has a conversation with this shop": written on first contact (touchInbound), so a data deletion
   * request finds every conversation of a user id across shops and channels with one Query
   */
  userConversation: (userId: string, shopId: string, conversationId: string): Key => ({
    pk: `USER#${userId}`,
    sk: `CONV#${shopId}#${conversationId}`,
  }),
  userPartition: (userId: string) => `USER#${userId}`,
  /** a completed data deletion, by its confirmation code (the status page reads it; no user id on it) */
  deletion: (code: string): Key => ({ pk: `DELETION#${code}`, sk: "DELETION" }),
  /** a catalogue import or bulk delete of a shop (its progress and totals); one partition per shop */
  importJob: (shopId: string, importId: string): Key => ({
    pk: `SHOP#${shopId}#IMPORT`,
    sk: `IMPORT#${importId}`,
  }),
  importPartition: (shopId: string) => `SHOP#${shopId}#IMPORT`,
  /** one chunk of an import's undo log (what each product was before), in the import's own partition */
  importUndo: (shopId: string, importId: string, chunk: number): Key => ({
    pk: `SHOP#${shopId}#IMPORT#${importId}`,
    sk: `UNDO#${String(chunk).padStart(5, "0")}`,
  }),
  importUndoPartition: (shopId: string, importId: string) => `SHOP#${shopId}#IMPORT#${importId}`,
  /**
   * a WhatsApp shopper's business-scoped user id (BSUID) → the conversation it belongs to, written with the
   * turn that first sees the BSUID (lib/store/identities.ts)
   */
  whatsappIdentity: (shopId: string, bsuid: string): Key => ({
    pk: `SHOP#${shopId}#WAUSER#${bsuid}`,
    sk: "ALIAS",
  }),
  /** what the welcome surfaces push last sent to each channel, and Meta's answer (lib/welcome/) */
  welcomeLive: (shopId: string): Key => ({ pk: `SHOP#${shopId}`, sk: "WELCOME" }),
  /**
   * something the shop's agents should know (a waiting conversation went back to the bot unanswered), newest
   * last by time; one partition per shop, removed by TTL after a week
   */
  agentNotice: (shopId: string, at: string, id: string): Key => ({
    pk: `SHOP#${shopId}#NOTICES`,
    sk: `${at}#${id}`,
  }),
  agentNoticePartition: (shopId: string) => `SHOP#${shopId}#NOTICES`,
  /** a canned reply of the team inbox (per locale texts); one partition per shop */
  cannedReply: (shopId: string, id: string): Key => ({ pk: `SHOP#${shopId}#CANNED`, sk: `CANNED#${id}` }),
  cannedPartition: (shopId: string) => `SHOP#${shopId}#CANNED`,
  /** an internal note on a conversation, in the conversation's partition (never a transcript message) */
  note: (shopId: string, conversationId: string, at: string, seq: string): Key => ({
    pk: convPk(shopId, conversationId),
    sk: `NOTE#${at}#${seq}`,
  }),
  /** an agent of a shop as colleagues see them (display name), by agent id; one partition per shop */
  agent: (shopId: string, agentId: string): Key => ({ pk: `SHOP#${shopId}#AGENTS`, sk: `AGENT#${agentId}` }),
  agentPartition: (shopId: string) => `SHOP#${shopId}#AGENTS`,
  /**
   * a message sent outside a bot turn, by its platform id: where its status webhooks go (the transcript message,
   * the order notification) and what it cost (lib/outbound)
   */
  outboundRef: (channel: string, messageId: string): Key => ({
    pk: `OUTMSG#${channel}#${messageId}`,
    sk: "OUTMSG",
  }),
  /** one notification of an order to its shopper (sent, queued or not sent, then delivered/read/failed) */
  notification: (shopId: string, orderId: string, at: string, seq: string): Key => ({
    pk: `SHOP#${shopId}#ORDER#${orderId}`,
    sk: `NOTIFY#${at}#${seq}`,
  }),
  /** outbound messages per UTC day and cost category, counted with ADD (`{day}#{category}`) */
  outboundCount: (shopId: string, day: string, category: string): Key => ({
    pk: `SHOP#${shopId}#OUTBOUND`,
    sk: `${day}#${category}`,
  }),
  outboundCountPartition: (shopId: string) => `SHOP#${shopId}#OUTBOUND`,
  /** the shop's WhatsApp message templates: purpose mapping and the list last synced from Graph */
  templates: (shopId: string): Key => ({ pk: `SHOP#${shopId}#TEMPLATES`, sk: "TEMPLATES" }),
  /** the local stack's clock offset (dev stage only, `POST /dev/clock`) */
  devClock: { pk: "DEVCLOCK", sk: "CLOCK" } as Key,
  /** the local Graph sink's template registry (dev stage only) */
  sinkTemplate: (wabaId: string, name: string, language: string): Key => ({
    pk: `DEVSINK#TEMPLATES#${wabaId}`,
    sk: `${name}#${language}`,
  }),
  sinkTemplatePartition: (wabaId: string) => `DEVSINK#TEMPLATES#${wabaId}`,
  /** local Graph API sink (dev stage only) */
  sinkPartition: "DEVSINK",
} as const;

export const GSI1 = "gsi1";
export const TTL_ATTRIBUTE = "expiresAt";

/** Epoch seconds `days` from now, for `expiresAt`. */
export const expiresInDays = (days: number, now = Date.now()): number =>
  Math.floor(now / 1000 + days * 86400);

/** The attributes that belong to the table, not to the domain object an item holds. */
export const TABLE_ATTRIBUTES: readonly string[] = ["pk", "sk", "_et", "_v", "gsi1pk", "gsi1sk"];

/**
 * The domain object an item holds: the item without its table attributes (and without `also`, attributes
 * the store keeps for itself). The one way items become domain objects; {@link entity} is the way back.
 */
export function toDomain<T>(item: Record<string, unknown>, also: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (!TABLE_ATTRIBUTES.includes(k) && !also.includes(k)) out[k] = v;
  }
  return out as T;
}

/** Marks an item with its entity name and schema version. */
export const entity = <T extends object>(et: Entity, key: Key, attrs: T) => ({
  ...key,
  _et: et,
  _v: ENTITY_VERSION,
  ...attrs,
});
