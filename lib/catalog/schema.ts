/**
 * The shapes the merchant sends (admin API bodies, the demo seed, imported feed lines), validated with zod at
 * the edge. Strict about types and unknown fields, so a typo (`"prcie"`) or a price in dollars (`19.99`) is
 * a 400 that names the field instead of a product the bot cannot sell.
 *
 * `version` and `updatedAt` are accepted and ignored: a client may PUT back what it GOT. The version to match
 * travels in `If-Match`, never in the body.
 */
import { z } from "zod/v4";
import { LOCALES, type Locale } from "../i18n";
import { type Answer, type Product, type ShopSettings, WEEKDAYS } from "./types";

/** Retailer ids as Meta allows them in a catalog (≤ 100 characters), without characters that need escaping. */
export const ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
export const idSchema = z.string().regex(ID_PATTERN, "must be 1 to 100 letters, digits, '.', '_' or '-'");

export const localeSchema = z.enum(LOCALES);

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code, e.g. USD");

const perLocale = <T extends z.ZodType>(value: T) =>
  z.strictObject(
    Object.fromEntries(LOCALES.map((l) => [l, value.optional()])) as Record<Locale, z.ZodOptional<T>>,
  );

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

/** A text per locale, at least one of them. */
const localizedText = (max: number) =>
  perLocale(text(max)).refine(
    (v) => Object.values(v).some((s) => s !== undefined),
    "needs at least one locale",
  );

const optionalLocalizedText = (max: number) => perLocale(text(max));

const money = z.strictObject({
  amount: z.int("must be an integer amount in minor units (cents)").min(0).max(Number.MAX_SAFE_INTEGER),
  currency: currencySchema,
});

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000);

const ignoredStoreFields = {
  version: z.int().min(0).optional(),
  updatedAt: z.string().optional(),
};

export const productSchema = z.strictObject({
  id: idSchema,
  groupId: idSchema.optional(),
  title: localizedText(200),
  description: optionalLocalizedText(9999).optional(),
  price: money,
  listPrice: money.optional(),
  stock: z.int("must be an integer").min(0).max(1_000_000_000),
  category: z.string().trim().max(100).default(""),
  tags: z.array(text(50)).max(50).default([]),
  attributes: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "must be a lower-case attribute name"),
      z.string().max(200),
    )
    .refine((v) => Object.keys(v).length <= 30, "at most 30 attributes")
    .default({}),
  brand: z.string().trim().max(100).optional(),
  imageUrl: httpUrl.optional(),
  images: z.array(httpUrl).max(20).optional(),
  rating: z.strictObject({ average: z.number().min(0).max(5), count: z.int().min(0) }).optional(),
  ...ignoredStoreFields,
});

export const answerSchema = z.strictObject({
  id: idSchema,
  questions: perLocale(z.array(text(500)).max(100)),
  answer: localizedText(4000),
  ...ignoredStoreFields,
});

const clock = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time "HH:MM" (00:00 to 24:00)');

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone, e.g. Asia/Singapore");

export const openingHoursSchema = z.strictObject({
  timezone,
  days: z.strictObject(
    Object.fromEntries(
      WEEKDAYS.map((d) => [
        d,
        z
          .array(z.tuple([clock, clock]))
          .max(10)
          .optional(),
      ]),
    ),
  ),
});

const welcomeAction = z.enum(["browse", "cart", "orders", "human"]);

/** Limits: Messenger Profile API and WhatsApp conversational components (lib/welcome/surfaces.ts). */
const welcomeSchema = z.strictObject({
  enabled: z.boolean().optional(),
  greeting: optionalLocalizedText(160).optional(),
  getStarted: z.boolean().optional(),
  menu: perLocale(
    z
      .array(
        z
          .strictObject({
            title: text(30),
            action: welcomeAction.optional(),
            url: z
              .url({ protocol: /^https$/, message: "must be an https address" })
              .max(1000)
              .optional(),
          })
          .refine((b) => (b.action === undefined) !== (b.url === undefined), "give an action or a url"),
      )
      .max(20),
  ).optional(),
  iceBreakers: perLocale(
    z.array(z.strictObject({ question: text(80), action: welcomeAction })).max(4),
  ).optional(),
  whatsapp: z
    .strictObject({
      iceBreakers: z.array(text(80)).max(4).optional(),
      commands: z
        .array(z.strictObject({ name: z.enum(["browse", "cart", "order", "human"]), description: text(256) }))
        .max(30)
        .optional(),
    })
    .optional(),
});

export const settingsSchema = z
  .strictObject({
    name: text(100),
    locales: z
      .array(localeSchema)
      .min(1)
      .refine((v) => new Set(v).size === v.length, "must not repeat a locale"),
    defaultLocale: localeSchema,
    currency: currencySchema,
    greeting: optionalLocalizedText(1000).optional(),
    paymentMethods: z
      .array(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "must be a lower-case payment method name"))
      .min(1)
      .max(20),
    handover: z.strictObject({
      maxUnansweredTurns: z.int().min(0).max(20),
      cartValueAbove: z.int().min(0).optional(),
      pageInbox: z.boolean(),
      idleReleaseMinutes: z
        .int()
        .min(1)
        .max(7 * 24 * 60)
        .optional(),
      whatsappTemplate: z
        .strictObject({
          name: z.string().regex(/^[a-z0-9_]{1,512}$/, "must be a template name: lower case, digits, '_'"),
          language: z
            .string()
            .regex(/^[a-z]{2,3}(?:_[A-Z]{2})?$/, "must be a language code, e.g. en or en_US"),
        })
        .optional(),
    }),
    hours: optionalLocalizedText(500).optional(),
    openingHours: openingHoursSchema.optional(),
    cart: z
      .strictObject({
        expiryDays: z.int().min(1).max(90),
        reminderAfterMinutes: z
          .int()
          .min(0)
          .max(23 * 60)
          .optional(),
      })
      .optional(),
    welcome: welcomeSchema.optional(),
    ...ignoredStoreFields,
    catalogVersion: z.int().min(0).optional(),
  })
  .refine((s) => s.locales.includes(s.defaultLocale), {
    path: ["defaultLocale"],
    message: "must be one of locales",
  })
  // a text in a language the shop does not speak would never be shown: say so on the field
  .superRefine((s, ctx) => {
    for (const field of ["greeting", "hours"] as const) {
      for (const [locale, text] of Object.entries(s[field] ?? {})) {
        if (text !== undefined && !s.locales.includes(locale as Locale)) {
          ctx.addIssue({
            code: "custom",
            path: [field, locale],
            message: "is not one of the shop's locales",
          });
        }
      }
    }
  });

/** One problem with an input, by field path (`price.amount`, `tags.2`) or CSV column. */
export interface FieldError {
  path: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** zod issues as field errors; unknown fields are listed one per path. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) out.push({ path: [...base, k].join("."), message: "unknown field" });
    } else if (issue.code === "invalid_key") {
      out.push({ path: base.join("."), message: `unknown key (expected one of ${LOCALES.join(", ")})` });
    } else {
      out.push({ path: base.join("."), message: issue.message });
    }
  }
  return out;
}

/** Validates `value`, returning a tagged result instead of throwing. Store-owned fields are dropped. */
function parseWith<T>(schema: z.ZodType, value: unknown): Parsed<T> {
  const r = schema.safeParse(value);
  if (!r.success) return { ok: false, errors: fieldErrors(r.error) };
  const { version: _v, updatedAt: _u, catalogVersion: _c, ...rest } = r.data as Record<string, unknown>;
  return { ok: true, value: rest as T };
}

export const parseProduct = (value: unknown): Parsed<Product> => parseWith<Product>(productSchema, value);
export const parseAnswer = (value: unknown): Parsed<Answer> => parseWith<Answer>(answerSchema, value);
export const parseSettings = (value: unknown): Parsed<ShopSettings> =>
  parseWith<ShopSettings>(settingsSchema, value);
