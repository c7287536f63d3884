/**
 * What the product and answer editors share: loading the item, a language's block, the actions row, the screen,
 * Save/Delete and the version label, validation on submit, a save's errors, the "id taken" check, reopening a new item at its own address once saved, and Delete. Each editor keeps its own
 * fields, validation and wording; `kind` is `{ plural, noun, key }` (`products`, `product`, `product`).
 */
import { ApiError } from "../common/api.js";
import { h } from "../common/dom.js";
import { api, enc, isConflict, pickObject, reportError } from "./api.js";
import { LOCALE_NAMES } from "./config.js";
import { clearFieldErrors, confirmDialog, invalidText, setFieldError, showDetails } from "./form.js";
import { current, go, loadingScreen, parseHash, route, show } from "./router.js";
import { state } from "./state.js";
import { hideMessage, showMessage } from "./toast.js";
import { icon, setBusy } from "./ui.js";

/** Save, Delete (not on a new item) and the version label of an editor; `version()` reads the current one. */
export function editorControls(isNew, version) {
  const saveBtn = h("button", { class: "btn primary", type: "submit", testid: "save" }, "Save");
  const delBtn = isNew
    ? null
    : h("button", { class: "btn danger", type: "button", testid: "delete" }, icon("trash"), "Delete");
  const verEl = h("span", { class: "ver", "data-testid": "version" });
  const showVersion = () => {
    const v = version();
    verEl.hidden = v === undefined;
    verEl.textContent = v === undefined ? "" : `version ${v}`;
  };
  showVersion();
  return { saveBtn, delBtn, verEl, showVersion };
}
/** The form's body when it is valid; otherwise marks the fields, says so and returns null. */
export function collectValid(form, collect) {
  clearFieldErrors(form);
  hideMessage();
  const { body, errors } = collect();
  if (!errors.length) return body;
  for (const [k, t] of errors) setFieldError(form, k, t);
  form.querySelector("[aria-invalid='true']")?.focus();
  showMessage("error", "Please fix the highlighted fields.");
  return null;
}
/** Whether the item at `path` exists (a 404 says no; other errors throw). */
export function found(path) {
  return api("GET", path).then(
    () => true,
    (e) => {
      if (e instanceof ApiError && e.status === 404) return false;
      throw e;
    },
  );
}
export function ifMatch(version) {
  return version !== undefined ? { "if-match": String(version) } : {};
}
export function reportSaveError(e, form, noun, keyOf) {
  if (isConflict(e))
    showMessage(
      "error",
      `This ${noun} was changed by someone else since you opened it — reload to see the latest version (your changes here will be lost).`,
      { action: { label: "Reload", testid: "reload", run: () => route() } },
    );
  else if (e instanceof ApiError && e.status === 400) {
    const loose = showDetails(form, e.details, keyOf);
    showMessage("error", invalidText(e, form), { list: loose });
  } else reportError(e, "Could not save");
}

export const itemPath = (kind, id) => `/api/admin/${kind.plural}/${enc(id)}`;

/**
 * The item to edit: null for a new one (`id` null), undefined when the screen moved on or showed why it could not
 * load (a 404 shows "does not exist" and calls `onMissing`).
 */
export async function loadItem(kind, id, seq, onMissing) {
  if (id === null) return null;
  loadingScreen(`Loading the ${kind.noun}…`);
  try {
    const item = pickObject(await api("GET", itemPath(kind, id)), kind.key) ?? null;
    return current(seq) ? item : undefined;
  } catch (e) {
    if (!current(seq)) return undefined;
    if (!(e instanceof ApiError && e.status === 404)) {
      reportError(e, `Could not load the ${kind.noun}`);
      return undefined;
    }
    show(
      h(
        "div",
        { class: "card empty" },
        h("b", {}, `This ${kind.noun} does not exist (any more)`),
        h("a", { href: `#/${kind.plural}` }, `Back to ${kind.plural}`),
      ),
    );
    onMissing?.(id);
    return undefined;
  }
}

/** One language's block: its chip and name, a state that says `doneText` once `watched` has text, and `fields`. */
export function localeBlock(l, watched, doneText, fields) {
  const stateEl = h("span", { class: "state" });
  const sync = () => {
    const done = watched.value.trim() !== "";
    stateEl.textContent = done ? doneText : "missing";
    stateEl.className = done ? "state done" : "state";
  };
  watched.addEventListener("input", sync);
  sync();
  const head = h(
    "div",
    { class: "loc-h" },
    h("span", { class: "chip" }, l),
    h("span", { class: "ln" }, LOCALE_NAMES[l]),
  );
  head.append(stateEl);
  return h("div", { class: "loc", "data-locale": l }, head, fields);
}

/** Delete, Cancel (back to the list) and Save, at the foot of an editor. */
export function editorActions(kind, { delBtn, saveBtn }) {
  const cancel = h("a", { class: "btn ghost", href: `#/${kind.plural}`, testid: "cancel" }, "Cancel");
  return h("div", { class: "actions" }, delBtn, h("span", { class: "grow" }), cancel, saveBtn);
}

/** The editor screen: the way back to the list (`backLabel`), the heading with the version, the form. */
export function showEditor(kind, backLabel, heading, verEl, form) {
  const back = h("a", { class: "back", href: `#/${kind.plural}` }, icon("back"), backLabel);
  show(back, h("div", { class: "head" }, heading, verEl), form);
}

/**
 * For a new item: whether `id` is taken; when it is, marks the id field with `fieldText` and says `message`
 * (with `opts`, e.g. an action).
 */
export async function idTaken(kind, form, id, fieldText, message, opts) {
  if (!(await found(itemPath(kind, id)))) return false;
  setFieldError(form, "id", fieldText);
  showMessage("error", message, opts);
  form.querySelector("#f-id")?.focus();
  return true;
}

/** A new item, once saved, is edited at its own address: the hash changes without a route, `render` redraws. */
export function reopenSaved(kind, saved, render) {
  history.replaceState(null, "", `#/${kind.plural}/edit/${enc(saved.id)}`);
  state.route = parseHash();
  render(saved);
}

/**
 * Delete asks `confirm` ([title, text]), deletes the item at the `version()` it was read at, then `done()` and
 * back to the list; `failed(e)` says why not.
 */
export function onDelete(kind, delBtn, { id, version, confirm, done, failed }) {
  delBtn?.addEventListener("click", async () => {
    if (!(await confirmDialog(confirm[0], confirm[1], "Delete"))) return;
    setBusy(delBtn, true, "Deleting…");
    try {
      await api("DELETE", itemPath(kind, id), { headers: ifMatch(version()) });
      done();
      go(`#/${kind.plural}`);
    } catch (e) {
      setBusy(delBtn, false);
      failed(e);
    }
  });
}

/** A card of an editor's form: a heading (none when empty), a hint under it (when given) and `children`. */
export function section(title, hint, ...children) {
  return h(
    "div",
    { class: "card section" },
    title ? h("h3", {}, title) : null,
    hint ? h("p", { class: "hint" }, hint) : null,
    children,
  );
}
