/**
 * The shop's own data, as the merchant edits it and the bot reads it (DESIGN §5). Money is integer minor
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
  price: Money;
  stock: number;
  category: string;
  tags: string[];
  /** e.g. { color: "red", size: "M", material: "cotton" }: values in English, lower case */
  attributes: Record<string, string>;
  brand?: string;
  imageUrl?: string;
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
  /** hand over after this many unanswered turns in a row */
  maxUnansweredTurns: number;
  /** hand over when the cart is worth more than this (minor units); undefined: never */
  cartValueAbove?: number;
  /** allow passing Messenger threads to Meta's Page Inbox */
  pageInbox: boolean;
}

export interface ShopSettings {
  name: string;
  locales: Locale[];
  defaultLocale: Locale;
  currency: string;
  greeting?: LocalizedText;
  paymentMethods: string[];
  handover: HandoverRules;
  /** opening hours shown when the shop is closed, per locale */
  hours?: LocalizedText;
  version?: number;
  /** bumped by every product or answer write: caches of the catalogue compare it */
  catalogVersion?: number;
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
}
