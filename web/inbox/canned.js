import { h, str } from "../common/dom.js";
import { api, pickArray } from "./api.js";
import { CANNED_LOCALES, cannedBody, cannedId, localeName, localesWithText } from "./cannedText.js";
import { composer, state } from "./state.js";
import { showMessage } from "./toast.js";

// ---------------------------------------------------------------- canned replies: picker and manager
// docs/interface.md "Agent API": a reply has a text per locale with {name} and {orderId}; the server renders
// it in the conversation's language, else English (`fallback`), and the agent edits it before sending.
let canned = [];
/** the manager stays unfolded across the panel's re-renders (after a save, on another conversation) */
let managerOpen = false;

function fail(e) {
  showMessage("error", str(e?.message) || "Something went wrong.");
}
/** Reads the shop's canned replies (none when they cannot be read). */
export async function loadCanned() {
  try {
    canned = pickArray(await api("GET", "/api/agent/canned"), ["items"]);
  } catch {
    canned = [];
  }
  return canned;
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
    if (r?.fallback) {
      const title = str(canned.find((c) => c.id === id)?.title) || id;
      showMessage(
        "info",
        `“${title}” has no text in the shopper's language: inserted the ${localeName(r.locale)} one.`,
      );
    }
  } catch (e) {
    fail(e);
  }
}
/** The select that inserts a reply, rendered for the open conversation, into the composer. */
export function cannedPicker() {
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

/**
 * The manager: the replies with the languages they have, each editable; one form with the title and a text
 * per locale (empty ones fall back to English). `changed` re-renders the panel after a save or a delete.
 */
export function cannedManager(changed) {
  let editing = "";
  const error = h("p", { class: "field-error", testid: "canned-error", role: "alert", hidden: true });
  const title = h("input", {
    class: "input small",
    testid: "canned-title",
    placeholder: "Title",
    "aria-label": "Title",
    maxlength: "80",
  });
  const texts = Object.fromEntries(
    CANNED_LOCALES.map((l) => [
      l.code,
      h("textarea", {
        class: "input small",
        rows: "2",
        maxlength: "2000",
        lang: l.code,
        dir: l.dir,
        testid: `canned-text-${l.code}`,
        placeholder: l.code === "en" ? "Hi {name}, order {orderId}…" : "",
        "aria-label": `Text in ${l.name}`,
      }),
    ]),
  );
  const submit = h("button", { class: "btn small", type: "submit", testid: "canned-add", text: "Add" });
  const cancel = h("button", {
    class: "btn small ghost",
    type: "button",
    testid: "canned-cancel",
    text: "Cancel",
    hidden: true,
  });
  const showError = (text) => {
    error.textContent = text;
    error.hidden = !text;
  };
  const fill = (reply) => {
    editing = reply?.id || "";
    title.value = str(reply?.title);
    for (const { code } of CANNED_LOCALES) texts[code].value = str(reply?.text?.[code]);
    submit.textContent = editing ? "Save" : "Add";
    cancel.hidden = !editing;
    showError("");
  };
  cancel.addEventListener("click", () => fill(null));

  const rows = canned.map((c) => {
    const edit = h("button", {
      class: "btn small ghost",
      type: "button",
      testid: "canned-edit",
      text: "Edit",
    });
    edit.addEventListener("click", () => {
      fill(c);
      title.focus();
    });
    const del = h("button", {
      class: "btn small ghost",
      type: "button",
      testid: "canned-delete",
      text: "Delete",
    });
    del.addEventListener("click", async () => {
      try {
        await api("DELETE", `/api/agent/canned/${encodeURIComponent(c.id)}`);
        await changed();
      } catch (e) {
        fail(e);
      }
    });
    const langs = localesWithText(c);
    return h(
      "li",
      { testid: "canned-item", "data-id": c.id },
      h("b", { text: str(c.title) || c.id }),
      " ",
      h("small", {
        testid: "canned-locales",
        title: langs.map(localeName).join(", "),
        text: langs.join(" · "),
      }),
      " ",
      edit,
      del,
    );
  });

  const form = h(
    "form",
    { class: "canned-edit", novalidate: true },
    title,
    ...CANNED_LOCALES.map((l) =>
      h("label", { class: "canned-locale" }, h("span", { text: l.name, lang: l.code }), texts[l.code]),
    ),
    h("small", { text: "Use {name} and {orderId}. An empty language gets the English text." }),
    error,
    h("div", { class: "canned-actions" }, submit, cancel),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const values = Object.fromEntries(CANNED_LOCALES.map((l) => [l.code, texts[l.code].value]));
    const { body, problems } = cannedBody(title.value, values);
    if (problems) {
      showError(
        Object.entries(problems)
          .map(
            ([path, message]) => `${path.startsWith("text.") ? localeName(path.slice(5)) : path}: ${message}`,
          )
          .join("; "),
      );
      return;
    }
    const id = editing || cannedId(body.title);
    try {
      await api("PUT", `/api/agent/canned/${encodeURIComponent(id)}`, body);
      await changed();
      showMessage("ok", editing ? "Canned reply saved." : "Canned reply added.");
    } catch (err) {
      const details = Array.isArray(err?.details) ? err.details : [];
      showError(
        details.length
          ? details.map((d) => `${str(d.path)}: ${str(d.message)}`).join("; ")
          : str(err?.message) || "Could not save.",
      );
    }
  });
  const manager = h(
    "details",
    { class: "canned-manager", testid: "canned-manager", open: managerOpen },
    h("summary", { text: "Manage canned replies" }),
    h("ul", {}, ...rows),
    form,
  );
  manager.addEventListener("toggle", () => {
    managerOpen = manager.open;
  });
  return manager;
}
