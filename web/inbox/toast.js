import { $, h, svgIcon } from "../common/dom.js";
import { msgEl } from "./state.js";

let msgTimer = 0;

// ---------------------------------------------------------------- status line
export function showMessage(kind, text, opts = {}) {
  clearTimeout(msgTimer);
  msgEl.dataset.kind = kind;
  const close = h(
    "button",
    { class: "icon-btn", type: "button", "aria-label": "Dismiss", onclick: hideMessage },
    svgIcon("M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z"),
  );
  msgEl.replaceChildren(h("span", { class: "toast-text", text }), close);
  msgEl.hidden = false;
  if (kind !== "error" || opts.autoHide) msgTimer = setTimeout(hideMessage, opts.ms || 4000);
}
export function hideMessage() {
  clearTimeout(msgTimer);
  msgEl.hidden = true;
  msgEl.replaceChildren();
}
export function setLive(ok) {
  const live = $("live");
  live.hidden = false;
  live.dataset.state = ok ? "up" : "down";
  $("live-text").textContent = ok ? "Live" : "Reconnecting…";
  live.title = ok ? "Updates every 2 seconds" : "The server cannot be reached; retrying";
}
