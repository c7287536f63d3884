/**
 * `GET /api/admin/templates`: the shop's WhatsApp templates synced from Graph (name, language, status,
 * category, the purpose Chatcart uses each for) and, per purpose and enabled locale, which template serves it
 * and whether it is approved (`MISSING`: none).
 * `POST /api/admin/templates`: body `{}` submits Chatcart's template (lib/outbound/wording.ts) for every
 * purpose and enabled locale that has none yet; or one template described as
 * `{purpose, locale, name, language, category?, body, params[], buttons?}` is submitted and mapped to that
 * purpose and locale. Answers what was submitted with Graph's `{id, status}`.
 */
import { z } from "zod/v4";
import { fieldErrors } from "../catalog/schema";
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import { type HttpResponse, json } from "../http/respond";
import { LOCALES, type Locale } from "../i18n";
import { log } from "../log";
import { graphOfShop, syncTemplates, type TemplateDeps } from "../outbound/templateSync";
import { coverage, findSynced } from "../outbound/templates";
import { TEMPLATE_PURPOSES, type TemplatePurpose, WHATSAPP_LANGUAGE } from "../outbound/types";
import { defaultTemplateName, EXAMPLES, templateSubmission } from "../outbound/wording";
import { getSettings } from "../store/settings";
import { putTemplateMapping, type ShopTemplates } from "../store/templates";
import { readJson } from "./body";

const FIELDS = ["orderId", "total", "tracking", "productTitle", "shopName"] as const;

const Described = z.strictObject({
  purpose: z.enum(TEMPLATE_PURPOSES),
  locale: z.enum(LOCALES),
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, "must be lowercase letters, digits and _"),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "must be a WhatsApp language code such as en or zh_CN"),
  category: z.enum(["UTILITY", "MARKETING"]).default("UTILITY"),
  body: z.string().min(1).max(1024),
  params: z.array(z.enum(FIELDS)).max(10).default([]),
  buttons: z.array(z.string().min(1).max(25)).max(10).optional(),
});

const Body = z.union([z.strictObject({}), Described]);

function purposeOf(shop: ShopTemplates, name: string, language: string): string | undefined {
  for (const [purpose, byLocale] of Object.entries(shop.purposes)) {
    if (Object.values(byLocale ?? {}).some((m) => m?.name === name && m.language === language))
      return purpose;
  }
  const own = TEMPLATE_PURPOSES.find((p) => defaultTemplateName(p) === name);
  return own;
}

async function view(deps: TemplateDeps, shopId: string, shop: ShopTemplates) {
  const settings = await getSettings(deps.db, shopId);
  return {
    configured: Boolean(deps.templates?.wabaId),
    syncedAt: shop.syncedAt ?? null,
    templates: shop.synced.map((t) => ({ ...t, purpose: purposeOf(shop, t.name, t.language) ?? null })),
    purposes: coverage(shop, TEMPLATE_PURPOSES, settings.locales as Locale[]),
  };
}

const notConfigured = () =>
  new AppError(
    "templates.not_configured",
    "Set WHATSAPP_BUSINESS_ACCOUNT_ID (and a WhatsApp number for this shop) to list and submit templates.",
  );

export async function listTemplates(deps: TemplateDeps, shopId: string, now: number): Promise<HttpResponse> {
  if (!deps.templates?.wabaId) throw notConfigured();
  return json(200, await view(deps, shopId, await syncTemplates(deps, shopId, now)));
}

export async function submitTemplates(
  req: HttpRequest,
  deps: TemplateDeps,
  shopId: string,
  now: number,
): Promise<HttpResponse> {
  const parsed = Body.safeParse(readJson(req));
  if (!parsed.success)
    throw new AppError("request.invalid", "The template request is not valid.", fieldErrors(parsed.error));
  const graph = await graphOfShop(deps, shopId);
  if (!graph) throw notConfigured();
  const shop = await syncTemplates(deps, shopId, now);
  const submitted: Array<{
    purpose: TemplatePurpose;
    locale: Locale;
    name: string;
    language: string;
    id: string;
    status: string;
  }> = [];
  if ("purpose" in parsed.data) {
    const d = parsed.data;
    const created = await graph.create({
      name: d.name,
      language: d.language,
      category: d.category,
      components: [
        {
          type: "BODY",
          text: d.body,
          ...(d.params.length && { example: { body_text: [d.params.map((p) => EXAMPLES[p])] } }),
        },
        ...(d.buttons
          ? [{ type: "BUTTONS", buttons: d.buttons.map((text) => ({ type: "QUICK_REPLY", text })) }]
          : []),
      ],
    });
    await putTemplateMapping(deps.db, shopId, d.purpose, d.locale, {
      name: d.name,
      language: d.language,
      params: d.params,
    });
    submitted.push({ purpose: d.purpose, locale: d.locale, name: d.name, language: d.language, ...created });
  } else {
    const settings = await getSettings(deps.db, shopId);
    for (const purpose of TEMPLATE_PURPOSES) {
      for (const locale of settings.locales as Locale[]) {
        const mapped = shop.purposes[purpose]?.[locale];
        const name = mapped?.name ?? defaultTemplateName(purpose);
        const language = mapped?.language ?? WHATSAPP_LANGUAGE[locale];
        if (findSynced(shop, name, language)) continue;
        if (mapped) continue; // the merchant's own template: theirs to submit
        const body = templateSubmission(purpose, locale);
        const created = await graph.create(body);
        submitted.push({ purpose, locale, name, language, ...created });
      }
    }
  }
  log.info("admin.templates_submitted", { shopId, count: submitted.length });
  const after = await syncTemplates(deps, shopId, now);
  return json(submitted.length > 0 ? 201 : 200, { submitted, ...(await view(deps, shopId, after)) });
}
