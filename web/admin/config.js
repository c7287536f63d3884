// ---------------------------------------------------------------- constants
export const LOCALES = ["en", "ar", "zh", "tl", "id"];
export const LOCALE_NAMES = {
  en: "English",
  ar: "Arabic · العربية",
  zh: "Chinese · 中文",
  tl: "Tagalog",
  id: "Indonesian · Bahasa",
};
export const LOCALE_LANG = { en: "en", ar: "ar", zh: "zh-Hans", tl: "tl", id: "id" };
export const TOKEN_KEY = "chatcart.admin.token";
export const PAGE_SIZE = 200;
// The import takes feeds up to 5 MiB (lib/admin/body.ts: a Lambda request payload is at most 6 MB).
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
// Retailer ids as Meta allows them, without characters that need escaping (lib/catalog/schema.ts).
export const ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
// Served at …/admin: the API lives beside it (also under a stage prefix, should there be one).
export const BASE = location.pathname.replace(/\/admin\/?$/, "");

export const ICONS = {
  search:
    "M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z",
  plus: "M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z",
  back: "M15.4 5.4 14 4l-8 8 8 8 1.4-1.4L8.8 12z",
  close: "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z",
  refresh: "M12 4a8 8 0 0 1 7.4 5H17v2h6V5h-2v2.3A10 10 0 1 0 22 12h-2a8 8 0 1 1-8-8z",
  upload: "M11 16V7.8l-3.3 3.3-1.4-1.4L12 4l5.7 5.7-1.4 1.4L13 7.8V16zM4 18h16v2H4z",
  file: "M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm7 1.5V9h5.5z",
  trash: "M9 3h6l1 2h4v2H4V5h4zm-3 6h12l-1 12H7zm4 2v8h1.5v-8zm2.5 0v8H14v-8z",
  reply: "M10 9V5l-7 7 7 7v-4.1c5 0 8.5 1.6 11 5.1-1-5-4-10-11-11z",
};
