import { h } from "../common/dom.js";
import { api, reportError } from "./api.js";
import { LOCALE_NAMES, LOCALES, MAX_IMPORT_BYTES } from "./config.js";
import { textarea } from "./form.js";
import { jobsPanel } from "./importJobs.js";
import { progressView, runWithProgress } from "./importProgress.js";
import { reportCard, writes } from "./importReport.js";
import { show } from "./router.js";
import { loadProducts } from "./signin.js";
import { state } from "./state.js";
import { hideMessage, showMessage } from "./toast.js";
import { icon, setBusy } from "./ui.js";

// ---------------------------------------------------------------- import: choose, preview, commit, undo
/**
 * The flow (docs/interface.md, "Catalogue imports"): the feed goes once with `dryRun=1` and the preview says what
 * will be created, updated, left unchanged or refused (by line number and reason); "Import" sends it again with
 * an `importId` chosen here, so the job's progress can be polled while that POST runs. Past imports are listed
 * below with an Undo each.
 */

/** What this tab remembers while the merchant visits other tabs (the preview is of `text` as it was sent). */
const imp = { preview: null, previewOf: "", report: null };

/** The content type a feed goes as: TSV by its name, CSV otherwise (the server sniffs the delimiter anyway). */
const feedType = (name) =>
  /\.(tsv|tab)$/i.test(name || "") ? "text/tab-separated-values; charset=utf-8" : "text/csv; charset=utf-8";

function query(extra) {
  const q = new URLSearchParams(extra);
  if (state.importLocale) q.set("locale", state.importLocale);
  const s = q.toString();
  return s ? `?${s}` : "";
}

const sendFeed = (text, extra) =>
  api("POST", `/api/admin/products/import${query(extra)}`, {
    body: text,
    headers: { "content-type": feedType(state.importFile) },
  });

/** A fresh id for an import, within the server's 6–64 of `[A-Za-z0-9_-]`. */
export function newImportId() {
  const rand = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, "0"));
  return `web-${Date.now().toString(36)}-${rand.join("")}`;
}

function feedInput(onChange) {
  const fileInput = h("input", {
    class: "file-input",
    type: "file",
    id: "import-file",
    testid: "import-file",
    accept: ".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain",
  });
  const fileName = h(
    "span",
    { class: "file-name", "data-testid": "import-file-name" },
    state.importFile ||
      "Choose a .csv or .tsv file (Meta's template works as downloaded), drop it here, or paste the feed below.",
  );
  const area = textarea(state.importText, {
    class: "textarea csv",
    testid: "import-csv",
    id: "f-import-csv",
    rows: 10,
    spellcheck: "false",
    wrap: "off",
    placeholder:
      "id,title,description,availability,condition,price,link,image_link,brand\nTEE-RED-M,Classic Tee,Soft cotton tee,in stock,new,19.99 USD,https://…,https://…,Acme",
  });
  const size = h("span", { class: "note", "data-testid": "import-size" });
  const updateSize = () => {
    const bytes = new TextEncoder().encode(area.value).length;
    const lines = area.value ? area.value.split(/\r\n|\r|\n/).filter((x) => x.trim()).length : 0;
    size.textContent = bytes
      ? `${lines} line${lines === 1 ? "" : "s"} · ${bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`}${bytes > MAX_IMPORT_BYTES ? " — too big: split the feed into files under 5 MB" : ""}`
      : "";
  };
  area.addEventListener("input", () => {
    state.importText = area.value;
    updateSize();
    onChange();
  });
  updateSize();
  const loadFile = (file) => {
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      // readAsText honours a UTF-8 or UTF-16 byte order mark; the text goes on as UTF-8
      area.value = String(reader.result || "").replace(/^\uFEFF/, "");
      state.importText = area.value;
      state.importFile = file.name;
      fileName.textContent = file.name;
      updateSize();
      onChange();
    };
    reader.onerror = () => showMessage("error", "Could not read that file.");
    reader.readAsText(file);
  };
  fileInput.addEventListener("change", () => loadFile(fileInput.files?.[0]));
  const drop = h(
    "div",
    { class: "drop" },
    h("label", { class: "btn", for: "import-file" }, icon("file"), "Choose file"),
    fileName,
    fileInput,
  );
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    loadFile(e.dataTransfer?.files[0]);
  });
  return { drop, area, size };
}

export function importView() {
  const result = h("div", { "data-testid": "import-result", "aria-live": "polite" });
  const jobs = jobsPanel();
  const { drop, area, size } = feedInput(() => {
    // a preview is of the feed as it was: an edit asks for a new one
    if (imp.preview) {
      imp.preview = null;
      renderResult();
    }
  });
  const locale = h(
    "select",
    { class: "select", id: "f-import-locale", testid: "import-locale" },
    h("option", { value: "" }, "Main feed (all fields)"),
    LOCALES.map((l) => h("option", { value: l }, `Language feed: ${LOCALE_NAMES[l]}`)),
  );
  locale.value = state.importLocale;
  locale.addEventListener("change", () => {
    state.importLocale = locale.value;
    imp.preview = null;
    renderResult();
  });
  const previewBtn = h(
    "button",
    { class: "btn primary", type: "submit", testid: "import-submit" },
    icon("search"),
    "Preview",
  );

  function renderResult() {
    result.replaceChildren();
    const running = progressView();
    if (running) {
      result.append(running);
      return;
    }
    if (imp.preview) {
      const n = writes(imp.preview);
      const commit = h(
        "button",
        { class: "btn primary", type: "button", testid: "import-commit", disabled: n === 0 },
        icon("upload"),
        n ? `Import ${n} product${n === 1 ? "" : "s"}` : "Nothing to import",
      );
      const cancel = h("button", { class: "btn", type: "button", testid: "import-cancel" }, "Cancel");
      commit.addEventListener("click", () => commitImport(commit));
      cancel.addEventListener("click", () => {
        imp.preview = null;
        hideMessage();
        renderResult();
      });
      result.append(
        h("div", { class: "preview-head" }, h("h3", {}, "Preview: nothing is saved yet"), commit, cancel),
        reportCard(imp.preview, { preview: true }),
      );
    } else if (imp.report) {
      result.append(reportCard(imp.report, { preview: false }));
    }
  }

  async function commitImport(button) {
    const text = imp.previewOf;
    setBusy(button, true, "Importing…");
    // one import at a time: a new preview waits for this one to end
    previewBtn.disabled = true;
    const importId = newImportId();
    try {
      const out = await runWithProgress(importId, writes(imp.preview), renderResult, () =>
        sendFeed(text, { importId }),
      );
      imp.preview = null;
      // without the POST's answer (lost on the way) the job's totals say what happened, not line by line
      imp.report = out.report ?? null;
      const t = out.report?.totals ?? out.job?.totals ?? {};
      showMessage(
        t.errors ? "info" : "ok",
        `Imported: ${t.created ?? 0} created, ${t.updated ?? 0} updated${t.errors ? `, ${t.errors} line${t.errors === 1 ? "" : "s"} refused` : ""}. You can undo it below.`,
      );
      state.products = null;
      loadProducts().catch(() => {});
    } catch (e) {
      reportError(e, "The import failed");
    } finally {
      setBusy(button, false);
      previewBtn.disabled = false;
      renderResult();
      await jobs.refresh();
    }
  }

  renderResult();
  const form = h(
    "form",
    { class: "card section", novalidate: true },
    h("h3", {}, "Import a catalog feed"),
    h(
      "p",
      { class: "hint" },
      "Meta's catalog template as downloaded, or any CSV or TSV with Meta or Google Merchant Center columns (id, title, price, availability, image_link, …). A price without a currency is in the shop's currency. You see what will change before anything is saved. A language feed adds the titles and descriptions in one language to products you already have.",
    ),
    drop,
    h("label", { class: "lbl", for: "f-import-csv" }, "Feed (CSV or TSV)"),
    area,
    size,
    h(
      "div",
      { class: "import-row" },
      h("div", { class: "f" }, h("label", { for: "f-import-locale" }, "Feed type"), locale),
      previewBtn,
    ),
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    hideMessage();
    const text = area.value;
    if (progressView()) {
      showMessage("info", "An import is running: preview the next feed when it has ended.");
      return;
    }
    if (!text.trim()) {
      showMessage("error", "Choose a file or paste the feed first.");
      area.focus();
      return;
    }
    if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) {
      showMessage(
        "error",
        "This feed is bigger than 5 MB: split it into smaller files and import them one by one.",
      );
      return;
    }
    setBusy(previewBtn, true, "Reading the feed…");
    try {
      imp.preview = await sendFeed(text, { dryRun: "1" });
      imp.previewOf = text;
      imp.report = null;
    } catch (e) {
      imp.preview = null;
      reportError(e, "This feed cannot be imported");
    } finally {
      setBusy(previewBtn, false);
      renderResult();
    }
  });
  show(h("div", { class: "head" }, h("h1", {}, "Import")), form, result, jobs.el);
  jobs.refresh().catch(() => {});
}
