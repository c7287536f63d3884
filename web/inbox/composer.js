import { ApiError } from "../common/api.js";
import { $, h, str } from "../common/dom.js";
import { api, convPath } from "./api.js";
import { DAY, HOUR } from "./config.js";
import { refreshConversation } from "./conversation.js";
import { agentName, displayName, duration, mine, REASONS, time, when } from "./format.js";
import { renderImageButton } from "./imageSend.js";
import { schedulePoll } from "./poll.js";
import { composer, state } from "./state.js";
import { hideMessage, showMessage } from "./toast.js";
import { scrollToBottom } from "./transcript.js";

// ---------------------------------------------------------------- window, actions, composer
/**
 * The platform window from the server, moved on by the clock between polls: open (24 h after the
 * shopper's last message), human_agent (Messenger, up to 7 days, HUMAN_AGENT tag), closed.
 */
export function windowNow() {
  const w = state.detail?.window;
  if (!w || typeof w !== "object") return null;
  const now = Date.now();
  const expires = time(w.expiresAt);
  const humanUntil = time(w.humanAgentUntil);
  let s = str(w.state) || "closed";
  if (s !== "closed" && Number.isFinite(expires)) {
    if (now < expires) s = "open";
    else if (Number.isFinite(humanUntil) && now < humanUntil) s = "human_agent";
    else s = "closed";
  }
  const channel = str(w.channel) || str(state.detail?.conversation?.channel);
  return { state: s, channel, expires, humanUntil, lastInbound: time(w.lastInboundAt), now };
}
export function renderWindow() {
  const el = $("window-state");
  const w = windowNow();
  let level = "closed";
  let title = "";
  let sub = "";
  if (!w) {
    title = "No shopper message yet";
    sub = "You can reply once the shopper has written.";
  } else if (w.state === "open") {
    const left = w.expires - w.now;
    level = left > 6 * HOUR ? "ok" : left > HOUR ? "warn" : "bad";
    title = Number.isFinite(left) ? `Reply window open · ${duration(left)} left` : "Reply window open";
    sub = Number.isFinite(w.expires)
      ? `until ${when(w.expires)} (24 h after the shopper's last message)`
      : "";
  } else if (w.state === "human_agent") {
    const left = w.humanUntil - w.now;
    level = left > DAY ? "warn" : "bad";
    title = Number.isFinite(left) ? `Human-agent window · ${duration(left)} left` : "Human-agent window";
    sub = `more than 24 h since the shopper wrote: replies go out with Messenger's HUMAN_AGENT tag${
      Number.isFinite(w.humanUntil) ? ` until ${when(w.humanUntil)}` : ""
    }`;
  } else if (!Number.isFinite(w.lastInbound)) {
    title = "No shopper message yet";
    sub = "You can reply once the shopper has written.";
  } else {
    title = "Window closed";
    const since = Number.isFinite(w.lastInbound)
      ? ` The shopper last wrote ${duration(w.now - w.lastInbound)} ago.`
      : "";
    sub =
      w.channel === "messenger"
        ? `Messenger allows replies only within 7 days of the shopper's last message.${since} You can reply when they write again.`
        : `WhatsApp allows replies only within 24 h of the shopper's last message.${since} You can reply when they write again.`;
  }
  const sig = `${level}|${title}|${sub}`;
  el.dataset.level = level;
  el.dataset.state = w ? w.state : "none";
  if (el.dataset.sig === sig) return renderComposer();
  el.dataset.sig = sig;
  el.replaceChildren(
    h("span", { class: "wdot", "aria-hidden": "true" }),
    h(
      "span",
      { class: "wtext" },
      h("b", { text: title }),
      sub ? h("span", { class: "wsub", text: ` — ${sub}` }) : null,
    ),
  );
  renderComposer();
}
export function currentStatus() {
  return str(state.detail?.conversation?.status);
}
export function renderActions() {
  const status = currentStatus();
  const loaded = Boolean(state.detail);
  const conv = state.detail?.conversation;
  $("takeover").hidden = loaded && status === "agent" && mine(conv);
  $("release").hidden = !loaded || status !== "agent";
  $("takeover").disabled = state.busy || !loaded;
  $("release").disabled = state.busy || !loaded;
  $("takeover").textContent =
    status === "waiting" ? "Take over" : status === "agent" ? "Take over" : "Take over from bot";
  renderComposer();
}
/** Why the conversation waits for a person, as the list says it ("asked for a person", "bot could not answer"). */
const waitingReason = (c) => REASONS[str(c?.handoverReason)] || "asked for a person";

export function renderComposer() {
  const status = currentStatus();
  const w = windowNow();
  const closed = !w || w.state === "closed";
  const canReply = Boolean(state.detail) && mine(state.detail.conversation) && !closed;
  composer.disabled = !canReply;
  $("send").disabled = !canReply || state.busy || !composer.value.trim();
  let note = "";
  let placeholder = "";
  if (!state.detail) placeholder = "Loading…";
  else if (closed) {
    placeholder = "Replies are closed for this conversation";
    note = w
      ? "The messaging window is closed: the platform does not allow a reply until the shopper writes again."
      : "Nothing to reply to yet.";
  } else if (status !== "agent") {
    placeholder = "Take over to reply";
    note =
      status === "waiting"
        ? `Waiting for a person (${waitingReason(state.detail.conversation)}). Take over to reply; the bot stays silent until you release.`
        : "The bot is answering this shopper. Take over to reply yourself.";
  } else if (!mine(state.detail.conversation)) {
    placeholder = "Take over to reply";
    note = `This conversation is with ${agentName(state.detail.conversation.agentId)}. Take over to reply yourself.`;
  } else {
    placeholder = `Reply to ${displayName(state.detail.conversation)}…`;
    note =
      w?.state === "human_agent"
        ? "Enter to send, Shift+Enter for a new line. Sent with the HUMAN_AGENT tag."
        : "Enter to send, Shift+Enter for a new line. The bot is silent until you release.";
  }
  composer.placeholder = placeholder;
  renderImageButton();
  const noteEl = $("composer-note");
  if (noteEl.textContent !== note) noteEl.textContent = note;
}
export function autosize() {
  composer.style.height = "auto";
  composer.style.height = `${Math.min(composer.scrollHeight + 2, 160)}px`;
}
export async function act(kind) {
  const id = state.openId;
  if (!id || state.busy) return;
  state.busy = true;
  const button = $(kind);
  const label = button.textContent;
  button.replaceChildren(
    h("span", { class: "spin", "aria-hidden": "true" }),
    kind === "takeover" ? " Taking over…" : " Releasing…",
  );
  renderActions();
  try {
    const data = await api("POST", `${convPath(id)}/${kind}`, {});
    if (kind === "takeover" && !state.me && str(data?.conversation?.agentId))
      state.me = data.conversation.agentId;
    showMessage(
      "ok",
      kind === "takeover"
        ? "You have taken over. The bot is silent until you release the conversation."
        : "Released: the bot answers this shopper again.",
    );
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) showMessage("error", errorText(e));
  } finally {
    state.busy = false;
    button.textContent = label;
  }
  state.detailSig = "";
  await refreshConversation().catch(() => {});
  renderActions();
  if (kind === "takeover" && !composer.disabled) composer.focus();
  schedulePoll(0);
}
export function errorText(e) {
  if (!(e instanceof ApiError)) return String(e?.message || e);
  if (e.code === "handover.window_closed")
    return `Not sent: ${e.message || "the messaging window is closed."}`;
  return e.message;
}
export async function send() {
  const id = state.openId;
  const text = composer.value.trim();
  if (!id || !text || state.busy || composer.disabled) return;
  state.busy = true;
  const button = $("send");
  renderComposer();
  button.setAttribute("aria-busy", "true");
  try {
    await api("POST", `${convPath(id)}/messages`, { text });
    if (state.openId === id) {
      composer.value = "";
      state.drafts.delete(id);
      autosize();
    }
    hideMessage();
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) showMessage("error", errorText(e));
  } finally {
    state.busy = false;
    button.removeAttribute("aria-busy");
  }
  state.detailSig = "";
  await refreshConversation().catch(() => {});
  if (state.openId === id) scrollToBottom();
  renderComposer();
  if (!composer.disabled) composer.focus();
}
