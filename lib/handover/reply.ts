/**
 * What the shopper reads when the bot hands over (pure): that a person will reply here, and when the shop is
 * closed, its opening hours as the merchant wrote them (`settings.hours`, localized).
 */
import type { ShopSettings } from "../catalog/types";
import { type Locale, type MessageKey, t } from "../i18n";
import { isOpen } from "./hours";
import type { HandoverReason } from "./rules";

const TEXT: Record<HandoverReason, MessageKey> = {
  asked: "human.soon",
  complaint: "complaint",
  unanswered: "handover.unanswered",
  cart_value: "handover.cart",
};

export function handoverText(
  reason: HandoverReason,
  locale: Locale,
  settings: Pick<ShopSettings, "defaultLocale" | "hours" | "openingHours">,
  now: Date,
): string {
  const fallback = settings.defaultLocale;
  const text = t(locale, TEXT[reason], {}, fallback);
  if (isOpen(settings.openingHours, now)) return text;
  const hours = settings.hours?.[locale] ?? settings.hours?.[fallback];
  return `${text}\n${hours ?? t(locale, "handover.closed", {}, fallback)}`;
}
