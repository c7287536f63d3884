/**
 * Building DOM from text only (never HTML): strings become text nodes, so nothing a merchant or shopper typed is
 * ever parsed as markup. Shared by every page.
 */
/**
 * h("div", { class, testid, text, attrs..., onclick }, ...children): strings become text nodes, so nothing a
 * merchant or shopper typed is ever parsed as markup.
 */
export function h(tag, props, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false || k === "value") continue;
    if (k === "class") n.className = v;
    else if (k === "text") n.textContent = String(v);
    else if (k === "testid") n.dataset.testid = v;
    else if (k.startsWith("on") && typeof v === "function") n.addEventListener(k.slice(2), v);
    else n.setAttribute(k, v === true ? "" : String(v));
  }
  append(n, children);
  // after `type`, which would otherwise reset or reject it
  if (props && props.value !== undefined && props.value !== null) n.value = String(props.value);
  return n;
}
export function append(n, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    n.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return n;
}
/** A 24×24 single-path icon, hidden from assistive technology. */
export function svgIcon(d) {
  const ns = "http://www.w3.org/2000/svg";
  const s = document.createElementNS(ns, "svg");
  s.setAttribute("viewBox", "0 0 24 24");
  s.setAttribute("aria-hidden", "true");
  const p = document.createElementNS(ns, "path");
  p.setAttribute("fill", "currentColor");
  p.setAttribute("d", d);
  s.append(p);
  return s;
}
export function str(v) {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}
export function hue(s) {
  let x = 0;
  for (const c of String(s)) x = (x * 31 + c.charCodeAt(0)) >>> 0;
  return x % 360;
}
export const $ = (id) => document.getElementById(id);

/** An absolute http(s) address as a URL string, or null for anything else (javascript:, data:, relative). */
export function safeUrl(u) {
  if (typeof u !== "string" || !/^https?:\/\//i.test(u.trim())) return null;
  try {
    const parsed = new URL(u.trim());
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}
