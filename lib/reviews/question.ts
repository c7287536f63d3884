/**
 * The rating question and the payloads of its buttons, shared by the delivery notification
 * (lib/orders/notify.ts) and the review flow (./flow.ts). Pure.
 *
 * The star buttons carry `rate` payloads and Skip a `reviewSkip` one (lib/turn/payloads.ts).
 */
import type { Choice, Reply } from "../content/replies";
import { type Locale, t } from "../i18n";
import { formatPayload } from "../turn/payloads";
import { MAX_STARS } from "./rating";

/** "⭐⭐⭐ 3": stars read the same in every language, so these titles are not in the catalogues. */
export const starsLabel = (stars: number) => `${"⭐".repeat(stars)} ${stars}`;

/**
 * "How do you like {title}? Tap 1–5 ⭐" with five choices: Messenger quick replies; on WhatsApp more than three
 * choices become a list message (lib/channels/whatsapp/send.ts), its button labelled `review.listButton`.
 */
export function ratingQuestion(
  orderId: string,
  productId: string,
  title: string,
  locale: Locale,
  fallback: Locale,
): Reply {
  const choices: Choice[] = Array.from({ length: MAX_STARS }, (_, i) => ({
    title: starsLabel(i + 1),
    payload: formatPayload({ kind: "rate", orderId, productId, stars: i + 1 }),
  }));
  return { text: t(locale, "review.ask", { title }, fallback), choices };
}
