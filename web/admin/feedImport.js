import { ApiError } from "../common/api.js";
import { h, str } from "../common/dom.js";
import { api, enc, reportError } from "./api.js";
import { LOCALE_NAMES, LOCALES, MAX_IMPORT_BYTES } from "./config.js";
import { pathParts, textarea } from "./form.js";
import { show } from "./router.js";
import { loadProducts } from "./signin.js";
import { state } from "./state.js";
import { hideMessage, showMessage } from "./toast.js";
import { icon, setBusy } from "./ui.js";

// ---------------------------------------------------------------- import
/** Results of an import, whatever the exact shape: totals are the numbers, lines the arrays of objects. */
export function readImportResult(data) {
  const totals = [];
  const lines = [];
  const obj = data && typeof data === "object" && !Array.isArray(data) ? data : { results: data };
  const src = obj.totals && typeof obj.totals === "object" ? { ...obj, ...obj.totals } : obj;
  for (const [k, v] of Object.entries(src)) if (typeof v === "number") totals.push([k, v]);
  for (const [k, v] of Object.entries(obj)) {
    if (!Array.isArray(v)) continue;
    const errorList = /err|fail|reject|invalid|skip/i.test(k);
    for (const r of v) {
      if (!r || typeof r !== "object") continue;
      const line = r.line ?? r.lineNumber ?? r.row;
      const problems = [];
      const errs = r.errors ?? r.details ?? r.error?.details;
      if (Array.isArray(errs))
        for (const e of errs)
          problems.push(
            typeof e === "string"
              ? e
              : `${pathParts(e.path ?? e.field ?? e.column).join(".")}${e.path || e.field || e.column ? ": " : ""}${str(e.message)}`,
          );
      if (!problems.length) {
        const m = str(r.message) || str(r.error) || (r.error && str(r.error.message));
        if (m) problems.push(m);
      }
      const statusText = str(r.status) || str(r.result) || str(r.action);
      const failed =
        r.ok === false ||
        /err|fail|invalid|reject|skip/i.test(statusText) ||
        (!statusText && (errorList || problems.length > 0));
      lines.push({
        line: typeof line === "number" ? line : Number(line) || null,
        id: str(r.id ?? r.productId ?? r.retailerId),
        status: statusText || (failed ? "error" : "saved"),
        failed,
        problems,
      });
    }
  }
  lines.sort((a, b) => (a.line ?? 1e12) - (b.line ?? 1e12));
  return { totals, lines };
}
export function humanize(k) {
  const s = k.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
export function importView() {
  const fileInput = h("input", {
    class: "file-input",
    type: "file",
    id: "import-file",
    testid: "import-file",
    accept: ".csv,.tsv,text/csv,text/plain",
  });
  const fileName = h(
    "span",
    { class: "file-name", "data-testid": "import-file-name" },
    state.importFile || "Choose a .csv file, drop it here, or paste the feed below.",
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
  });
  updateSize();
  const loadFile = (file) => {
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      area.value = String(reader.result || "").replace(/^\uFEFF/, "");
      state.importText = area.value;
      state.importFile = file.name;
      fileName.textContent = file.name;
      updateSize();
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
  const locale = h(
    "select",
    { class: "select", id: "f-import-locale", testid: "import-locale" },
    h("option", { value: "" }, "Main feed (all fields)"),
    LOCALES.map((l) => h("option", { value: l }, `Language feed: ${LOCALE_NAMES[l]}`)),
  );
  locale.value = state.importLocale;
  locale.addEventListener("change", () => {
    state.importLocale = locale.value;
  });
  const submit = h(
    "button",
    { class: "btn primary", type: "submit", testid: "import-submit" },
    icon("upload"),
    "Import",
  );
  const result = h("div", { "data-testid": "import-result", "aria-live": "polite" });
  const renderResult = () => {
    result.replaceChildren();
    if (!state.importResult) return;
    const { totals, lines } = state.importResult;
    const failed = lines.filter((l) => l.failed).length;
    result.append(
      h(
        "div",
        { class: "card import-rows" },
        h(
          "div",
          { class: "totals", "data-testid": "import-totals" },
          (totals.length
            ? totals
            : [
                ["saved", lines.length - failed],
                ["errors", failed],
              ]
          ).map(([k, v]) =>
            h(
              "div",
              {
                class: `stat ${/err|fail|reject|invalid|skip/i.test(k) ? (v ? "bad" : "") : /ok|saved|imported|created|updated|success/i.test(k) ? "good" : ""}`,
              },
              h("b", {}, String(v)),
              h("span", {}, humanize(k)),
            ),
          ),
        ),
        lines.length
          ? h(
              "div",
              { class: "tablewrap" },
              h(
                "table",
                { class: "results" },
                h(
                  "thead",
                  {},
                  h(
                    "tr",
                    {},
                    h("th", {}, "Line"),
                    h("th", {}, "Id"),
                    h("th", {}, "Result"),
                    h("th", {}, "Details"),
                  ),
                ),
                h(
                  "tbody",
                  {},
                  lines.map((l) =>
                    h(
                      "tr",
                      {
                        testid: "import-row",
                        "data-status": l.failed ? "error" : "ok",
                        "data-line": l.line ?? "",
                      },
                      h(
                        "td",
                        { class: "line", "data-testid": "import-line" },
                        l.line === null ? "—" : String(l.line),
                      ),
                      h("td", { class: "mono nowrap", dir: "auto" }, l.id || "—"),
                      h("td", {}, h("span", { class: "res" }, humanize(l.status))),
                      h(
                        "td",
                        { class: "detail", dir: "auto" },
                        l.problems.map((t) => h("div", {}, t)),
                      ),
                    ),
                  ),
                ),
              ),
            )
          : null,
      ),
    );
  };
  renderResult();
  const form = h(
    "form",
    { class: "card section", novalidate: true },
    h("h3", {}, "Import a Meta catalog feed"),
    h(
      "p",
      { class: "hint" },
      "A CSV in Meta's catalog format (id, title, description, price like 19.99 USD, availability, image_link, …). Good lines are saved, lines with errors are listed below. A language feed adds the titles and descriptions in one language to products you already have.",
    ),
    drop,
    h("label", { class: "lbl", for: "f-import-csv" }, "Feed (CSV)"),
    area,
    size,
    h(
      "div",
      { class: "import-row" },
      h("div", { class: "f" }, h("label", { for: "f-import-locale" }, "Feed type"), locale),
      submit,
    ),
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    hideMessage();
    const text = area.value;
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
    setBusy(submit, true, "Importing…");
    try {
      const q = locale.value ? `?locale=${enc(locale.value)}` : "";
      const data = await api("POST", `/api/admin/products/import${q}`, {
        body: text,
        headers: { "content-type": "text/csv; charset=utf-8" },
      });
      state.importResult = readImportResult(data);
      const failed = state.importResult.lines.filter((l) => l.failed).length;
      const saved = state.importResult.lines.length - failed;
      showMessage(
        failed ? "info" : "ok",
        failed
          ? `Imported ${saved} line${saved === 1 ? "" : "s"}; ${failed} line${failed === 1 ? " has" : "s have"} errors (see below).`
          : "Import done.",
      );
      state.products = null;
      loadProducts().catch(() => {});
    } catch (e) {
      state.importResult = null;
      if (e instanceof ApiError && e.details) {
        state.importResult = readImportResult({ errors: Array.isArray(e.details) ? e.details : [e.details] });
      }
      reportError(e, "The import failed");
    } finally {
      setBusy(submit, false);
      renderResult();
    }
  });
  show(h("div", { class: "head" }, h("h1", {}, "Import")), form, result);
}
