/**
 * web/admin/importReport.js and jobText.js: how /admin words an import's preview, its progress and an undo
 * (the shapes of docs/interface.md, "Catalogue imports").
 */
import { describe, expect, it } from "vitest";
import { formatNote, lineProblems, reportTotals, writes } from "../../../web/admin/importReport.js";
import { describeUndo, jobSummary, progressText } from "../../../web/admin/jobText.js";

/** A preview of Meta's French template in a TND shop, as the server answers it. */
const preview = {
  dryRun: true,
  format: { delimiter: ",", descriptionRows: 1, headerLine: 2 },
  currency: "TND",
  results: [
    { line: 3, id: "0", status: "created" },
    { line: 4, id: "7", status: "updated", changed: ["price", "title"] },
    {
      line: 5,
      id: "SKU12345",
      status: "error",
      errors: [{ path: "price", message: 'is in EUR ("19.99 EUR") but this shop sells in TND' }],
    },
  ],
  totals: { lines: 3, created: 1, updated: 1, unchanged: 0, errors: 1 },
};

describe("an import's report", () => {
  it("counts what will be created, updated, left and refused, and how many products it writes", () => {
    expect(reportTotals(preview)).toEqual({ created: 1, updated: 1, unchanged: 0, errors: 1 });
    expect(writes(preview)).toBe(2);
  });

  it("counts from the lines when the totals are missing", () => {
    const { totals: _t, ...bare } = preview;
    expect(reportTotals(bare)).toEqual({ created: 1, updated: 1, unchanged: 0, errors: 1 });
  });

  it("gives each refused line's reasons with the column, and a file-level reason without 'line'", () => {
    expect(lineProblems(preview.results[2])).toEqual([
      'price: is in EUR ("19.99 EUR") but this shop sells in TND',
    ]);
    expect(lineProblems({ errors: [{ path: "line", message: "could not be stored" }] })).toEqual([
      "could not be stored",
    ]);
    expect(lineProblems({ errors: [{ path: ["variants", 0, "size"], message: "" }] })).toEqual([
      "variants.0.size: not valid",
    ]);
    expect(lineProblems({ status: "created" })).toEqual([]);
  });

  it("says how the file was read", () => {
    expect(formatNote(preview)).toBe(
      "Read as comma-separated · 1 description row skipped · header on line 2 · prices in TND",
    );
    expect(formatNote({ format: { delimiter: "\t", descriptionRows: 0, headerLine: 1 }, locale: "ar" })).toBe(
      "Read as tab-separated · header on line 1 · language feed: ar",
    );
  });
});

describe("an import job's wording", () => {
  it("shows progress as products written", () => {
    expect(progressText(120, 263)).toBe("120 of 263 products written");
    expect(progressText(0, 1)).toBe("0 of 1 product written");
  });

  it("sums up an import, a bulk delete and a running job", () => {
    expect(
      jobSummary({
        kind: "import",
        status: "done",
        totals: { created: 1, updated: 1, unchanged: 0, errors: 1 },
      }),
    ).toBe("1 created · 1 updated · 1 refused");
    expect(jobSummary({ kind: "delete", status: "done", totals: { deleted: 3 } })).toBe("3 deleted");
    expect(jobSummary({ kind: "import", status: "done", totals: { created: 0 } })).toBe("nothing changed");
    expect(jobSummary({ kind: "import", status: "running", processed: 250, total: 263 })).toBe(
      "250 of 263 written",
    );
  });

  it("says what undo put back and what it skipped, and why, by kind", () => {
    expect(describeUndo({ kind: "import", undo: { restored: 1, deleted: 2, skipped: [] } })).toBe(
      "Undone: 1 put back, 2 deleted.",
    );
    expect(describeUndo({ kind: "import", undo: { restored: 1, deleted: 0, skipped: ["0"] } })).toBe(
      "Undone: 1 put back, 0 deleted. 1 skipped because it was changed since: 0.",
    );
    expect(describeUndo({ kind: "delete", undo: { restored: 1, deleted: 0, skipped: ["A", "B"] } })).toBe(
      "Undone: 1 put back, 0 deleted. 2 skipped because products with those ids were created since: A, B.",
    );
  });
});
