/**
 * The welcome surfaces of a shop, as the Graph API bodies that set them (pure):
 *
 * - Messenger: `POST /{page-id}/messenger_profile` with the greeting (≤ 160), Get Started, the persistent menu
 *   (needs Get Started) and ice breakers (≤ 4), one entry per enabled locale plus Meta's required `default`
 *   (the shop's default locale). https://developers.facebook.com/docs/messenger-platform/reference/messenger-profile-api
 * - Instagram: the same edge with `platform: "instagram"`, ice breakers and persistent menu (Instagram shows no
 *   greeting and no Get Started). https://developers.facebook.com/docs/messenger-platform/instagram/features/ice-breakers
 * - WhatsApp: `POST /{phone-number-id}/conversational_automation` with ice breakers (`prompts`, ≤ 4 of ≤ 80) and
 *   commands (≤ 30; name ≤ 32, description ≤ 256), one set: the default locale's.
 *   https://developers.facebook.com/docs/whatsapp/cloud-api/phone-numbers/conversational-components
 *
 * Each body states the whole surface, so pushing it again changes nothing (the pushes are idempotent). What the
 * merchant did not set comes from the catalogues (lib/i18n): browse, my cart, my order, talk to a person.
 */
import type { ShopSettings, WelcomeAction, WelcomeButton, WelcomeQuestion } from "../catalog/types";
import type { GraphBody } from "../channels/types";
import { type Locale, type MessageKey, t } from "../i18n";
import { formatPayload, type Payload } from "../turn/payloads";
import { COMMANDS } from "./commands";

/** Meta's locale codes for ours (Messenger Profile API `locale`). */
export const META_LOCALES: Record<Locale, string> = {
  en: "en_US",
  ar: "ar_AR",
  zh: "zh_CN",
  tl: "tl_PH",
  id: "id_ID",
};

const ACTIONS: WelcomeAction[] = ["browse", "cart", "orders", "human"];
const LABEL: Record<WelcomeAction, MessageKey> = {
  browse: "welcome.browse",
  cart: "welcome.cart",
  orders: "welcome.order",
  human: "welcome.human",
};
const QUESTION: Record<WelcomeAction, MessageKey> = {
  browse: "welcome.q.browse",
  cart: "welcome.q.cart",
  orders: "welcome.q.order",
  human: "welcome.q.human",
};

export const GET_STARTED_PAYLOAD = formatPayload({ kind: "getStarted" });
const payloadOf = (action: WelcomeAction): string => formatPayload({ kind: action } as Payload);

export interface WelcomeSurfaces {
  messenger?: GraphBody;
  instagram?: GraphBody;
  whatsapp?: GraphBody;
}

/** The menu of a locale: the merchant's, else browse, my cart, my order, talk to a person. */
export function menuOf(settings: ShopSettings, locale: Locale): WelcomeButton[] {
  return (
    settings.welcome?.menu?.[locale] ??
    ACTIONS.map((action) => ({ title: t(locale, LABEL[action], {}, settings.defaultLocale), action }))
  );
}

export function iceBreakersOf(settings: ShopSettings, locale: Locale): WelcomeQuestion[] {
  return (
    settings.welcome?.iceBreakers?.[locale] ??
    ACTIONS.map((action) => ({ question: t(locale, QUESTION[action], {}, settings.defaultLocale), action }))
  );
}

/** Every enabled locale, the default one first (it is also Meta's `default`). */
const localesOf = (s: ShopSettings): Locale[] => [
  s.defaultLocale,
  ...s.locales.filter((l) => l !== s.defaultLocale),
];

const perLocale = <T>(s: ShopSettings, build: (l: Locale) => T): Array<{ locale: string } & T> =>
  localesOf(s).flatMap((l, i) => {
    const entry = build(l);
    const tagged = { locale: META_LOCALES[l], ...entry };
    return i === 0 ? [{ ...entry, locale: "default" }, tagged] : [tagged];
  });

const menuBody = (s: ShopSettings) =>
  perLocale(s, (l) => ({
    composer_input_disabled: false,
    call_to_actions: menuOf(s, l).map((b) =>
      b.url
        ? { type: "web_url", title: b.title, url: b.url }
        : { type: "postback", title: b.title, payload: payloadOf(b.action ?? "browse") },
    ),
  }));

const iceBreakerBody = (s: ShopSettings) =>
  perLocale(s, (l) => ({
    call_to_actions: iceBreakersOf(s, l).map((q) => ({ question: q.question, payload: payloadOf(q.action) })),
  }));

export function buildWelcomeSurfaces(settings: ShopSettings): WelcomeSurfaces {
  if (settings.welcome?.enabled === false) return {};
  const s = settings;
  const greetingOf = (l: Locale) => s.welcome?.greeting?.[l] ?? t(l, "welcome.greeting", {}, s.defaultLocale);
  const getStarted = s.welcome?.getStarted !== false;
  const messenger: GraphBody = {
    greeting: perLocale(s, (l) => ({ text: greetingOf(l) })),
    ...(getStarted && {
      get_started: { payload: GET_STARTED_PAYLOAD },
      // Meta sets a persistent menu only on a page with Get Started
      persistent_menu: menuBody(s),
    }),
    ice_breakers: iceBreakerBody(s),
  };
  const instagram: GraphBody = {
    platform: "instagram",
    persistent_menu: menuBody(s),
    ice_breakers: iceBreakerBody(s),
  };
  const d = s.defaultLocale;
  const prompts = s.welcome?.whatsapp?.iceBreakers ?? iceBreakersOf(s, d).map((q) => q.question);
  const commands =
    s.welcome?.whatsapp?.commands ??
    COMMANDS.map((c) => ({
      name: c.name,
      description: t(d, LABEL[c.payload.kind as WelcomeAction], {}, d),
    }));
  const whatsapp: GraphBody = {
    enable_welcome_message: true,
    prompts: prompts.slice(0, 4),
    commands: commands.map((c) => ({ command_name: c.name, command_description: c.description })),
  };
  return { messenger, instagram, whatsapp };
}
