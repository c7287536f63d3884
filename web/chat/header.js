import { sendAction } from "./deliveries.js";
import { newUserId } from "./ids.js";
import { closeSheet } from "./sheet.js";
import {
  CHANNELS,
  composer,
  errorEl,
  errors,
  form,
  newChannelState,
  phone,
  save,
  slot,
  state,
  subEl,
  uidEl,
} from "./state.js";
import { scrollToEnd } from "./thread.js";

// ---------------------------------------------------------------- errors, header, tabs
export function setError(source, message) {
  errors[source] = message;
  const text = [errors.config, errors.send, errors.poll].filter(Boolean).join(" · ");
  const wasHidden = errorEl.hidden;
  errorEl.textContent = text;
  errorEl.hidden = !text;
  if (text && wasHidden) scrollToEnd(false);
}
errorEl.addEventListener("click", () => {
  errors.send = "";
  setError("send", "");
});

export function renderHeader() {
  const s = state[state.channel];
  const ch = state.channel;
  const idle = { whatsapp: "online", instagram: "chatcart.shop" }[ch] || "Typically replies instantly";
  subEl.textContent = s.typing ? "typing…" : idle;
  uidEl.textContent = s.id;
  uidEl.dataset.label = { whatsapp: "wa_id", instagram: "IGSID" }[ch] || "PSID";
  composer.placeholder = { whatsapp: "Message", instagram: "Message…" }[ch] || "Aa";
}

export function showChannel(channel) {
  closeSheet();
  state.channel = channel;
  phone.dataset.channel = channel;
  for (const tab of document.querySelectorAll(".tab")) {
    tab.setAttribute("aria-selected", String(tab.dataset.ch === channel));
  }
  // Only the active thread is in the document, so test locators see one conversation.
  for (const c of CHANNELS) if (c !== channel) state[c].thread.remove();
  slot.after(state[channel].thread);
  renderHeader();
  save();
  history.replaceState(null, "", `#${channel}`);
  scrollToEnd(false);
}

for (const tab of document.querySelectorAll(".tab")) {
  tab.addEventListener("click", () => {
    showChannel(tab.dataset.ch);
    composer.focus();
  });
}

document.getElementById("reset").addEventListener("click", () => {
  const ch = state.channel;
  const old = state[ch];
  clearTimeout(old.typingTimer);
  old.thread.remove();
  state[ch] = newChannelState(ch, newUserId(ch));
  setError("send", "");
  showChannel(ch);
  composer.value = "";
  composer.focus();
});

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const text = composer.value;
  if (!text.trim()) return;
  composer.value = "";
  void sendAction(state.channel, { kind: "text", text });
});
