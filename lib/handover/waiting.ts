/**
 * A shopper waiting for a person is never left in silence (pure). The handover message and, while nobody has
 * taken the conversation, a reminder at most every {@link WAITING_NOTICE_EVERY_MS} say in the shopper's
 * language that a person will answer here, when (the opening hours while the shop is closed; otherwise that
 * the bot picks up again after the shop's idle limit), and offer a "Talk to the bot" button (payload `BOT`).
 * Once a person has the conversation (`agent`) the bot stays silent: the person is talking.
 */
import type { ShopSettings } from "../catalog/types";
import type { Choice } from "../content/replies";
import { type Locale, t } from "../i18n";
import type { Conversation } from "../model/conversation";
import { formatPayload } from "../turn/payloads";
import { isOpen } from "./hours";
import { idleReleaseMinutes } from "./service";

/** How often a waiting shopper who keeps writing is told again. */
export const WAITING_NOTICE_EVERY_MS = 10 * 60_000;

/** The button that takes a waiting shopper back to the bot. */
export const backToBotChoice = (locale: Locale, fallback: Locale): Choice => ({
  title: t(locale, "choice.bot", {}, fallback),
  payload: formatPayload({ kind: "bot" }),
});

type Settings = Pick<ShopSettings, "defaultLocale" | "hours" | "openingHours" | "handover">;

/** The opening hours line while the shop is closed, else "". */
export function closedLine(locale: Locale, settings: Settings, now: Date): string {
  if (isOpen(settings.openingHours, now)) return "";
  const fallback = settings.defaultLocale;
  return settings.hours?.[locale] ?? settings.hours?.[fallback] ?? t(locale, "handover.closed", {}, fallback);
}

/**
 * What to tell a shopper who writes while the conversation is not with the bot, or undefined for silence: the
 * conversation is with a person, or the shopper was told less than {@link WAITING_NOTICE_EVERY_MS} ago.
 */
export function waitingNotice(
  conversation: Pick<Conversation, "status" | "handoverAt" | "waitingNoticeAt">,
  locale: Locale,
  settings: Settings,
  now: Date,
): { text: string; choices: Choice[] } | undefined {
  if (conversation.status !== "waiting") return undefined;
  // the first message after the handover is answered; later ones at most every WAITING_NOTICE_EVERY_MS
  const noticed = Date.parse(conversation.waitingNoticeAt ?? "") || 0;
  const handedOver = Date.parse(conversation.handoverAt ?? "") || 0;
  if (noticed >= handedOver && now.getTime() - noticed < WAITING_NOTICE_EVERY_MS) return undefined;
  const fallback = settings.defaultLocale;
  const minutes = String(idleReleaseMinutes(settings.handover));
  const closed = closedLine(locale, settings, now);
  const text = [t(locale, "handover.waiting", { minutes }, fallback), closed].filter(Boolean).join("\n");
  return { text, choices: [backToBotChoice(locale, fallback)] };
}
