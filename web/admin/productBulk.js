import { h, str } from "../common/dom.js";
import { api, reportError } from "./api.js";
import { confirmDialog } from "./form.js";
import { undoJob } from "./importJobs.js";
import { describeUndo } from "./jobText.js";
import { route } from "./router.js";
import { loadProducts } from "./signin.js";
import { state } from "./state.js";
import { showMessage } from "./toast.js";
import { icon, setBusy } from "./ui.js";

// ---------------------------------------------------------------- products: select several, delete, undo
/**
 * `POST /api/admin/products/delete {"ids": [...]}` is one undoable job of at most 1000 ids
 * (docs/interface.md, "Catalogue imports"); more go as several jobs, undone together.
 */

/** The ids ticked in the list; kept while searching, emptied by a delete. */
export const selected = new Set();

const MAX_IDS = 1000;

/** The checkbox in front of a product's row. */
export function selectBox(id, title, onChange) {
  const box = h("input", {
    type: "checkbox",
    class: "check",
    testid: "product-select",
    "aria-label": `Select ${title || id}`,
  });
  box.dataset.id = id;
  box.checked = selected.has(id);
  box.addEventListener("change", () => {
    if (box.checked) selected.add(id);
    else selected.delete(id);
    onChange();
  });
  return h("label", { class: "pick" }, box);
}

/** "Select all on this page": ticks every shown row, or unticks them when all are ticked. */
export function selectAllBox(shownIds, onChange) {
  const box = h("input", {
    type: "checkbox",
    class: "check",
    testid: "product-select-all",
    "aria-label": `Select all ${shownIds.length} products on this page`,
  });
  box.addEventListener("change", () => {
    for (const id of shownIds) {
      if (box.checked) selected.add(id);
      else selected.delete(id);
    }
    onChange();
  });
  // the column heads hide on a phone: there the box says what it does
  return h(
    "label",
    { class: "pick" },
    box,
    h("span", { class: "pick-text", "aria-hidden": "true" }, "Select all"),
  );
}

/** Brings the checkboxes under `root` in line with the selection (a toggle redraws nothing, so focus stays). */
export function syncChecks(root) {
  const rows = [...root.querySelectorAll('input[data-testid="product-select"]')];
  for (const b of rows) b.checked = selected.has(b.dataset.id);
  const all = root.querySelector('input[data-testid="product-select-all"]');
  if (!all) return;
  const n = rows.filter((b) => b.checked).length;
  all.checked = rows.length > 0 && n === rows.length;
  all.indeterminate = n > 0 && n < rows.length;
}

/** The bar that shows while some products are ticked: how many, Delete, Clear. */
export function bulkBar(onChange) {
  // ids no longer in the shop (deleted elsewhere) are not counted
  const known = new Set((state.products || []).map((p) => str(p.id)));
  for (const id of selected) if (!known.has(id)) selected.delete(id);
  if (!selected.size) return null;
  const n = selected.size;
  const del = h(
    "button",
    { class: "btn danger", type: "button", testid: "bulk-delete" },
    icon("trash"),
    `Delete ${n}`,
  );
  const clear = h("button", { class: "btn small ghost", type: "button", testid: "bulk-clear" }, "Clear");
  clear.addEventListener("click", () => {
    selected.clear();
    onChange();
  });
  del.addEventListener("click", () => deleteSelected(del));
  return h(
    "div",
    { class: "bulkbar", role: "region", "aria-label": "Selected products", "data-testid": "bulk-bar" },
    h("b", { "data-testid": "bulk-count" }, `${n} selected`),
    h("span", { class: "grow" }),
    clear,
    del,
  );
}

async function deleteSelected(button) {
  const ids = [...selected].sort();
  const n = ids.length;
  const ok = await confirmDialog(
    `Delete ${n} product${n === 1 ? "" : "s"}?`,
    "They leave the shop and the bot at once. You can undo this right after, or later from the Import tab.",
    "Delete",
  );
  if (!ok) return;
  setBusy(button, true, "Deleting…");
  const jobs = [];
  let deleted = 0;
  try {
    for (let i = 0; i < ids.length; i += MAX_IDS) {
      const r = await api("POST", "/api/admin/products/delete", { body: { ids: ids.slice(i, i + MAX_IDS) } });
      if (str(r?.jobId)) jobs.push(r.jobId);
      deleted += Array.isArray(r?.deleted) ? r.deleted.length : 0;
    }
  } catch (e) {
    reportError(e, deleted ? `Deleted ${deleted}, then stopped` : "Could not delete");
  }
  setBusy(button, false);
  selected.clear();
  await loadProducts().catch(() => {});
  route();
  if (!jobs.length) return;
  showMessage("info", `Deleted ${deleted} product${deleted === 1 ? "" : "s"}.`, {
    action: { label: "Undo", testid: "undo-delete", run: () => undoDelete(jobs) },
  });
}

async function undoDelete(jobs) {
  const done = [];
  for (const id of jobs) {
    const job = await undoJob(id);
    if (!job) break;
    done.push(job);
  }
  route();
  if (!done.length) return;
  const skipped = done.flatMap((j) => (Array.isArray(j.undo?.skipped) ? j.undo.skipped : []));
  const sum = (k) => done.reduce((n, j) => n + (j.undo?.[k] ?? 0), 0);
  const undo = { restored: sum("restored"), deleted: sum("deleted"), skipped };
  showMessage(skipped.length ? "info" : "ok", describeUndo({ kind: "delete", undo }));
}
