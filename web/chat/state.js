import { newIgsid, newPsid, newWaId } from "./ids.js";
import { buildIntro } from "./thread.js";
import { el } from "./ui.js";

// ---------------------------------------------------------------- state
export const STORE_KEY = "chatcart.chat.v1";
export const POLL_MS = 700;
export const CHANNELS = ["messenger", "whatsapp", "instagram"];
export const phone = document.getElementById("phone");
export const slot = document.getElementById("thread-slot");
export const composer = document.getElementById("composer");
export const form = document.getElementById("composer-form");
export const errorEl = document.getElementById("error");
export const uidEl = document.getElementById("uid");
export const subEl = document.getElementById("sub");

export let config = null;
/** What /dev/chat/config answered (importers see it through the live binding). */
export function setConfig(c) {
  config = c;
}
export const seenCursors = new Set();
export const errors = { config: "", send: "", poll: "" };

export const saved = loadSaved();
export const state = {
  channel: CHANNELS.includes(saved.channel) ? saved.channel : "messenger",
  messenger: newChannelState("messenger", validId(saved.psid, /^\d{6,20}$/) || newPsid()),
  whatsapp: newChannelState("whatsapp", validId(saved.waId, /^\d{6,15}$/) || newWaId()),
  instagram: newChannelState("instagram", validId(saved.igsid, /^\d{6,20}$/) || newIgsid()),
};
export const hashChannel = location.hash.replace("#", "");
if (CHANNELS.includes(hashChannel)) state.channel = hashChannel;

export function newChannelState(channel, id) {
  const thread = el("div", "thread");
  thread.setAttribute("role", "log");
  thread.setAttribute("aria-live", "polite");
  thread.dataset.testid = "thread";
  const s = { channel, id, thread, sent: new Map(), typing: null, typingTimer: 0, started: false };
  buildIntro(s);
  return s;
}

export function loadSaved() {
  try {
    return JSON.parse(localStorage.getItem(STORE_KEY) || "{}") || {};
  } catch {
    return {};
  }
}
export function save() {
  try {
    localStorage.setItem(
      STORE_KEY,
      JSON.stringify({
        channel: state.channel,
        psid: state.messenger.id,
        waId: state.whatsapp.id,
        igsid: state.instagram.id,
      }),
    );
  } catch {
    /* private mode: ids just are not remembered */
  }
}
export function validId(v, re) {
  return typeof v === "string" && re.test(v) ? v : null;
}
