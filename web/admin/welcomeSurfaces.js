import { str } from "../common/dom.js";

// ---------------------------------------------------------------- the welcome surfaces, read (pure)
/**
 * Reading the Graph bodies `GET /api/admin/welcome` answers (lib/welcome/surfaces.ts builds them): per-locale
 * entries of the Messenger Profile API, payloads back to the bot's actions. No DOM: unit-tested in
 * tests/unit/web/welcomeSurfaces.test.ts.
 */
export const PAYLOAD_ACTION = { BROWSE: "browse", CART: "cart", ORDERS: "orders", HUMAN: "human" };
/** Meta's locale codes for ours (lib/welcome/surfaces.ts). */
export const META_LOCALES = { en: "en_US", ar: "ar_AR", zh: "zh_CN", tl: "tl_PH", id: "id_ID" };

/** The entry of a per-locale Messenger Profile list for a locale (its own, else `default`). */
export function entryFor(list, locale) {
  const all = Array.isArray(list) ? list : [];
  return (
    all.find((e) => e?.locale === META_LOCALES[locale]) || all.find((e) => e?.locale === "default") || null
  );
}

/** What Chatcart sets now for one locale, from the Graph bodies in `surfaces.messenger`. */
export function effectiveOf(surfaces, locale) {
  const m = surfaces?.messenger || {};
  const menu = (entryFor(m.persistent_menu, locale)?.call_to_actions || []).map((b) =>
    b?.type === "web_url"
      ? { title: str(b.title), url: str(b.url) }
      : { title: str(b?.title), action: PAYLOAD_ACTION[str(b?.payload)] || "browse" },
  );
  const ice = (entryFor(m.ice_breakers, locale)?.call_to_actions || []).map((q) => ({
    question: str(q?.question),
    action: PAYLOAD_ACTION[str(q?.payload)] || "browse",
  }));
  return { greeting: str(entryFor(m.greeting, locale)?.text), menu, iceBreakers: ice };
}

/** JSON with object keys sorted: what DynamoDB gives back need not keep the order the body was built in. */
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}
