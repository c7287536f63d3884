import { h, str } from "../common/dom.js";
import { api, enc, pickArray, reportError } from "./api.js";
import { confirmDialog } from "./form.js";
import { describeUndo, jobSummary } from "./jobText.js";
import { loadProducts } from "./signin.js";
import { state } from "./state.js";
import { showMessage } from "./toast.js";
import { icon, setBusy } from "./ui.js";

// ---------------------------------------------------------------- past imports and bulk deletes, undo
/**
 * Jobs are `{id, kind: "import"|"delete", status, by, startedAt, finishedAt?, total, processed, totals?, error?,
 * undo?: {at, by, restored, deleted, skipped: [id]}}` (docs/interface.md, "Catalogue imports").
 */

const STATUS_TEXT = {
  running: "Running",
  done: "Done",
  failed: "Failed",
  undoing: "Undoing",
  undone: "Undone",
};

const when = (iso) => {
  const d = new Date(str(iso));
  return Number.isNaN(d.getTime())
    ? str(iso)
    : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
};

/** Undo a job; resolves to the undone job (or null when it failed, already reported). */
export async function undoJob(id) {
  try {
    const job = await api("POST", `/api/admin/imports/${enc(id)}/undo`);
    state.products = null;
    await loadProducts().catch(() => {});
    return job;
  } catch (e) {
    reportError(e, "Could not undo");
    return null;
  }
}

/** The list of past jobs with an Undo button each; `refresh()` reloads it. */
export function jobsPanel() {
  const list = h("div", { class: "jobs", role: "list", "aria-label": "Past imports" });
  const panel = h(
    "section",
    { class: "card section jobs-card", "data-testid": "import-jobs" },
    h("h3", {}, "Past imports and bulk deletes"),
    h(
      "p",
      { class: "hint" },
      "Undo deletes what an import created and puts back what it changed, except products edited since.",
    ),
    list,
  );
  const row = (job) => {
    const undoable = job.status === "done" || job.status === "failed";
    const undoBtn = undoable
      ? h("button", { class: "btn small", type: "button", testid: "import-undo" }, icon("back"), "Undo")
      : null;
    undoBtn?.addEventListener("click", async () => {
      const what = job.kind === "delete" ? "bulk delete" : "import";
      const ok = await confirmDialog(
        `Undo this ${what}?`,
        job.kind === "delete"
          ? "The deleted products are put back, unless one with the same id was created since."
          : "Products it created are deleted and products it changed are put back as they were. Products edited since the import are left alone.",
        "Undo",
      );
      if (!ok) return;
      setBusy(undoBtn, true, "Undoing…");
      const done = await undoJob(job.id);
      setBusy(undoBtn, false);
      if (!done) return;
      const skipped = Array.isArray(done.undo?.skipped) ? done.undo.skipped.length : 0;
      showMessage(skipped ? "info" : "ok", describeUndo(done));
      await refresh();
    });
    return h(
      "div",
      {
        class: "job",
        role: "listitem",
        testid: "import-job",
        "data-id": str(job.id),
        "data-status": str(job.status),
      },
      h(
        "div",
        { class: "job-main" },
        h(
          "div",
          { class: "job-title" },
          h("b", {}, job.kind === "delete" ? "Bulk delete" : "Import"),
          h(
            "span",
            { class: `job-status ${str(job.status)}`, "data-testid": "import-job-status" },
            STATUS_TEXT[job.status] || str(job.status),
          ),
          h("span", { class: "job-when" }, when(job.startedAt)),
        ),
        h("div", { class: "job-sum", "data-testid": "import-job-summary" }, jobSummary(job)),
        job.error ? h("div", { class: "job-undo bad" }, str(job.error)) : null,
        job.undo
          ? h("div", { class: "job-undo", "data-testid": "import-undo-result" }, describeUndo(job))
          : null,
        h("div", { class: "job-id mono" }, str(job.id)),
      ),
      undoBtn,
    );
  };
  async function refresh() {
    try {
      const items = pickArray(await api("GET", "/api/admin/imports?limit=20"), ["items"]);
      list.replaceChildren(
        ...(items.length
          ? items.map(row)
          : [h("div", { class: "empty" }, "No imports yet: they will be listed here, each with an Undo.")]),
      );
    } catch (e) {
      reportError(e, "Could not load the past imports");
    }
  }
  return { el: panel, refresh };
}
