/**
 * Which template serves a purpose for a shopper (pure): the merchant's mapping for the shopper's locale, then
 * for the shop's default locale, then Chatcart's own template (lib/outbound/wording.ts) in those locales. When
 * the shop's templates were synced from Graph, only an `APPROVED` one is used: Meta refuses the others with
 * 132001 (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/).
 */
import type { Locale } from "../i18n";
import type { ShopTemplates, SyncedTemplate, TemplateMapping } from "../store/templates";
import type { TemplateFields, TemplatePurpose, TemplateSend } from "./types";
import { WHATSAPP_LANGUAGE } from "./types";
import { defaultTemplateName, wordingOf } from "./wording";

/** What a missing field (an order without tracking) shows: Meta refuses empty parameters. */
const MISSING = "—";

export const findSynced = (shop: ShopTemplates, name: string, language: string): SyncedTemplate | undefined =>
  shop.synced.find((t) => t.name === name && t.language === language);

function candidates(shop: ShopTemplates, purpose: TemplatePurpose, locales: Locale[]): TemplateMapping[] {
  const out: TemplateMapping[] = [];
  for (const l of locales) {
    const m = shop.purposes[purpose]?.[l];
    if (m) out.push(m);
  }
  for (const l of locales) {
    out.push({
      name: defaultTemplateName(purpose),
      language: WHATSAPP_LANGUAGE[l],
      params: wordingOf(purpose, l).params,
    });
  }
  return out;
}

/**
 * The template to send, its parameters filled from `fields`; undefined when none is usable. `verified`:
 * the shop's list was synced from Graph, so a template must be in it and approved.
 */
export function resolveTemplate(
  shop: ShopTemplates,
  purpose: TemplatePurpose,
  locale: Locale,
  fallback: Locale,
  fields: TemplateFields,
  verified: boolean,
): TemplateSend | undefined {
  const locales = locale === fallback ? [locale] : [locale, fallback];
  for (const m of candidates(shop, purpose, locales)) {
    const synced = findSynced(shop, m.name, m.language);
    if (verified && synced?.status !== "APPROVED") continue;
    return {
      name: m.name,
      language: m.language,
      parameters: m.params.map((p) => fields[p]?.trim() || MISSING),
      ...(fields.buttonPayloads?.length &&
        purpose === "rating_request" && { buttonPayloads: fields.buttonPayloads }),
      category: synced?.category === "MARKETING" ? "MARKETING" : "UTILITY",
    };
  }
  return undefined;
}

/** Each purpose × locale: the template that would serve it, and whether it is approved. For `/admin`. */
export function coverage(shop: ShopTemplates, purposes: readonly TemplatePurpose[], locales: Locale[]) {
  return purposes.map((purpose) => ({
    purpose,
    locales: locales.map((locale) => {
      const m = candidates(shop, purpose, [locale])[0] as TemplateMapping;
      const synced = findSynced(shop, m.name, m.language);
      return { locale, name: m.name, language: m.language, status: synced?.status ?? "MISSING" };
    }),
  }));
}
