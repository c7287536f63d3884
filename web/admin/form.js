import { $, h, str } from "../common/dom.js";
import { LOCALE_LANG } from "./config.js";

// ---------------------------------------------------------------- form helpers
/** A labelled field; `key` names the element `field-<key>` and its error line `error-<key>`. */
export function field(key, label, control, opts = {}) {
  control.id = `f-${key}`;
  control.dataset.testid = `field-${key}`;
  control.name = key;
  const err = h("div", { class: "ferr", id: `e-${key}`, testid: `error-${key}`, "aria-live": "polite" });
  control.setAttribute("aria-describedby", `e-${key}${opts.note ? ` n-${key}` : ""}`);
  return h(
    "div",
    { class: `f ${opts.w || ""}` },
    h("label", { for: control.id }, label),
    opts.wrap ? opts.wrap(control) : control,
    opts.note ? h("div", { class: "note", id: `n-${key}` }, opts.note) : null,
    err,
    opts.extra,
  );
}
export function input(value, attrs = {}) {
  return h("input", { class: "input", type: "text", autocomplete: "off", value: str(value), ...attrs });
}
export function textarea(value, attrs = {}) {
  const t = h("textarea", { class: "textarea", rows: 3, ...attrs });
  t.value = str(value);
  return t;
}
export function localeAttrs(l) {
  return { lang: LOCALE_LANG[l], dir: l === "ar" ? "rtl" : "ltr" };
}
export function clearFieldErrors(form) {
  for (const e of form.querySelectorAll(".ferr")) e.textContent = "";
  for (const c of form.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
}
export function setFieldError(form, key, text) {
  const err = form.querySelector(`#e-${CSS.escape(key)}`);
  const control = form.querySelector(`#f-${CSS.escape(key)}`);
  if (!err) return false;
  err.textContent = err.textContent ? `${err.textContent} ${text}` : text;
  if (control) control.setAttribute("aria-invalid", "true");
  return true;
}
export function pathParts(path) {
  if (Array.isArray(path)) return path.map((p) => String(p));
  return String(path ?? "")
    .split(/[./[\]]+/)
    .filter(Boolean);
}
/** Shows `details[]` next to their fields; returns the ones without a field, as text. */
export function showDetails(form, details, keyOf) {
  const loose = [];
  const list = Array.isArray(details) ? details : [];
  for (const d of list) {
    const parts = pathParts(d && (d.path ?? d.field));
    const text = str(d?.message) || "Invalid value.";
    const key = keyOf(parts);
    if (!key || !setFieldError(form, key, text))
      loose.push(parts.length ? `${parts.join(".")}: ${text}` : text);
  }
  const first = form.querySelector("[aria-invalid='true']");
  if (first) first.focus({ preventScroll: false });
  return loose;
}
export function invalidText(e, form) {
  const base = e.message || "Some fields are not valid.";
  return form.querySelector("[aria-invalid='true']") ? `${base} Check the highlighted fields.` : base;
}
export function splitList(text) {
  const seen = new Set();
  const out = [];
  for (const raw of text.split(",")) {
    const t = raw.trim();
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out;
}
export function datalist(id, values) {
  const dl = h("datalist", { id });
  for (const v of [...new Set(values.filter(Boolean))].sort()) dl.append(h("option", { value: v }));
  return dl;
}
export function confirmDialog(title, text, okLabel) {
  const d = $("confirm");
  $("confirm-title").textContent = title;
  $("confirm-text").textContent = text;
  $("confirm-ok").textContent = okLabel;
  return new Promise((resolve) => {
    d.addEventListener("close", () => resolve(d.returnValue === "ok"), { once: true });
    d.returnValue = "";
    d.showModal();
  });
}
