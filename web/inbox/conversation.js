import { ApiError } from "../common/api.js";
import { $, h, str } from "../common/dom.js";
import { api, convPath, pickArray } from "./api.js";
import { channelBadge } from "./channels.js";
import { autosize, renderActions, renderWindow } from "./composer.js";
import { FILTERS, LOCALES } from "./config.js";
import { renderDetails } from "./details.js";
import { agentName, avatar, convId, displayName, REASONS } from "./format.js";
import { renderQueue } from "./queue.js";
import { composer, state, transcript } from "./state.js";
import { markRead, renderAssign } from "./team.js";
import { showMessage } from "./toast.js";
import { renderTranscript } from "./transcript.js";
import { loadWindow } from "./window.js";

// ---------------------------------------------------------------- conversation
export function decodeHash() {
  const m = /^#c=(.+)$/.exec(location.hash);
  if (!m) return "";
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return "";
  }
}
export function closeConversation() {
  saveDraft();
  state.openId = "";
  state.detail = null;
  state.detailSig = "";
  state.panelSig = "";
  state.openOrders.clear();
  state.rendered = [];
  $("conv-body").hidden = true;
  $("conv-none").hidden = false;
  $("app").classList.remove("open");
  transcript.replaceChildren();
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  state.listSig = "";
  renderQueue();
}
export function saveDraft() {
  if (state.openId) {
    if (composer.value) state.drafts.set(state.openId, composer.value);
    else state.drafts.delete(state.openId);
  }
}
export function openConversation(id) {
  if (!id) return;
  if (id !== state.openId) {
    saveDraft();
    state.openId = id;
    state.detail = null;
    state.detailSig = "";
    state.panelSig = "";
    state.openOrders.clear();
    state.rendered = [];
    state.lastDay = "";
    state.lastAuthor = "";
    transcript.replaceChildren(
      h("div", { class: "tempty" }, h("span", { class: "spin", "aria-hidden": "true" })),
    );
    $("details").replaceChildren();
    $("window-state").replaceChildren();
    $("window-state").dataset.level = "closed";
    delete $("window-state").dataset.sig;
    composer.value = state.drafts.get(id) || "";
    autosize();
    const known = FILTERS.flatMap((f) => state.lists[f] || []).find((c) => convId(c) === id);
    renderHead(known || { conversationId: id, channel: id.split(":")[0], userId: id.split(":")[1] });
    renderActions();
    markRead(id);
    void renderAssign();
    history.replaceState(null, "", `${location.pathname}${location.search}#c=${encodeURIComponent(id)}`);
  }
  $("conv-none").hidden = true;
  $("conv-body").hidden = false;
  $("app").classList.add("open");
  state.listSig = "";
  renderQueue();
  return refreshConversation().catch((e) => {
    if (!(e instanceof ApiError && e.status === 401)) showMessage("error", e.message);
  });
}
export async function refreshConversation() {
  const id = state.openId;
  if (!id) return;
  const seq = ++state.openSeq;
  let data;
  try {
    data = await api("GET", convPath(id));
  } catch (e) {
    if (seq !== state.openSeq || id !== state.openId) return;
    if (e instanceof ApiError && e.status === 404) {
      closeConversation();
      $("conv-none-title").textContent = "Conversation not found";
      $("conv-none-text").textContent = "It may belong to another shop, or the link is wrong.";
      return;
    }
    throw e;
  }
  if (seq !== state.openSeq || id !== state.openId || !data || typeof data !== "object") return;
  const sig = JSON.stringify(data);
  if (sig === state.detailSig) return;
  state.detailSig = sig;
  state.detail = data;
  const conv = data.conversation && typeof data.conversation === "object" ? data.conversation : {};
  renderHead(conv);
  renderDetails(data);
  renderActions();
  renderWindow();
  void loadWindow();
  renderTranscript(pickArray(data.messages, []));
}
export function renderHead(c) {
  avatar(c, $("conv-avatar"));
  $("conv-name").textContent = displayName(c);
  const sub = [
    c.channel === "whatsapp" && str(c.name) ? `+${str(c.userId)}` : "",
    LOCALES[c.locale] || str(c.locale),
    c.status !== "bot" && str(c.handoverReason) ? REASONS[c.handoverReason] || str(c.handoverReason) : "",
  ].filter(Boolean);
  $("conv-sub").replaceChildren(channelBadge(c.channel), ...sub.map((s) => h("span", { text: s })));
  const pill = $("conv-status");
  const status = str(c.status);
  pill.className = `pill ${status}`;
  pill.dataset.status = status;
  pill.textContent =
    status === "waiting"
      ? "Waiting for a person"
      : status === "agent"
        ? `With ${agentName(c.agentId)}`
        : status === "bot"
          ? "Bot is answering"
          : "";
  pill.hidden = !status;
}
