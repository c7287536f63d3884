/**
 * What the outbound path (lib/outbound/send.ts) talks about: why a message goes out (its purpose), the form
 * Meta allows for it now, and what that form costs. Pure types.
 */
import type { Locale } from "../i18n";

/** The purposes a merchant maps to WhatsApp templates (one template per purpose and locale). */
export const TEMPLATE_PURPOSES = [
  "order_confirmed",
  "order_shipped",
  "order_delivered",
  "order_cancelled",
  "rating_request",
  "agent_follow_up",
] as const;
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];

/** Every reason Chatcart writes to a shopper outside a bot turn. */
export type Purpose = TemplatePurpose | "agent_reply" | "cart_reminder" | "back_to_bot";

export const isTemplatePurpose = (p: string): p is TemplatePurpose =>
  (TEMPLATE_PURPOSES as readonly string[]).includes(p);

/**
 * What a message costs (https://developers.facebook.com/docs/whatsapp/pricing): free-form inside the window
 * is free; templates are billed by category (utility ones are free inside an open window); Messenger tags are
 * free but policy-bound.
 */
export const CATEGORIES = ["free_form", "utility_template", "marketing_template", "tagged"] as const;
export type Category = (typeof CATEGORIES)[number];

export type MessengerTag = "POST_PURCHASE_UPDATE" | "HUMAN_AGENT";

/** The parameters of a template, already filled in, in the template's order. */
export interface TemplateSend {
  name: string;
  /** Meta's language code (`en`, `zh_CN`, `fil` …) */
  language: string;
  /** body `{{1}}…{{n}}` values */
  parameters: string[];
  /** quick-reply button payloads, by button index */
  buttonPayloads?: string[];
  category?: "UTILITY" | "MARKETING";
}

/** The form a message goes out in. */
export type Form =
  | { kind: "free_form"; messagingType?: "RESPONSE" }
  | { kind: "tag"; tag: MessengerTag }
  | { kind: "template"; template: TemplateSend };

/** Why a message was not sent. */
export type NotSentReason =
  | "window_closed"
  | "no_tag"
  | "no_template"
  | "no_conversation"
  | "no_account"
  | "send_failed"
  | "opted_out"
  | "error";

/** The free-form message in the shopper's language: text and optional choices (buttons / quick replies). */
export interface OutboundMessage {
  text: string;
  /** an image (https) sent with or instead of the text: an agent's picture */
  imageUrl?: string;
  choices?: Array<{ title: string; payload: string }>;
  /** WhatsApp list button label when there are more than three choices */
  listButton?: string;
}

/** The order's fields a template may use as parameters. */
export interface TemplateFields {
  orderId?: string;
  /** formatted in the shopper's locale */
  total?: string;
  /** `number url` when the order has tracking */
  tracking?: string;
  productTitle?: string;
  shopName?: string;
  /** rating payloads of the rating question's buttons */
  buttonPayloads?: string[];
}

export type TemplateField = Exclude<keyof TemplateFields, "buttonPayloads">;

/** WhatsApp language codes of Chatcart's locales (https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/supported-languages). */
export const WHATSAPP_LANGUAGE: Record<Locale, string> = {
  en: "en",
  ar: "ar",
  zh: "zh_CN",
  tl: "fil",
  id: "id",
};
