/** The NLU's result types (docs/interface.md: language, intent, product and quantity extraction). */
import type { Locale } from "../i18n";

export const INTENTS = [
  "greeting",
  "product_question",
  "browse_category",
  "recommendation",
  "add_to_cart",
  "remove_from_cart",
  "clear_cart",
  "view_cart",
  "checkout",
  "order_status",
  "cancel_order",
  "faq",
  "human",
  "complaint",
  "thanks",
  "goodbye",
  /** opting out of reminders and promotions ("stop", "unsubscribe"), not "stop" inside another request */
  "stop",
  "unknown",
] as const;

export type Intent = (typeof INTENTS)[number];

export type QuestionKind = "price" | "stock" | "sizes" | "colors" | "material" | "description";

export interface ProductMatch {
  /** the exact product (variant) when the message singles one out */
  productId?: string;
  /** the item (variant group) when it does not */
  groupId?: string;
  /** 0..1 */
  score: number;
  /**
   * product ids, best first: the variants of the item that fit the colour and size mentioned, or, when
   * other items match nearly as well, the best variant of each of them
   */
  candidates: string[];
}

export interface Understanding {
  /** the conversation's locale after this message */
  locale: Locale;
  /** true when `locale` differs from the context's */
  localeChanged: boolean;
  intent: Intent;
  /** 0..1 */
  confidence: number;
  product?: ProductMatch;
  quantity?: number;
  /** colour and size as the catalogue spells them (English, e.g. "red", "M") */
  attributes: { color?: string; size?: string };
  /** the shop's category the message is about */
  category?: string;
  /** the merchant answer that fits best, whatever the intent */
  answer?: { answerId: string; score: number };
  questionKind?: QuestionKind;
  /**
   * the intent changes state on weaker evidence than an explicit request ("2 linen shirts blue M"): ask the
   * shopper back before acting (rules/evidence.ts)
   */
  confirm?: boolean;
  /** words no lexicon, example, product or answer knows ("harpsichords"): what a failed search was for */
  unknownWords?: string[];
  /** a quantity alone about the item under discussion ("actually make it 2"): the cart line's new quantity */
  setQuantity?: boolean;
  /** a word stands for the item in view ("add it", "kunin ko yan", "要这个") */
  anaphor?: boolean;
  /** the scoring rules that applied (rules/scoring.ts), for the eval, the tests and the logs */
  scoring?: string[];
  /** the evidence rules that moved the intent (rules/evidence.ts), for the eval and the logs */
  rules?: string[];
  /** an order id in the message, normalised to `CC-XXXXXX` (see orderId.ts); whatever the intent */
  orderId?: string;
}
