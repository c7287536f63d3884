import { ApiError } from "../common/api.js";
import { $, h, str } from "../common/dom.js";
import { api, isConflict, reportError } from "./api.js";
import { LOCALE_LANG } from "./config.js";
import { route } from "./router.js";
import { hideMessage, showMessage } from "./toast.js";
import { icon } from "./ui.js";

// ---------------------------------------------------------------- editors (products, answers)
/** Save, Delete (not on a new item) and the version label of an editor; `version()` reads the current one. */
export function editorControls(isNew, version) {
  const saveBtn = h("button", { class: "btn primary", type: "submit", testid: "save" }, "Save");
  const delBtn = isNew
    ? null
    : h("button", { class: "btn danger", type: "button", testid: "delete" }, icon("trash"), "Delete");
  const verEl = h("span", { class: "ver", "data-testid": "version" });
  const showVersion = () => {
    const v = version();
    verEl.hidden = v === undefined;
    verEl.textContent = v === undefined ? "" : `version ${v}`;
  };
  showVersion();
  return { saveBtn, delBtn, verEl, showVersion };
}
/** The form's body when it is valid; otherwise marks the fields, says so and returns null. */
export function collectValid(form, collect) {
  clearFieldErrors(form);
  hideMessage();
  const { body, errors } = collect();
  if (!errors.length) return body;
  for (const [k, t] of errors) setFieldError(form, k, t);
  form.querySelector("[aria-invalid='true']")?.focus();
  showMessage("error", "Please fix the highlighted fields.");
  return null;
}
/** Whether the item at `path` exists (a 404 says no; other errors throw). */
export function found(path) {
  return api("GET", path).then(
    () => true,
    (e) => {
      if (e instanceof ApiError && e.status === 404) return false;
      throw e;
    },
  );
}
export function ifMatch(version) {
  return version !== undefined ? { "if-match": String(version) } : {};
}
export function reportSaveError(e, form, noun, keyOf) {
  if (isConflict(e))
    showMessage(
      "error",
      `This ${noun} was changed by someone else since you opened it — reload to see the latest version (your changes here will be lost).`,
      { action: { label: "Reload", testid: "reload", run: () => route() } },
    );
  else if (e instanceof ApiError && e.status === 400) {
    const loose = showDetails(form, e.details, keyOf);
    showMessage("error", invalidText(e, form), { list: loose });
  } else reportError(e, "Could not save");
}

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
