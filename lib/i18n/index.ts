/**
 * Shopper-facing text, one catalogue per locale. Missing keys fall back to the shop's default locale,
 * then to English. Keep texts short: people read them on a phone.
 */
import { ar } from "./ar";
import { type Catalogue, en, type MessageKey } from "./en";
import { id } from "./id";
import { tl } from "./tl";
import { zh } from "./zh";

export const LOCALES = ["en", "ar", "zh", "tl", "id"] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

const CATALOGUES: Record<Locale, Partial<Catalogue>> = { en, ar, zh, tl, id };

export const isLocale = (v: unknown): v is Locale =>
  typeof v === "string" && (LOCALES as readonly string[]).includes(v);

/** The text for `key` in `locale`, with `{param}` placeholders filled. */
export function t(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string> = {},
  fallback: Locale = "en",
): string {
  const template = CATALOGUES[locale][key] ?? CATALOGUES[fallback][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? "");
}
