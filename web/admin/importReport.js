import { h, str } from "../common/dom.js";

// ---------------------------------------------------------------- import report (preview or done)
/**
 * The answer of `POST /api/admin/products/import` (docs/interface.md, "Catalogue imports"):
 * `{dryRun, format, currency, results: [{line, id?, status, changed?, errors?}], totals}`.
 */

/** The four outcomes, in the order a merchant reads them; `errors` are the refused lines. */
const OUTCOMES = [
  { key: "created", preview: "Will be created", done: "Created", tone: "good" },
  { key: "updated", preview: "Will be updated", done: "Updated", tone: "good" },
  { key: "unchanged", preview: "Unchanged", done: "Unchanged", tone: "" },
  { key: "errors", preview: "Refused", done: "Refused", tone: "bad" },
];

const STATUS_OUTCOME = { created: "created", updated: "updated", unchanged: "unchanged", error: "errors" };

/** A result line's problems as sentences: `price: in EUR, the shop sells in TND`. */
export function lineProblems(r) {
  const list = Array.isArray(r?.errors) ? r.errors : [];
  return list.map((e) => {
    const path = Array.isArray(e?.path) ? e.path.join(".") : str(e?.path);
    const message = str(e?.message) || "not valid";
    return path && path !== "line" ? `${path}: ${message}` : message;
  });
}

/** The totals of a report, counted from its lines when the server sent none. */
export function reportTotals(report) {
  const t = report?.totals && typeof report.totals === "object" ? report.totals : {};
  const results = Array.isArray(report?.results) ? report.results : [];
  const out = {};
  for (const o of OUTCOMES) {
    const counted = results.filter((r) => STATUS_OUTCOME[r.status] === o.key).length;
    out[o.key] = typeof t[o.key] === "number" ? t[o.key] : counted;
  }
  return out;
}

/** How many products a report writes (or wrote). */
export const writes = (report) => {
  const t = reportTotals(report);
  return t.created + t.updated;
};

const DELIMITER_NAMES = { ",": "comma-separated", "\t": "tab-separated", ";": "semicolon-separated" };

/** "Read as tab-separated · 1 description row skipped · header on line 2 · prices in TND". */
export function formatNote(report) {
  const f = report?.format;
  const parts = [];
  if (f && typeof f === "object") {
    parts.push(`Read as ${DELIMITER_NAMES[f.delimiter] || "a feed"}`);
    if (f.descriptionRows > 0)
      parts.push(`${f.descriptionRows} description row${f.descriptionRows === 1 ? "" : "s"} skipped`);
    if (typeof f.headerLine === "number") parts.push(`header on line ${f.headerLine}`);
  }
  if (str(report?.currency)) parts.push(`prices in ${report.currency}`);
  if (str(report?.locale)) parts.push(`language feed: ${report.locale}`);
  return parts.join(" · ");
}

function totalsRow(report, preview) {
  const t = reportTotals(report);
  return h(
    "div",
    { class: "totals", "data-testid": "import-totals" },
    OUTCOMES.map((o) =>
      h(
        "div",
        {
          class: `stat ${t[o.key] ? o.tone : ""}`,
          "data-testid": `import-total-${o.key}`,
          "data-count": t[o.key],
        },
        h("b", {}, String(t[o.key])),
        h("span", {}, preview ? o.preview : o.done),
      ),
    ),
  );
}

function resultRow(r, preview) {
  const outcome = OUTCOMES.find((o) => o.key === STATUS_OUTCOME[r.status]);
  const detail =
    r.status === "error"
      ? lineProblems(r)
      : r.status === "updated" && Array.isArray(r.changed) && r.changed.length
        ? [`changes ${r.changed.join(", ")}`]
        : [];
  return h(
    "tr",
    { testid: "import-row", "data-status": str(r.status), "data-line": r.line ?? "" },
    h("td", { class: "line", "data-testid": "import-line" }, r.line ? String(r.line) : "—"),
    h("td", { class: "mono nowrap", dir: "auto" }, str(r.id) || "—"),
    h(
      "td",
      {},
      h("span", { class: "res" }, outcome ? (preview ? outcome.preview : outcome.done) : str(r.status)),
    ),
    h(
      "td",
      { class: "detail", dir: "auto" },
      detail.map((t) => h("div", {}, t)),
    ),
  );
}

function table(rows, preview) {
  return h(
    "div",
    { class: "tablewrap" },
    h(
      "table",
      { class: "results" },
      h(
        "thead",
        {},
        h("tr", {}, h("th", {}, "Line"), h("th", {}, "Id"), h("th", {}, "Result"), h("th", {}, "Details")),
      ),
      h(
        "tbody",
        {},
        rows.map((r) => resultRow(r, preview)),
      ),
    ),
  );
}

/**
 * A report as a card: the totals, the refused lines with their line number and reason (always shown), then the
 * other lines (folded when there are many).
 */
export function reportCard(report, { preview }) {
  const results = (Array.isArray(report?.results) ? report.results : [])
    .slice()
    .sort((a, b) => (a.line ?? 1e12) - (b.line ?? 1e12));
  const refused = results.filter((r) => r.status === "error");
  const rest = results.filter((r) => r.status !== "error");
  const note = formatNote(report);
  return h(
    "div",
    { class: "card import-rows", "data-testid": preview ? "import-preview" : "import-report" },
    totalsRow(report, preview),
    note ? h("p", { class: "import-format", "data-testid": "import-format" }, note) : null,
    refused.length
      ? h(
          "div",
          { class: "refused" },
          h(
            "h4",
            {},
            `${refused.length} line${refused.length === 1 ? " is" : "s are"} refused${preview ? " and will not be imported" : ""}`,
          ),
          table(refused, preview),
        )
      : null,
    rest.length
      ? rest.length <= 20
        ? table(rest, preview)
        : h(
            "details",
            { class: "lines" },
            h("summary", {}, `The other ${rest.length} lines`),
            table(rest, preview),
          )
      : null,
  );
}
