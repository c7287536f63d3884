// ---------------------------------------------------------------- canned replies: the pure parts
// docs/interface.md "Agent API": a canned reply has a title and a text per locale, which may use {name} and
// {orderId}; the server renders it in the conversation's language, else English. No DOM here (unit-tested).

/** The shop's locales, as the manager lists them: code, name in its own language, writing direction. */
export const CANNED_LOCALES = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
  { code: "zh", name: "中文", dir: "ltr" },
  { code: "tl", name: "Tagalog", dir: "ltr" },
  { code: "id", name: "Bahasa Indonesia", dir: "ltr" },
];
export const CANNED_VARIABLES = ["name", "orderId"];

/** The locale's name, or its code when unknown. */
export const localeName = (code) => CANNED_LOCALES.find((l) => l.code === code)?.name || String(code || "");

/** The `{…}` variables of `text` that are not {name} or {orderId}, each once. */
export function unknownVariables(text) {
  const found = [...String(text || "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return [...new Set(found.filter((v) => !CANNED_VARIABLES.includes(v)))];
}

/** The codes of the locales the reply has a text in, in the manager's order. */
export function localesWithText(reply) {
  const text = reply && typeof reply.text === "object" && reply.text ? reply.text : {};
  return CANNED_LOCALES.map((l) => l.code).filter((c) => typeof text[c] === "string" && text[c].trim());
}

/** A new reply's id from its title: lower-case words joined by "-", at most 40 characters. */
export function cannedId(title, now = Date.now()) {
  const slug = String(title || "")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40)
    .replace(/-$/, "");
  return slug || `reply-${now}`;
}

/**
 * The PUT body for the form's values (`texts`: code → text), or the problems to show first, by field
 * (`title`, `text`, `text.<code>`), in the server's words.
 */
export function cannedBody(title, texts) {
  const problems = {};
  const t = String(title || "").trim();
  if (!t) problems.title = "must not be empty";
  const text = {};
  for (const { code } of CANNED_LOCALES) {
    const v = String(texts?.[code] || "").trim();
    if (!v) continue;
    const unknown = unknownVariables(v);
    if (unknown.length)
      problems[`text.${code}`] =
        `may use only {name} and {orderId} (not ${unknown.map((u) => `{${u}}`).join(", ")})`;
    text[code] = v;
  }
  if (!Object.keys(text).length) problems.text = "needs a text in at least one language";
  return Object.keys(problems).length ? { problems } : { body: { title: t, text } };
}
