import { $, h, str } from "../common/dom.js";
import { api, convPath, pickArray } from "./api.js";
import { composer, state } from "./state.js";
import { showMessage } from "./toast.js";

// ---------------------------------------------------------------- canned replies and internal notes
// docs/interface.md "Agent API": canned replies are rendered by the server with `{name}` and `{orderId}`;
// notes live beside the conversation and are never sent to the shopper.
let canned = [];

function fail(e) {
  showMessage("error", str(e?.message) || "Something went wrong.");
}
async function loadCanned() {
  try {
    canned = pickArray(await api("GET", "/api/agent/canned"), ["items"]);
  } catch {
    canned = [];
  }
}
async function useCanned(id) {
  const conversationId = state.openId;
  if (!id || !conversationId) return;
  try {
    const r = await api("POST", `/api/agent/canned/${encodeURIComponent(id)}/render`, { conversationId });
    if (conversationId !== state.openId) return;
    composer.value = str(r?.text);
    composer.dispatchEvent(new Event("input"));
    composer.focus();
  } catch (e) {
    fail(e);
  }
}
function cannedPicker() {
  const pick = h(
    "select",
    { class: "input small", testid: "canned-pick", "aria-label": "Insert a canned reply" },
    h("option", { value: "", text: "Canned reply…" }),
    ...canned.map((c) => h("option", { value: c.id, text: str(c.title) || c.id })),
  );
  pick.addEventListener("change", () => {
    const id = pick.value;
    pick.value = "";
    void useCanned(id);
  });
  return pick;
}
function cannedManager() {
  const rows = canned.map((c) => {
    const del = h("button", {
      class: "btn small ghost",
      type: "button",
      testid: "canned-delete",
      text: "Delete",
    });
    del.addEventListener("click", async () => {
      try {
        await api("DELETE", `/api/agent/canned/${encodeURIComponent(c.id)}`);
        await renderTeamPanel(true);
      } catch (e) {
        fail(e);
      }
    });
    return h("li", {}, h("b", { text: str(c.title) || c.id }), " ", del);
  });
  const title = h("input", {
    class: "input small",
    testid: "canned-title",
    placeholder: "Title",
    required: true,
  });
  const text = h("input", {
    class: "input small",
    testid: "canned-text",
    placeholder: "Hi {name}, order {orderId}…",
    required: true,
  });
  const form = h(
    "form",
    { class: "canned-add" },
    title,
    text,
    h("button", { class: "btn small", type: "submit", testid: "canned-add", text: "Add" }),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const id =
      title.value
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 40) || `reply-${Date.now()}`;
    try {
      await api("PUT", `/api/agent/canned/${encodeURIComponent(id)}`, {
        title: title.value.trim(),
        text: { en: text.value.trim() },
      });
      await renderTeamPanel(true);
    } catch (err) {
      fail(err);
    }
  });
  return h(
    "details",
    { class: "canned-manager", testid: "canned-manager" },
    h("summary", { text: "Manage canned replies" }),
    h("ul", {}, ...rows),
    form,
  );
}
async function notesBox(id) {
  let notes = [];
  try {
    notes = pickArray(await api("GET", `${convPath(id)}/notes`), ["items"]);
  } catch {
    notes = [];
  }
  const input = h("textarea", {
    class: "input",
    rows: "2",
    maxlength: "2000",
    testid: "note-text",
    placeholder: "Internal note (never sent to the shopper)",
    "aria-label": "Internal note",
  });
  const form = h(
    "form",
    { class: "note-add" },
    input,
    h("button", { class: "btn small", type: "submit", testid: "note-add", text: "Save note" }),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    try {
      await api("POST", `${convPath(id)}/notes`, { text });
      input.value = "";
      await renderTeamPanel();
    } catch (err) {
      fail(err);
    }
  });
  return h(
    "section",
    { class: "notes", testid: "notes", "aria-label": "Internal notes" },
    h("h3", { text: "Internal notes" }),
    h(
      "ul",
      {},
      ...notes.map((n) =>
        h(
          "li",
          { testid: "note" },
          h("span", { text: str(n.text) }),
          h("small", { text: ` ${str(n.author || n.agentName || "")}` }),
        ),
      ),
    ),
    form,
  );
}
/** The canned-reply picker, its manager and the notes of the open conversation, under the composer. */
export async function renderTeamPanel(reload = false) {
  const box = $("team-panel");
  const id = state.openId;
  if (!box || !id) return;
  if (reload || !canned.length) await loadCanned();
  const notes = await notesBox(id);
  if (id !== state.openId) return;
  box.replaceChildren(h("div", { class: "canned" }, cannedPicker(), cannedManager()), notes);
}
