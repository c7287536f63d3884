/**
 * Money and product text for a shopper's locale. Money is integer minor units; the number of minor digits
 * comes from the currency (USD 2, JPY 0, KWD 3), never from a guess.
 */
import type { LocalizedText, Money, Product } from "../catalog/types";
import type { Locale } from "../i18n";

const INTL_TAG: Record<Locale, string> = { en: "en-US", ar: "ar", zh: "zh-CN", tl: "fil-PH", id: "id-ID" };

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: Locale, currency: string): Intl.NumberFormat {
  const k = `${locale}:${currency}`;
  let f = formatters.get(k);
  if (!f) {
    f = new Intl.NumberFormat(INTL_TAG[locale], { style: "currency", currency });
    formatters.set(k, f);
  }
  return f;
}

/** Digits after the decimal point of `currency` (ISO 4217 minor unit). */
export const minorDigits = (currency: string): number =>
  new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;

export function formatMoney(money: Money, locale: Locale): string {
  return formatter(locale, money.currency).format(money.amount / 10 ** minorDigits(money.currency));
}

/** The text in `locale`, else the shop default, else English, else any. */
export function localized(text: LocalizedText | undefined, locale: Locale, fallback: Locale): string {
  if (!text) return "";
  return text[locale] ?? text[fallback] ?? text.en ?? Object.values(text).find(Boolean) ?? "";
}

/** Common colour names; any other value shows as the merchant wrote it. */
const COLORS: Record<string, Record<Locale, string>> = {
  black: { en: "Black", ar: "أسود", zh: "黑色", tl: "Itim", id: "Hitam" },
  white: { en: "White", ar: "أبيض", zh: "白色", tl: "Puti", id: "Putih" },
  red: { en: "Red", ar: "أحمر", zh: "红色", tl: "Pula", id: "Merah" },
  blue: { en: "Blue", ar: "أزرق", zh: "蓝色", tl: "Asul", id: "Biru" },
  navy: { en: "Navy", ar: "كحلي", zh: "藏青色", tl: "Navy blue", id: "Biru dongker" },
  green: { en: "Green", ar: "أخضر", zh: "绿色", tl: "Berde", id: "Hijau" },
  yellow: { en: "Yellow", ar: "أصفر", zh: "黄色", tl: "Dilaw", id: "Kuning" },
  pink: { en: "Pink", ar: "وردي", zh: "粉色", tl: "Rosas", id: "Merah muda" },
  purple: { en: "Purple", ar: "بنفسجي", zh: "紫色", tl: "Lila", id: "Ungu" },
  orange: { en: "Orange", ar: "برتقالي", zh: "橙色", tl: "Kahel", id: "Oranye" },
  brown: { en: "Brown", ar: "بني", zh: "棕色", tl: "Kayumanggi", id: "Cokelat" },
  beige: { en: "Beige", ar: "بيج", zh: "米色", tl: "Beige", id: "Krem" },
  grey: { en: "Grey", ar: "رمادي", zh: "灰色", tl: "Abo", id: "Abu-abu" },
  gray: { en: "Grey", ar: "رمادي", zh: "灰色", tl: "Abo", id: "Abu-abu" },
  gold: { en: "Gold", ar: "ذهبي", zh: "金色", tl: "Ginto", id: "Emas" },
  silver: { en: "Silver", ar: "فضي", zh: "银色", tl: "Pilak", id: "Perak" },
};

const capitalise = (v: string) => v.charAt(0).toUpperCase() + v.slice(1);

/** An attribute value for the shopper: sizes upper case, colours translated, others capitalised. */
export function attributeLabel(key: string, value: string, locale: Locale): string {
  if (key === "size") return value.toUpperCase();
  if (key === "color") return COLORS[value.toLowerCase()]?.[locale] ?? capitalise(value);
  return capitalise(value);
}

/** "Red · M" from a variant's attributes. */
export function variantLabel(product: Product, locale: Locale): string {
  return ["color", "size"]
    .map((k) => {
      const v = product.attributes[k];
      return v ? attributeLabel(k, v, locale) : "";
    })
    .filter(Boolean)
    .join(" · ");
}

/** "Classic Tee (Red · M)": the title in the shopper's language, with the variant when asked for. */
export function productTitle(p: Product, locale: Locale, fallback: Locale, withVariant = true): string {
  const title = localized(p.title, locale, fallback) || p.id;
  const variant = withVariant ? variantLabel(p, locale) : "";
  return variant ? `${title} (${variant})` : title;
}

export function ratingLabel(product: Product): string {
  const r = product.rating;
  return r && r.count > 0 ? `★ ${r.average.toFixed(1)} (${r.count})` : "";
}
