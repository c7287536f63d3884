import { $, h, str } from "../common/dom.js";
import { api } from "./api.js";
import { displayName } from "./format.js";
import { state } from "./state.js";

// ---------------------------------------------------------------- opt-in alerts and keyboard shortcuts
// New waiting conversations (from the polled list) and "returned to bot" notices (GET /api/agent/notifications,
// docs/interface.md) ring a short tone and show a desktop notification, only when the agent turned it on.
const KEY = "chatcart.inbox.alerts";
let seen = null;
let since = new Date().toISOString();

function beep() {
  try {
    const ctx = new AudioContext();
    const o = ctx.createOscillator();
    o.frequency.value = 880;
    o.connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.15);
  } catch {}
}
function alertAgent(title, body) {
  beep();
  if ("Notification" in window && Notification.permission === "granted") new Notification(title, { body });
}
async function check() {
  if (!state.token || localStorage.getItem(KEY) !== "on") return;
  const waiting = state.lists.waiting || [];
  const ids = new Set(waiting.map((c) => str(c.conversationId)));
  if (seen)
    for (const c of waiting)
      if (!seen.has(str(c.conversationId))) alertAgent("A shopper is waiting", displayName(c));
  seen = ids;
  try {
    const data = await api("GET", `/api/agent/notifications?since=${encodeURIComponent(since)}`);
    const items = Array.isArray(data?.items) ? data.items : [];
    if (items[0]?.at) since = items[0].at;
    for (const n of items)
      if (n.kind === "returned_to_bot") alertAgent("Returned to the bot", str(n.conversationId));
  } catch {}
}
/** The "Alerts" switch and the list of shortcuts, under the search box. */
export function renderAlerts() {
  const box = $("team-bar");
  if (!box) return;
  const on = h("input", { type: "checkbox", testid: "alerts" });
  on.checked = localStorage.getItem(KEY) === "on";
  on.addEventListener("change", () => {
    localStorage.setItem(KEY, on.checked ? "on" : "off");
    seen = null;
    if (on.checked && "Notification" in window && Notification.permission === "default")
      void Notification.requestPermission();
  });
  box.append(
    h("label", { class: "team-mine" }, on, " Sound and desktop alerts"),
    h("div", {
      class: "shortcuts",
      testid: "shortcuts",
      text: "Keys: / search · ↑↓ move in the list · m Mine · a assign to me · n note · Esc close message",
    }),
  );
  setInterval(check, 5000);
}
document.addEventListener("keydown", (e) => {
  const t = e.target;
  if (e.ctrlKey || e.metaKey || e.altKey || (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  const click = (id) => document.querySelector(`[data-testid="${id}"]`)?.click();
  const focus = (id) => document.querySelector(`[data-testid="${id}"]`)?.focus();
  if (e.key === "/") focus("search");
  else if (e.key === "m") click("filter-mine");
  else if (e.key === "a") click("assign-me");
  else if (e.key === "n") focus("note-text");
  else return;
  e.preventDefault();
});
