import { h, str } from "../common/dom.js";
import { CHANNELS } from "./config.js";

// ---------------------------------------------------------------- channels: badge and filter
const KEY = "chatcart.inbox.channel";

/** The channel the queue shows ("" = every channel), kept for this tab. */
export const channelFilter = { value: readSaved() };

function readSaved() {
  try {
    const v = sessionStorage.getItem(KEY) || "";
    return Object.hasOwn(CHANNELS, v) ? v : "";
  } catch {
    return "";
  }
}

export function setChannelFilter(v) {
  channelFilter.value = Object.hasOwn(CHANNELS, v) ? v : "";
  try {
    sessionStorage.setItem(KEY, channelFilter.value);
  } catch {
    /* private mode: not remembered */
  }
}

/** The conversations of the chosen channel (all when none is chosen). */
export function byChannel(list) {
  if (!list || !channelFilter.value) return list;
  return list.filter((c) => str(c?.channel) === channelFilter.value);
}

/** A small badge naming the conversation's channel, coloured per channel. */
export function channelBadge(channel) {
  const c = str(channel);
  const known = Object.hasOwn(CHANNELS, c);
  return h("span", {
    class: `chan${known ? ` chan-${c}` : ""}`,
    testid: "channel-badge",
    "data-channel": c,
    text: known ? CHANNELS[c] : c || "Chat",
  });
}

/** The `<select>` in the side bar: every channel, then each one. */
export function buildChannelSelect(select, onChange) {
  select.replaceChildren(
    h("option", { value: "", text: "All channels" }),
    ...Object.entries(CHANNELS).map(([k, name]) => h("option", { value: k, text: name })),
  );
  select.value = channelFilter.value;
  select.addEventListener("change", () => {
    setChannelFilter(select.value);
    onChange();
  });
}
