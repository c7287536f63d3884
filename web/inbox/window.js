import { ApiError } from "../common/api.js";
import { $, h, str } from "../common/dom.js";
import { api, convPath } from "./api.js";
import { refreshConversation } from "./conversation.js";
import { duration } from "./format.js";
import { state } from "./state.js";
import { showMessage } from "./toast.js";

// ---------------------------------------------------------------- the window beside the composer (issue 12)
/**
 * `GET …/window` (docs/interface.md): `{window, msLeft, humanAgentDaysLeft?, canSendText, templates[]}`.
 * Open: a countdown. Closed on WhatsApp: the shop's approved templates, one input per `{{n}}`, sent through
 * `POST …/template`. Messenger: the HUMAN_AGENT days left, then why nothing can be sent.
 */
const win = { id: "", data: null, at: 0, choice: "", timer: 0, busy: false, loading: false };

/** Called whenever the open conversation's detail changed (conversation.js). */
export async function loadWindow() {
  const id = state.openId;
  if (!id || win.loading) return;
  win.loading = true;
  try {
    const data = await api("GET", `${convPath(id)}/window`);
    if (id !== state.openId) return;
    if (win.id !== id) win.choice = "";
    win.id = id;
    win.data = data && typeof data === "object" ? data : null;
    win.at = Date.now();
    renderPanel(true);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) win.data = null;
  } finally {
    win.loading = false;
  }
  if (!win.timer) win.timer = setInterval(() => renderPanel(false), 1000);
}

const leftNow = () => Math.max(0, Number(win.data?.msLeft || 0) - (Date.now() - win.at));

function renderPanel(full) {
  const el = $("window-panel");
  if (!el) return;
  if (!win.data || win.id !== state.openId) {
    for (const box of [$("composer-form"), $("composer-note")]) if (box) box.hidden = false;
    el.hidden = true;
    el.replaceChildren();
    return;
  }
  const d = win.data;
  const w = d.window && typeof d.window === "object" ? d.window : {};
  const channel = str(w.channel) || state.openId.split(":")[0];
  const s = str(w.state) || "closed";
  const countdown = $("window-countdown");
  const templatesOnly = s === "closed" && channel === "whatsapp";
  for (const box of [$("composer-form"), $("composer-note")]) if (box) box.hidden = templatesOnly;
  if (!full && countdown) {
    countdown.textContent = countdownText(s, channel, d);
    if (s === "open" && leftNow() === 0 && !win.loading) void loadWindow();
    return;
  }
  el.hidden = false;
  el.dataset.state = s;
  el.dataset.channel = channel;
  const parts = [
    h(
      "div",
      { class: "wp-line", id: "window-countdown", "data-testid": "window-countdown" },
      countdownText(s, channel, d),
    ),
  ];
  if (s === "closed" && channel === "whatsapp") parts.push(picker(d));
  else if (s === "closed")
    parts.push(
      h("p", {
        class: "wp-refuse",
        "data-testid": "window-refused",
        text:
          channel === "messenger"
            ? "Cannot send: more than 7 days since the shopper's last message, so Messenger allows no reply, not even with the HUMAN_AGENT tag. You can reply when they write again."
            : "Cannot send: the shopper's last message is more than 24 h old. You can reply when they write again.",
      }),
    );
  el.replaceChildren(...parts);
}

function countdownText(s, channel, d) {
  const left = leftNow();
  if (s === "open") return `Free text allowed · ${duration(left, true)} left in the 24 h window`;
  if (s === "human_agent") {
    const ms = Math.max(0, Number(d.humanAgentMsLeft || 0) - (Date.now() - win.at));
    const days = Number(d.humanAgentDaysLeft);
    return `HUMAN_AGENT tag · ${Number.isFinite(days) ? `${days} day${days === 1 ? "" : "s"}` : duration(ms)} left${
      ms ? ` (${duration(ms)})` : ""
    }`;
  }
  return channel === "whatsapp"
    ? "Window closed · free text is refused: send an approved template"
    : "Window closed";
}

function picker(d) {
  const templates = (Array.isArray(d.templates) ? d.templates : []).filter((t) => t && str(t.name));
  if (!templates.length)
    return h("p", {
      class: "wp-refuse",
      "data-testid": "window-refused",
      text: "No approved WhatsApp template: ask the merchant to submit them (/admin → Templates).",
    });
  const key = (t) => `${t.name}|${t.language}`;
  const chosen = templates.find((t) => key(t) === win.choice) || templates[0];
  win.choice = key(chosen);
  const select = h(
    "select",
    { class: "select", id: "template-name", "data-testid": "template-name", "aria-label": "Template" },
    ...templates.map((t) =>
      h("option", { value: key(t), text: `${t.name} · ${t.language} · ${str(t.category).toLowerCase()}` }),
    ),
  );
  select.value = win.choice;
  select.addEventListener("change", () => {
    win.choice = select.value;
    renderPanel(true);
  });
  const n = Math.max(0, Math.min(10, Number(chosen.parameters) || 0));
  const inputs = Array.from({ length: n }, (_, i) =>
    h("input", {
      class: "input",
      "data-testid": `template-param-${i + 1}`,
      placeholder: `{{${i + 1}}}`,
      "aria-label": `Parameter ${i + 1}`,
      maxlength: "1024",
    }),
  );
  const preview = h("p", { class: "wp-body", "data-testid": "template-body" });
  const update = () => {
    preview.textContent = str(chosen.body).replace(
      /\{\{(\d+)\}\}/g,
      (m, k) => inputs[k - 1]?.value.trim() || m,
    );
    button.disabled = win.busy || inputs.some((i) => !i.value.trim());
  };
  const button = h("button", {
    class: "btn primary",
    type: "submit",
    "data-testid": "template-send",
    text: "Send template",
  });
  for (const i of inputs) i.addEventListener("input", update);
  const form = h("form", { class: "wp-form", "data-testid": "template-picker" }, select, ...inputs, button);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void sendTemplate(chosen, inputs, button);
  });
  update();
  return h("div", { class: "wp-picker" }, form, preview);
}

async function sendTemplate(t, inputs, button) {
  const id = state.openId;
  if (!id || win.busy) return;
  win.busy = true;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    await api("POST", `${convPath(id)}/template`, {
      name: t.name,
      language: t.language,
      parameters: inputs.map((i) => i.value.trim()),
    });
    showMessage("ok", `Template ${t.name} sent.`);
    for (const i of inputs) i.value = "";
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) showMessage("error", `Not sent: ${e.message}`);
  } finally {
    win.busy = false;
    button.removeAttribute("aria-busy");
  }
  state.detailSig = "";
  await refreshConversation().catch(() => {});
}
