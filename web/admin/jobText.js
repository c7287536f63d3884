// ---------------------------------------------------------------- the words for import jobs (pure)
/**
 * A job is `{id, kind: "import"|"delete", status, total, processed, totals?, undo?: {restored, deleted, skipped}}`
 * (docs/interface.md, "Catalogue imports"). No DOM here: tests/unit/web/importText.test.ts reads these.
 */

/** "120 of 263 products written". */
export const progressText = (processed, total) =>
  `${processed} of ${total} product${total === 1 ? "" : "s"} written`;

/**
 * What undo did, in one sentence: "Undone: 1 put back, 2 deleted. 1 skipped because it was changed since: TEE-1."
 * An import's undo skips what was edited since; a bulk delete's, what was created again under the same id.
 */
export function describeUndo(job) {
  const u = job?.undo;
  if (!u || typeof u !== "object") return "Undone.";
  const skipped = Array.isArray(u.skipped) ? u.skipped : [];
  const head = `Undone: ${u.restored ?? 0} put back, ${u.deleted ?? 0} deleted.`;
  if (!skipped.length) return head;
  const one = skipped.length === 1;
  const why =
    job.kind === "delete"
      ? `${one ? "a product with that id was" : "products with those ids were"} created since`
      : `${one ? "it was" : "they were"} changed since`;
  return `${head} ${skipped.length} skipped because ${why}: ${skipped.join(", ")}.`;
}

/** "2 created · 1 updated · 1 refused" or "3 deleted". */
export function jobSummary(job) {
  const t = job?.totals;
  if (!t || typeof t !== "object") {
    return job?.status === "running" ? `${job.processed ?? 0} of ${job.total ?? "?"} written` : "";
  }
  const parts = [];
  if (job.kind === "delete") parts.push(`${t.deleted ?? 0} deleted`);
  else {
    if (t.created) parts.push(`${t.created} created`);
    if (t.updated) parts.push(`${t.updated} updated`);
    if (t.unchanged) parts.push(`${t.unchanged} unchanged`);
    if (t.errors) parts.push(`${t.errors} refused`);
  }
  return parts.join(" · ") || "nothing changed";
}
