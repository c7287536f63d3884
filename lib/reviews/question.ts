/**
 * The rating question and the payloads of its buttons, shared by the delivery notification
 * (lib/orders/notify.ts) and the review flow (./flow.ts). Pure.
 *
 * Payloads: `RATE:{orderId}:{productId}:{1..5}` (a star button), `REVIEWSKIP:{orderId}:{productId}` (no
 * comment). Order and product ids never hold a colon (lib/catalog/schema.ts `ID_PATTERN`, lib/orders/ids.ts).
 */
import type { Choice, Reply } from "../content/replies";
import { type Locale, t } from "../i18n";
import { isStars, MAX_STARS } from "./rating";

export type ReviewPayload =
  | { kind: "rate"; orderId: string; productId: string; stars: number }
  | { kind: "skip"; orderId: string; productId: string };

const PAYLOAD = /^(RATE|REVIEWSKIP):([^:]+):([^:]+)(?::(\d+))?$/;

export const isReviewPayload = (payload: string): boolean => /^(RATE|REVIEWSKIP):/.test(payload);

export const ratePayload = (orderId: string, productId: string, stars: number) =>
  `RATE:${orderId}:${productId}:${stars}`;

export const skipPayload = (orderId: string, productId: string) => `REVIEWSKIP:${orderId}:${productId}`;

/** The payload read, or undefined when it is not a well-formed review payload (stars outside 1–5 included). */
export function parseReviewPayload(payload: string): ReviewPayload | undefined {
  const m = PAYLOAD.exec(payload);
  if (!m) return undefined;
  const [, kind, orderId = "", productId = "", stars] = m;
  if (kind === "REVIEWSKIP") return stars === undefined ? { kind: "skip", orderId, productId } : undefined;
  const n = Number(stars);
  return stars !== undefined && isStars(n) ? { kind: "rate", orderId, productId, stars: n } : undefined;
}

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
    payload: ratePayload(orderId, productId, i + 1),
  }));
  return { text: t(locale, "review.ask", { title }, fallback), choices };
}
