import { h, str } from "../common/dom.js";
import { LOCALE_NAMES, LOCALES } from "./config.js";
import { field, input, localeAttrs, splitList, textarea } from "./form.js";

// ---------------------------------------------------------------- settings: one form per section
// Each section builds its fields from the stored settings and `collect()`s the body of one
// `PATCH /api/admin/settings` (docs/api.md): `{ body, errors: [[fieldKey, text]] }`. Field keys are the API's
// field paths (`handover.idleReleaseMinutes`), so the server's errors land next to their fields.
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_NAMES = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };

const num = (v, attrs = {}) =>
  input(v === undefined || v === null ? "" : String(v), { type: "number", ...attrs });
/** A half-width number field. */
const numField = (key, label, v, attrs) => field(key, label, num(v, attrs), { w: "w6" });
/** A whole number from a field: undefined when empty (left as stored), an error when not a number. */
function intOf(form, key, errors) {
  const raw = form.querySelector(`#f-${CSS.escape(key)}`).value.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) errors.push([key, "Enter a whole number."]);
  return n;
}
const val = (form, key) => form.querySelector(`#f-${CSS.escape(key)}`).value;
const shopLocales = (s) => (Array.isArray(s.locales) && s.locales.length ? s.locales : ["en"]);

function perLocaleTexts(s, name, label) {
  return shopLocales(s).map((l) =>
    field(
      `${name}.${l}`,
      `${label} · ${LOCALE_NAMES[l] || l}`,
      textarea(s[name]?.[l], { rows: 2, ...localeAttrs(l) }),
      {
        w: "w12",
      },
    ),
  );
}
function collectTexts(form, s, name) {
  const out = {};
  for (const l of shopLocales(s)) {
    const t = val(form, `${name}.${l}`).trim();
    if (t) out[l] = t;
  }
  return Object.keys(out).length ? out : null;
}

const greeting = {
  key: "greeting",
  title: "Greeting",
  note: "The first message a new shopper gets, per language. Empty: the built-in greeting.",
  fields: (s) => perLocaleTexts(s, "greeting", "Greeting"),
  collect: (form, s) => ({ body: { greeting: collectTexts(form, s, "greeting") }, errors: [] }),
};

const payments = {
  key: "paymentMethods",
  title: "Payment methods",
  note: "Names the checkout offers, comma separated (for example cod, bank_transfer, gcash).",
  fields: (s) => [
    field("paymentMethods", "Payment methods", input((s.paymentMethods || []).join(", ")), { w: "w12" }),
  ],
  collect: (form) => {
    const list = splitList(val(form, "paymentMethods"));
    const errors = list.length ? [] : [["paymentMethods", "Give at least one payment method."]];
    return { body: { paymentMethods: list }, errors };
  },
};

/** "09:00-12:00, 13:00-18:00" ⇄ [["09:00","12:00"],["13:00","18:00"]] */
export function rangesText(ranges) {
  return (Array.isArray(ranges) ? ranges : []).map((r) => `${r[0]}-${r[1]}`).join(", ");
}
export function parseRanges(text) {
  const out = [];
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!m) return null;
    out.push([m[1].padStart(5, "0"), m[2].padStart(5, "0")]);
  }
  return out;
}

const hours = {
  key: "openingHours",
  title: "Opening hours",
  note: 'Per day, times like "09:00-12:00, 13:00-18:00"; an empty day is closed. No time zone: no opening hours.',
  fields: (s) => [
    field(
      "openingHours.timezone",
      "Time zone",
      input(s.openingHours?.timezone, { placeholder: "Asia/Manila" }),
      {
        w: "w12",
      },
    ),
    ...WEEKDAYS.map((d) =>
      field(`openingHours.days.${d}`, DAY_NAMES[d], input(rangesText(s.openingHours?.days?.[d])), {
        w: "w6",
      }),
    ),
    ...perLocaleTexts(s, "hours", "Hours as the bot says them"),
  ],
  collect: (form, s) => {
    const errors = [];
    const timezone = val(form, "openingHours.timezone").trim();
    const days = {};
    for (const d of WEEKDAYS) {
      const r = parseRanges(val(form, `openingHours.days.${d}`));
      if (r === null)
        errors.push([`openingHours.days.${d}`, 'Write times as "09:00-18:00", comma separated.']);
      else if (r.length) days[d] = r;
    }
    if (!timezone && Object.keys(days).length)
      errors.push(["openingHours.timezone", "Give the time zone the hours are in."]);
    return {
      body: { openingHours: timezone ? { timezone, days } : null, hours: collectTexts(form, s, "hours") },
      errors,
    };
  },
};

const handover = {
  key: "handover",
  title: "Handover to a person",
  note: "When the bot passes a conversation to your team.",
  fields: (s) => {
    const ho = s.handover || {};
    const inbox = h("input", { type: "checkbox", class: "check" });
    inbox.checked = !!ho.pageInbox;
    return [
      numField(
        "handover.maxUnansweredTurns",
        "After this many unanswered messages in a row (0 = never)",
        ho.maxUnansweredTurns,
        { min: 0, max: 20 },
      ),
      numField(
        "handover.cartValueAbove",
        "When a cart is worth more than (minor units, empty = never)",
        ho.cartValueAbove,
        { min: 0 },
      ),
      numField(
        "handover.idleReleaseMinutes",
        "Give back to the bot after minutes without a reply",
        ho.idleReleaseMinutes,
        { min: 1 },
      ),
      field("handover.pageInbox", "Also hand over to the Page inbox (Messenger)", inbox, { w: "w6" }),
      field(
        "handover.whatsappTemplate.name",
        "WhatsApp template to reopen a chat (name)",
        input(ho.whatsappTemplate?.name),
        { w: "w6" },
      ),
      field(
        "handover.whatsappTemplate.language",
        "Template language",
        input(ho.whatsappTemplate?.language, { placeholder: "en_US" }),
        { w: "w6" },
      ),
    ];
  },
  collect: (form) => {
    const errors = [];
    const body = { pageInbox: form.querySelector("#f-handover\\.pageInbox").checked };
    for (const k of ["maxUnansweredTurns", "cartValueAbove", "idleReleaseMinutes"]) {
      const n = intOf(form, `handover.${k}`, errors);
      if (n !== undefined) body[k] = n;
    }
    const name = val(form, "handover.whatsappTemplate.name").trim();
    const language = val(form, "handover.whatsappTemplate.language").trim();
    if (name || language) body.whatsappTemplate = { name, language };
    return { body: { handover: body }, errors };
  },
};

const cart = {
  key: "cart",
  title: "Carts and reminders",
  note: "How long a cart is kept, and when a shopper who left one is reminded (0 = no reminders).",
  fields: (s) => [
    numField("cart.expiryDays", "Keep carts for (days, 1–90)", s.cart?.expiryDays ?? 7, { min: 1, max: 90 }),
    numField(
      "cart.reminderAfterMinutes",
      "Remind after (minutes, 0–1380)",
      s.cart?.reminderAfterMinutes ?? 60,
      { min: 0, max: 1380 },
    ),
  ],
  collect: (form) => {
    const errors = [];
    const body = {};
    const days = intOf(form, "cart.expiryDays", errors);
    if (days === undefined) errors.push(["cart.expiryDays", "Give the number of days."]);
    else body.expiryDays = days;
    const rem = intOf(form, "cart.reminderAfterMinutes", errors);
    if (rem !== undefined) body.reminderAfterMinutes = rem;
    return { body: { cart: body }, errors };
  },
};

const locales = {
  key: "locales",
  title: "Shop and languages",
  note: "The languages the bot speaks; shoppers in others get the default.",
  fields: (s) => {
    const on = new Set(shopLocales(s));
    const boxes = h(
      "div",
      { class: "chips", role: "group", "aria-label": "Languages" },
      LOCALES.map((l) => {
        const c = h("input", { type: "checkbox", value: l, "data-testid": `locale-${l}` });
        c.checked = on.has(l);
        return h("label", { class: "chip" }, c, ` ${LOCALE_NAMES[l]}`);
      }),
    );
    const def = h(
      "select",
      { class: "input" },
      LOCALES.map((l) => h("option", { value: l }, LOCALE_NAMES[l])),
    );
    def.value = str(s.defaultLocale) || "en";
    return [
      field("name", "Shop name", input(s.name), { w: "w6" }),
      field("currency", "Currency (ISO 4217)", input(s.currency, { maxlength: 3 }), { w: "w6" }),
      field("locales", "Languages", h("div", {}, boxes), { w: "w12" }),
      field("defaultLocale", "Default language", def, { w: "w6" }),
    ];
  },
  collect: (form) => {
    const chosen = [...form.querySelectorAll("#f-locales input:checked")].map((c) => c.value);
    const errors = chosen.length ? [] : [["locales", "Choose at least one language."]];
    return {
      body: {
        name: val(form, "name").trim(),
        currency: val(form, "currency").trim().toUpperCase(),
        locales: chosen,
        defaultLocale: val(form, "defaultLocale"),
      },
      errors,
    };
  },
};

export const SECTIONS = [locales, greeting, payments, hours, handover, cart];
