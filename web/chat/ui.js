import { safeUrl, str, svgIcon } from "../common/dom.js";
import { scrollToEnd } from "./thread.js";

// ---------------------------------------------------------------- DOM helpers (text only, never HTML)
export function el(tag, cls, text) {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text !== undefined && text !== null) n.textContent = String(text);
  return n;
}
export function svg(pathD, cls) {
  const s = svgIcon(pathD);
  s.setAttribute("class", cls);
  return s;
}
export function imageEl(url, alt, cls) {
  const wrap = el("span", `img-wrap ${cls || ""}`);
  const u = safeUrl(url);
  if (!u) {
    wrap.classList.add("broken");
    return wrap;
  }
  const img = document.createElement("img");
  img.alt = str(alt);
  img.decoding = "async";
  img.referrerPolicy = "no-referrer";
  img.addEventListener("error", () => {
    wrap.classList.add("broken");
    img.remove();
  });
  img.addEventListener("load", () => scrollToEnd(true));
  img.src = u;
  wrap.append(img);
  return wrap;
}

export function linkEl(url, text, cls) {
  const a = el("a", cls, text);
  a.href = url; // callers pass only safeUrl() results
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  return a;
}

// Text with clickable http(s) links; on WhatsApp also *bold*, _italic_, ~strike~ and ```mono```.
export function richText(text, channel) {
  const frag = document.createDocumentFragment();
  const s = str(text);
  const re =
    channel === "whatsapp"
      ? /(https?:\/\/[^\s<>"']+)|```([\s\S]+?)```|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~/g
      : /(https?:\/\/[^\s<>"']+)/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index > last) frag.append(document.createTextNode(s.slice(last, m.index)));
    if (m[1]) {
      const u = safeUrl(m[1]);
      frag.append(u ? linkEl(u, m[1]) : document.createTextNode(m[1]));
    } else if (m[2] !== undefined) frag.append(el("code", "", m[2]));
    else if (m[3] !== undefined) frag.append(el("strong", "", m[3]));
    else if (m[4] !== undefined) frag.append(el("em", "", m[4]));
    else if (m[5] !== undefined) frag.append(el("s", "", m[5]));
    last = re.lastIndex;
  }
  if (last < s.length) frag.append(document.createTextNode(s.slice(last)));
  return frag;
}

export function nowTime(iso) {
  const d = iso ? new Date(iso) : new Date();
  const ok = !Number.isNaN(d.getTime()) ? d : new Date();
  return ok.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
}
