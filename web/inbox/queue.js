import { $, h, str } from "../common/dom.js";
import { byChannel, channelBadge, channelFilter } from "./channels.js";
import { renderWindow } from "./composer.js";
import { FILTERS, LOCALES, MIN } from "./config.js";
import { openConversation } from "./conversation.js";
import { agentName, avatar, convId, displayName, duration, time, waitingSince, when } from "./format.js";
import { state } from "./state.js";
import { queueExtras } from "./team.js";

// ---------------------------------------------------------------- queue
export function setFilter(f) {
  state.filter = FILTERS.includes(f) ? f : "waiting";
  for (const b of document.querySelectorAll("[data-filter]"))
    b.setAttribute("aria-selected", String(b.dataset.filter === state.filter));
  state.listSig = "";
  renderQueue();
}
export function renderCounts() {
  let waiting = 0;
  for (const f of FILTERS) {
    const badge = $(`count-${f}`);
    const list = byChannel(state.lists[f]);
    badge.hidden = !list || (f !== "waiting" && list.length === 0);
    badge.textContent = list ? String(list.length) : "";
    if (f === "waiting") waiting = list ? list.length : 0;
  }
  $("count-waiting").hidden = !waiting;
  document.title = waiting ? `(${waiting}) Chatcart · support inbox` : "Chatcart · support inbox";
}
export function renderQueue() {
  const box = $("queue");
  const list = byChannel(state.lists[state.filter]);
  const sig = JSON.stringify([state.filter, channelFilter.value, state.openId, list]);
  if (sig === state.listSig) return;
  state.listSig = sig;
  if (!list) {
    box.replaceChildren(h("div", { class: "qempty" }, h("span", { class: "spin", "aria-hidden": "true" })));
    return;
  }
  if (list.length === 0 && channelFilter.value && state.lists[state.filter].length) {
    box.replaceChildren(
      h(
        "div",
        { class: "qempty" },
        h("b", { text: "None on this channel" }),
        "Choose All channels to see the others.",
      ),
    );
    return;
  }
  if (list.length === 0) {
    const empty = {
      waiting: ["Nobody is waiting", "Shoppers who ask for a person show up here within seconds."],
      agent: ["No one is with an agent", "Conversations you or a colleague took over show up here."],
      bot: ["No conversations with the bot", "Shoppers talking to the bot show up here."],
    }[state.filter];
    box.replaceChildren(h("div", { class: "qempty" }, h("b", { text: empty[0] }), empty[1]));
    return;
  }
  const top = box.scrollTop;
  box.replaceChildren(...list.map(queueItem));
  box.scrollTop = top;
  tickTimes();
}
export function queueItem(c) {
  const id = convId(c);
  const preview = str(c.lastText || c.preview || c.lastMessage?.text);
  c.locale ||= c.language;
  const sub = [LOCALES[c.locale] || str(c.locale), preview].filter(Boolean).join(" · ");
  let tag;
  if (c.status === "waiting")
    tag = h("span", {
      class: "qwait",
      "data-since": String(waitingSince(c)),
      "data-prefix": "waiting ",
      title: "How long the shopper has been waiting for a person",
    });
  else if (c.status === "agent")
    tag = h("span", { class: "qwait agent", text: `with ${agentName(c.agentId)}` });
  else tag = h("span", { class: "qwait bot", text: "bot" });
  return h(
    "button",
    {
      class: "qi",
      type: "button",
      testid: "queue-item",
      "data-id": id,
      "data-status": str(c.status),
      "aria-current": String(id === state.openId),
      onclick: () => openConversation(id),
    },
    avatar(c),
    h("span", { class: "qname", text: displayName(c) }),
    h("span", {
      class: "qtime",
      "data-since": String(time(c.lastActivityAt)),
      "data-suffix": " ago",
      title: `Last activity ${when(time(c.lastActivityAt))}`,
    }),
    h("span", { class: "qsub" }, channelBadge(c.channel), sub),
    tag,
    queueExtras(c),
  );
}
/** Refreshes every "… ago" / "waiting …" label and the window countdown, once a second. */
export function tickTimes() {
  const now = Date.now();
  for (const el of document.querySelectorAll("[data-since]")) {
    const t = Number(el.dataset.since);
    if (!Number.isFinite(t)) {
      el.textContent = "";
      continue;
    }
    const d = now - t;
    el.textContent = `${el.dataset.prefix || ""}${duration(d, el.classList.contains("qwait"))}${el.dataset.suffix || ""}`;
    if (el.classList.contains("qwait") && !el.classList.contains("agent") && !el.classList.contains("bot"))
      el.classList.toggle("long", d > 10 * MIN);
  }
  if (state.detail) renderWindow();
}
