import { ApiError } from "../common/api.js";
import { h } from "../common/dom.js";
import { api, pickObject, reportError } from "./api.js";
import { clearFieldErrors, invalidText, showDetails } from "./form.js";
import { current, loadScreen, route, show } from "./router.js";
import { SECTIONS } from "./settingsSections.js";
import { state } from "./state.js";
import { hideMessage, showMessage } from "./toast.js";
import { setBusy } from "./ui.js";

// ---------------------------------------------------------------- settings: the screen
// One card per section, each saved on its own with `PATCH /api/admin/settings` (docs/api.md), so a save never
// sends back (or overwrites) another section. A 400's `details[].path` is shown next to its field.

async function loadSettings() {
  state.settings = pickObject(await api("GET", "/api/admin/settings"), "settings");
}

/** The field a server path belongs to: the longest prefix of the path that names a field in this form. */
export function fieldKeyOf(form, parts) {
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join(".");
    if (form.querySelector(`#e-${CSS.escape(key)}`)) return key;
  }
  return "";
}

function sectionCard(section, seq) {
  const s = state.settings || {};
  const saveBtn = h(
    "button",
    { class: "btn primary", type: "submit", testid: `save-${section.key}` },
    "Save",
  );
  const form = h(
    "form",
    { class: "card section settings-section", novalidate: true, testid: `settings-${section.key}` },
    h("h2", {}, section.title),
    h("p", { class: "note" }, section.note),
    h("div", { class: "grid" }, section.fields(s)),
    h("div", { class: "row" }, saveBtn),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    hideMessage();
    const { body, errors } = section.collect(form, state.settings || {});
    if (errors.length) {
      for (const [k, t] of errors) showDetails(form, [{ path: k, message: t }], (p) => fieldKeyOf(form, p));
      showMessage("error", "Please fix the highlighted fields.");
      return;
    }
    setBusy(saveBtn, true, "Saving…");
    try {
      state.settings = pickObject(await api("PATCH", "/api/admin/settings", { body }), "settings");
      if (!current(seq)) return;
      showMessage("ok", `${section.title} saved.`);
      // the languages decide which per-language fields the other sections show
      if (section.key === "locales") route();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        const loose = showDetails(form, err.details, (p) => fieldKeyOf(form, p));
        showMessage("error", invalidText(err, form), { list: loose });
      } else reportError(err, "Could not save");
    } finally {
      setBusy(saveBtn, false);
    }
  });
  return form;
}

export async function settingsView(seq) {
  if (!(await loadScreen(seq, "settings", loadSettings))) return;
  show(
    h("div", { class: "head" }, h("h1", {}, "Settings")),
    SECTIONS.map((sec) => sectionCard(sec, seq)),
  );
}
