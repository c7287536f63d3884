// ---------------------------------------------------------------- constants
export const TOKEN_KEY = "chatcart.agent.token";
export const POLL_MS = 2000;
export const FILTERS = ["waiting", "agent", "bot"];
// Served at …/inbox: the API lives beside it (also under a stage prefix, should there be one).
export const BASE = location.pathname.replace(/\/inbox\/?$/, "");
export const CHANNELS = { whatsapp: "WhatsApp", messenger: "Messenger", instagram: "Instagram" };
export const LOCALES = { en: "English", ar: "Arabic", zh: "Chinese", tl: "Tagalog", id: "Indonesian" };
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
