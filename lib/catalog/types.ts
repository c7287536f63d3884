/**
 * The shop's own data, as the merchant edits it and the bot reads it (docs/interface.md). Money is integer minor
 * units with an ISO 4217 currency; texts are per locale and fall back to the shop's default locale.
 */
import type { Locale } from "../i18n";

export type LocalizedText = Partial<Record<Locale, string>>;

export interface Money {
  /** integer minor units (cents) */
  amount: number;
  /** ISO 4217, e.g. "USD" */
  currency: string;
}

export interface Product {
  /** retailer id: Meta catalog `id`, WhatsApp `product_retailer_id` */
  id: string;
  /** variants of one item share it (Meta `item_group_id`) */
  groupId?: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** what the shopper pays (a feed's `sale_price` while the sale runs) */
  price: Money;
  /** the regular price while `price` is a sale price (a feed's `price` next to its `sale_price`) */
  listPrice?: Money;
  stock: number;
  category: string;
  tags: string[];
  /** e.g. { color: "red", size: "M", material: "cotton" }: values in English, lower case */
  attributes: Record<string, string>;
  brand?: string;
  imageUrl?: string;
  /** more pictures (a feed's `additional_image_link`) */
  images?: string[];
  rating?: { average: number; count: number };
  /** optimistic-locking version, set by the store */
  version?: number;
  updatedAt?: string;
}

export interface Answer {
  id: string;
  /** example questions per locale; the matcher learns from them */
  questions: Partial<Record<Locale, string[]>>;
  answer: LocalizedText;
  version?: number;
  updatedAt?: string;
}

export interface HandoverRules {
  /** hand over after this many unanswered turns in a row; 0: never */
  maxUnansweredTurns: number;
  /** hand over when the cart is worth more than this (minor units); undefined: never */
  cartValueAbove?: number;
  /** on handover, pass Messenger threads to Meta's Page Inbox (handover protocol) */
  pageInbox: boolean;
  /** a conversation with no reply from a person for this long goes back to the bot; default 60 */
  idleReleaseMinutes?: number;
  /**
   * An approved WhatsApp message template sent when a person replies after the 24 h window closed: it asks the
   * shopper to write again, which reopens the window. Without one such replies are refused.
   */
  whatsappTemplate?: { name: string; language: string };
}

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * When people answer, in the shop's IANA time zone: per weekday, `["09:00", "18:00"]` intervals (end
 * exclusive; `"24:00"` is midnight; an end before its start runs past midnight). A day left out is closed.
 */
export interface OpeningHours {
  timezone: string;
  days: Partial<Record<Weekday, Array<[string, string]>>>;
}

export interface ShopSettings {
  name: string;
  locales: Locale[];
  defaultLocale: Locale;
  currency: string;
  greeting?: LocalizedText;
  paymentMethods: string[];
  handover: HandoverRules;
  /** opening hours as the shopper reads them, per locale: shown on a handover while the shop is closed */
  hours?: LocalizedText;
  /** opening hours the bot checks: without them the shop counts as always open */
  openingHours?: OpeningHours;
  /** carts and their reminders */
  cart?: CartSettings;
  /** the first screen of a chat on each channel (lib/welcome/): what is not set takes the built-in defaults */
  welcome?: WelcomeSettings;
  version?: number;
  /** bumped by every product or answer write: caches of the catalogue compare it */
  catalogVersion?: number;
}

/** What a welcome button does: one of the bot's own actions, or (persistent menu only) a web address. */
export type WelcomeAction = "browse" | "cart" | "orders" | "human";

export interface WelcomeButton {
  title: string;
  action?: WelcomeAction;
  url?: string;
}

export interface WelcomeQuestion {
  question: string;
  action: WelcomeAction;
}

/**
 * The welcome surfaces, per locale where the platform has locales (Messenger, Instagram): greeting, Get
 * Started, persistent menu, ice breakers; WhatsApp's ice breakers and commands (one set, in the default locale).
 */
export interface WelcomeSettings {
  /** false: Chatcart pushes nothing (the merchant manages them in Meta's tools); default true */
  enabled?: boolean;
  /** Messenger's greeting before the first message (≤ 160) */
  greeting?: LocalizedText;
  /** Messenger's Get Started button; default true (the persistent menu needs it) */
  getStarted?: boolean;
  /** Messenger and Instagram persistent menu, per locale (≤ 20 buttons) */
  menu?: Partial<Record<Locale, WelcomeButton[]>>;
  /** Messenger and Instagram ice breakers, per locale (≤ 4) */
  iceBreakers?: Partial<Record<Locale, WelcomeQuestion[]>>;
  whatsapp?: {
    /** ice breakers (≤ 4, ≤ 80 characters each) */
    iceBreakers?: string[];
    /** commands (≤ 30): the shopper sends `/name` (lib/welcome/commands.ts) */
    commands?: Array<{ name: "browse" | "cart" | "order" | "human"; description: string }>;
  };
}

export interface CartSettings {
  /** a cart nobody touched for this many days is empty (and DynamoDB TTL removes it); default 7 */
  expiryDays: number;
  /** remind the shopper of a cart left alone this long (minutes; inside the platform's window only); 0: never */
  reminderAfterMinutes?: number;
}

/** A question the bot could not answer, grouped by its normalised text. */
export interface UnansweredQuestion {
  /** normalised text: the group key */
  key: string;
  /** the latest wording seen */
  text: string;
  locale: Locale;
  count: number;
  firstAt: string;
  lastAt: string;
  /** the latest conversation that asked it (`{channel}:{user id}`), to open it in the inbox */
  conversationId?: string;
}
