import { $, h, str } from "../common/dom.js";
import { api, convPath, pickArray } from "./api.js";
import { cannedManager, cannedPicker, loadCanned } from "./canned.js";
import { state } from "./state.js";
import { showMessage } from "./toast.js";

// ---------------------------------------------------------------- internal notes (canned replies: canned.js)
// Notes live beside the conversation and are never sent to the shopper.
let cannedLoaded = false;

function fail(e) {
  showMessage("error", str(e?.message) || "Something went wrong.");
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
  if (reload || !cannedLoaded) cannedLoaded = (await loadCanned()).length > 0;
  const notes = await notesBox(id);
  if (id !== state.openId) return;
  box.replaceChildren(
    h(
      "div",
      { class: "canned" },
      cannedPicker(),
      cannedManager(() => renderTeamPanel(true)),
    ),
    notes,
  );
  box.dataset.conversation = id;
}
