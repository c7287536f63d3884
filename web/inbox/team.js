import { $, h, str } from "../common/dom.js";
import { api, convPath, pickArray } from "./api.js";
import { CHANNELS, LOCALES } from "./config.js";
import { REASONS } from "./format.js";
import { renderAlerts } from "./notify.js";
import { schedulePoll } from "./poll.js";
import { state } from "./state.js";
import { renderTeamPanel } from "./teamPanel.js";
import { showMessage } from "./toast.js";

// ---------------------------------------------------------------- team inbox: search, filters, read, assignment
// docs/interface.md "Agent API": the list takes `channel`, `language`, `mine` and `q`; items carry `unread`,
// `handoverKind` and `assignee`.
export const team = { q: "", channel: "", language: "", mine: false, agents: [] };
const KINDS = { asked: "asked for a person", unanswered: "bot could not answer", cart_value: "large cart" };

/** The list's extra query parameters ("" when nothing is chosen). */
export function teamQuery() {
  const p = new URLSearchParams();
  if (team.q.trim()) p.set("q", team.q.trim());
  if (team.channel) p.set("channel", team.channel);
  if (team.language) p.set("language", team.language);
  if (team.mine) p.set("mine", "true");
  const s = p.toString();
  return s ? `&${s}` : "";
}
function changed() {
  state.listSig = "";
  for (const k of Object.keys(state.lists)) state.lists[k] = null;
  schedulePoll(0);
}
function select(testid, label, options, key) {
  const el = h(
    "select",
    { class: "input small", testid, "aria-label": label },
    h("option", { value: "", text: label }),
    ...Object.entries(options).map(([v, t]) => h("option", { value: v, text: t })),
  );
  el.addEventListener("change", () => {
    team[key] = el.value;
    changed();
  });
  return el;
}
/** The search box and the channel, language and "Mine" filters above the list. */
export function renderTeamBar() {
  const box = $("team-bar");
  if (!box || box.childElementCount) return;
  const q = h("input", {
    class: "input",
    type: "search",
    testid: "search",
    placeholder: "Search names and messages (/)",
    "aria-label": "Search conversations",
  });
  let timer = 0;
  q.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      team.q = q.value;
      changed();
    }, 250);
  });
  const mine = h("input", { type: "checkbox", testid: "filter-mine" });
  mine.addEventListener("change", () => {
    team.mine = mine.checked;
    changed();
  });
  box.replaceChildren(
    q,
    h(
      "div",
      { class: "team-row" },
      select("filter-channel", "All channels", CHANNELS, "channel"),
      select("filter-language", "All languages", LOCALES, "language"),
      h("label", { class: "team-mine" }, mine, " Mine"),
    ),
  );
  renderAlerts();
}
/** Unread count, why it was handed over and who has it, for one list item. */
export function queueExtras(c) {
  const out = [];
  const unread = Number(c.unread) || 0;
  if (unread > 0) out.push(h("span", { class: "badge hot qunread", testid: "unread", text: String(unread) }));
  const kind = str(c.handoverKind);
  if (c.status !== "bot" && (KINDS[kind] || REASONS[c.handoverReason]))
    out.push(
      h("span", { class: "qkind", testid: "handover-kind", text: KINDS[kind] || REASONS[c.handoverReason] }),
    );
  if (c.assignee?.agentId)
    out.push(
      h("span", {
        class: "qassignee",
        testid: "assignee",
        text: c.assignee.agentId === state.me ? "mine" : `→ ${str(c.assignee.name) || c.assignee.agentId}`,
      }),
    );
  return out.length ? h("span", { class: "qextras" }, ...out) : "";
}
/** Opening a conversation marks it read for the team. */
export function markRead(id) {
  api("POST", `${convPath(id)}/read`).catch(() => {});
}
async function assign(agentId) {
  const id = state.openId;
  if (!id) return;
  try {
    await api("POST", `${convPath(id)}/assign`, { agentId });
    showMessage("ok", agentId === "me" ? "Assigned to you." : "Assigned.");
    changed();
  } catch (e) {
    showMessage("error", e.message);
  }
}
/** "Assign to me" and a colleague picker in the conversation header. */
export async function renderAssign() {
  void renderTeamPanel();
  const box = $("team-tools");
  if (!box) return;
  if (!team.agents.length) {
    try {
      team.agents = pickArray(await api("GET", "/api/agent/agents"), ["items", "agents"]);
    } catch {
      team.agents = [];
    }
  }
  const me = h("button", { class: "btn small", type: "button", testid: "assign-me", text: "Assign to me" });
  me.addEventListener("click", () => assign("me"));
  const others = team.agents.filter((a) => a?.agentId && a.agentId !== state.me);
  const pick = h(
    "select",
    { class: "input small", testid: "assign-to", "aria-label": "Assign to a colleague" },
    h("option", { value: "", text: "Assign to…" }),
    ...others.map((a) => h("option", { value: a.agentId, text: str(a.name) || a.agentId })),
  );
  pick.addEventListener("change", () => pick.value && assign(pick.value));
  box.replaceChildren(me, ...(others.length ? [pick] : []));
}
