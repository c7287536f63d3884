import { h, hue, safeUrl, str, svgIcon } from "../common/dom.js";
import { ICONS, LOCALES } from "./config.js";
import { state } from "./state.js";

// ---------------------------------------------------------------- DOM helpers (text only, never HTML): h, append in staff.js
export function icon(name) {
  return svgIcon(ICONS[name]);
}
export function thumb(p) {
  const box = h("span", { class: "thumb", "aria-hidden": "true" });
  const letter = () => {
    box.textContent = (firstText(p.title) || p.id || "?").trim().charAt(0).toUpperCase();
    box.style.background = `hsl(${hue(p.id)} 45% 58%)`;
  };
  const url = safeUrl(p.imageUrl);
  if (url) {
    const img = h("img", { alt: "", loading: "lazy", decoding: "async", referrerpolicy: "no-referrer" });
    img.addEventListener("error", () => {
      img.remove();
      letter();
    });
    img.src = url;
    box.append(img);
  } else letter();
  return box;
}
/** A list's search box: its text is kept in `state[key]`, and `refill()` runs as it changes. */
export function searchBox(key, refill, attrs) {
  const search = h("input", {
    class: "input",
    type: "search",
    autocomplete: "off",
    value: state[key],
    ...attrs,
  });
  search.addEventListener("input", () => {
    state[key] = search.value;
    refill();
  });
  return search;
}
/** A list's empty state: `title` in bold, `text` under it. */
export function emptyNote(title, text) {
  return h("div", { class: "empty" }, h("b", {}, title), text);
}
export function firstText(texts, prefer = "en") {
  if (!texts || typeof texts !== "object") return "";
  if (str(texts[prefer]).trim()) return str(texts[prefer]);
  for (const l of LOCALES) if (str(texts[l]).trim()) return str(texts[l]);
  for (const v of Object.values(texts)) if (str(v).trim()) return str(v);
  return "";
}
export function setBusy(btn, busy, label) {
  if (!btn) return;
  if (busy) {
    btn.dataset.label = btn.textContent;
    btn.disabled = true;
    btn.replaceChildren(h("span", { class: "spin", "aria-hidden": "true" }), label);
  } else {
    btn.disabled = false;
    if (btn.dataset.label !== undefined) btn.textContent = btn.dataset.label;
  }
}
