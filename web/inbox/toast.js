import { $, h } from "../common/dom.js";
import { toaster } from "../common/toast.js";
import { msgEl } from "./state.js";

const toast = toaster(msgEl);

// ---------------------------------------------------------------- status line
export function showMessage(kind, text, opts = {}) {
  const fade = kind !== "error" || opts.autoHide ? opts.ms || 4000 : 0;
  toast.show(kind, [h("span", { class: "toast-text", text }), toast.closeButton()], fade);
}
export function hideMessage() {
  toast.hide();
}
export function setLive(ok) {
  const live = $("live");
  live.hidden = false;
  live.dataset.state = ok ? "up" : "down";
  $("live-text").textContent = ok ? "Live" : "Reconnecting…";
  live.title = ok ? "Updates every 2 seconds" : "The server cannot be reached; retrying";
}
