import { $, h, str } from "../common/dom.js";
import { clock, dayLabel, fullFmt, time } from "./format.js";
import { mediaNode, onlyNamesMedia } from "./media.js";
import { state, transcript } from "./state.js";

// ---------------------------------------------------------------- transcript
export const ATTACHMENT = /\[(?:cards|choices|order|location)\b[^\]]*\]|\[\d+ images?\]|\[[a-z_]+\]$/g;
export const ATT_LABELS = { cards: "Cards", choices: "Choices", order: "Order", location: "Location" };
export function messageText(text) {
  const parts = [];
  let last = 0;
  for (const m of text.matchAll(ATTACHMENT)) {
    const before = text.slice(last, m.index).replace(/\s+$/, "");
    if (before) parts.push(before, "\n");
    const inner = m[0].slice(1, -1);
    const kind = /^([a-z]+)/.exec(inner)?.[1] || "";
    const label = ATT_LABELS[kind];
    parts.push(
      label
        ? h(
            "span",
            { class: "att" },
            h("b", { text: label }),
            inner.slice(kind.length).replace(/^\s*:?\s*/, ""),
          )
        : h("span", { class: "att", text: inner }),
    );
    last = m.index + m[0].length;
  }
  const rest = text.slice(last).replace(/^\s+/, last ? "\n" : "");
  if (rest.trim()) parts.push(rest);
  while (parts.length && parts[parts.length - 1] === "\n") parts.pop();
  return parts;
}
export function messageKey(m) {
  return `${str(m.at)}|${str(m.direction)}|${str(m.author)}|${str(m.text)}`;
}
export function authorOf(m) {
  if (m.author === "shopper" || m.author === "bot" || m.author === "agent") return m.author;
  return m.direction === "in" ? "shopper" : "bot";
}
export function messageNode(m) {
  const author = authorOf(m);
  const t = time(m.at);
  const day = Number.isFinite(t) ? new Date(t).toDateString() : state.lastDay;
  const nodes = [];
  if (day && day !== state.lastDay) {
    nodes.push(h("div", { class: "day", text: dayLabel(t) }));
    state.lastAuthor = "";
  }
  state.lastDay = day;
  const first = author !== state.lastAuthor;
  state.lastAuthor = author;
  const label = { shopper: "", bot: "Bot", agent: state.me && m.agentId === state.me ? "You" : "Agent" }[
    author
  ];
  nodes.push(
    h(
      "div",
      {
        class: `m ${author === "shopper" ? "in" : "out"} ${author}${first ? " first" : ""}`,
        testid: `msg-${author}`,
        "data-kind": str(m.kind) || undefined,
      },
      first && label ? h("span", { class: "who-label", text: label }) : null,
      h("div", { class: "bubble", dir: "auto" }, messageBody(m)),
      h("span", {
        class: "time",
        text: clock(t),
        title: Number.isFinite(t) ? fullFmt.format(t) : undefined,
      }),
    ),
  );
  return nodes;
}
/** The bubble's content: the media inline (media.js), then the text unless it only names the media. */
export function messageBody(m) {
  const media = mediaNode(m, state.openId);
  if (!media) return messageText(str(m.text));
  // the media shows itself: its `[1 image]` / `[audio]` mark in the text is left out
  const text = str(m.text).replace(/\s*\[(?:\d+ images?|[a-z]+)\]\s*$/, "");
  return [media, onlyNamesMedia(m.text) || !text.trim() ? null : messageText(text)];
}
export function nearBottom() {
  return transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 80;
}
export function scrollToBottom() {
  transcript.scrollTop = transcript.scrollHeight;
  $("jump").hidden = true;
}
/** Appends only the new messages; re-renders (keeping the scroll position) only when history changed. */
export function renderTranscript(raw, opts = {}) {
  // The server's order is the transcript's (oldest first); only a newest-first answer is turned round.
  const messages = raw.filter((m) => m && typeof m === "object");
  if (messages.length > 1 && time(messages[0].at) > time(messages[messages.length - 1].at))
    messages.reverse();
  const keys = messages.map(messageKey);
  const old = state.rendered;
  const isPrefix = old.length > 0 && old.length <= keys.length && old.every((k, i) => k === keys[i]);
  if (isPrefix && old.length === keys.length) return;
  const wasEmpty = old.length === 0;
  const stick = wasEmpty || opts.stick || nearBottom();
  if (isPrefix) {
    const frag = document.createDocumentFragment();
    for (const m of messages.slice(old.length)) frag.append(...messageNode(m));
    transcript.append(frag);
  } else {
    const top = transcript.scrollTop;
    state.lastDay = "";
    state.lastAuthor = "";
    if (messages.length === 0)
      transcript.replaceChildren(h("div", { class: "tempty", text: "No messages yet." }));
    else transcript.replaceChildren(...messages.flatMap(messageNode));
    if (!wasEmpty) transcript.scrollTop = top;
  }
  state.rendered = keys;
  if (stick) scrollToBottom();
  else if (isPrefix) $("jump").hidden = false;
}
