import { h, hue, str } from "../common/dom.js";
import { CHANNELS, DAY, HOUR, MIN } from "./config.js";
import { state } from "./state.js";

// ---------------------------------------------------------------- DOM helpers (text only, never HTML): h in staff.js
export function time(v) {
  const t = typeof v === "number" ? v : Date.parse(str(v));
  return Number.isFinite(t) ? t : Number.NaN;
}

// ---------------------------------------------------------------- formatting
export function duration(ms, fine) {
  const m = Math.max(0, ms);
  if (m < MIN) return fine ? `${Math.floor(m / 1000)} s` : "< 1 min";
  if (m < HOUR) return `${Math.floor(m / MIN)} min`;
  if (m < DAY) {
    const hh = Math.floor(m / HOUR);
    const mm = Math.floor((m % HOUR) / MIN);
    return mm ? `${hh} h ${mm} min` : `${hh} h`;
  }
  const d = Math.floor(m / DAY);
  const hh = Math.floor((m % DAY) / HOUR);
  return hh ? `${d} d ${hh} h` : `${d} d`;
}
export const timeFmt = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
export const dayFmt = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
});
export const fullFmt = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  hour: "numeric",
  minute: "2-digit",
});
export function clock(t) {
  return Number.isFinite(t) ? timeFmt.format(t) : "";
}
export function when(t) {
  if (!Number.isFinite(t)) return "";
  const d = new Date(t);
  const now = new Date();
  if (d.toDateString() === now.toDateString()) return `today ${timeFmt.format(t)}`;
  const y = new Date(now);
  y.setDate(now.getDate() - 1);
  if (d.toDateString() === y.toDateString()) return `yesterday ${timeFmt.format(t)}`;
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  if (d.toDateString() === tomorrow.toDateString()) return `tomorrow ${timeFmt.format(t)}`;
  return fullFmt.format(t);
}
export function dayLabel(t) {
  const d = new Date(t);
  const now = new Date();
  if (d.toDateString() === now.toDateString()) return "Today";
  const y = new Date(now);
  y.setDate(now.getDate() - 1);
  if (d.toDateString() === y.toDateString()) return "Yesterday";
  return dayFmt.format(t);
}
export function channelName(c) {
  return CHANNELS[c] || str(c) || "Chat";
}
export function displayName(c) {
  const name = str(c?.displayName || c?.name).trim();
  if (name) return name;
  const user = str(c?.userId);
  if (c?.channel === "whatsapp" && /^\d+$/.test(user)) return `+${user}`;
  if (user) return `Shopper …${user.slice(-4)}`;
  return str(c?.conversationId) || "Shopper";
}
export function avatar(c, el) {
  const box = el || h("span", { class: "avatar", "aria-hidden": "true" });
  const name = str(c?.name).trim();
  box.replaceChildren(
    name ? name.charAt(0).toUpperCase() : "#",
    h("span", { class: `ch ${str(c?.channel)}` }),
  );
  box.style.background = `hsl(${hue(c?.conversationId || "")} 42% 56%)`;
  return box;
}
/** The agent id the API gives this token, so the page can tell "you" from a colleague. */
export async function agentIdOf(token) {
  try {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    return `agent-${hex.slice(0, 16)}`;
  } catch {
    return ""; // no WebCrypto (plain http): learnt from the first takeover instead
  }
}
export function agentName(id) {
  const agent = str(id);
  if (!agent) return "an agent";
  if (state.me && agent === state.me) return "you";
  if (agent === "page-inbox") return "Meta Page Inbox";
  return "another agent";
}
export const mine = (c) => c?.status === "agent" && (!state.me || !c.agentId || c.agentId === state.me);
export const REASONS = {
  asked: "asked for a person",
  complaint: "complaint",
  unanswered: "bot could not answer",
  cart_value: "large cart",
  echo: "answered in Meta's inbox",
  thread_control: "taken in Meta's inbox",
};
export function convId(c) {
  return str(c?.conversationId) || (c?.channel && c?.userId ? `${c.channel}:${c.userId}` : "");
}
/** When the shopper started waiting for a person (the newest field the API offers). */
export function waitingSince(c) {
  for (const k of ["waitingSince", "handoverAt", "statusChangedAt", "lastInboundAt", "lastActivityAt"]) {
    const t = time(c?.[k]);
    if (Number.isFinite(t)) return t;
  }
  return Number.NaN;
}
