/**
 * Imports, their preview, progress and undo, and bulk deletes (docs/interface.md, "Catalogue imports").
 *
 * - A **preview** (`dryRun`) reads the shop's products once and plans the feed (lib/catalog/import.ts):
 *   every line's result (created / updated with the changed fields / unchanged / error), nothing written.
 * - An **import** is a job (lib/store/imports.ts): the job record is created first, then the undo log (what
 *   each product was before), then the products in chunks of {@link CHUNK}, the job's `processed` count moving
 *   after each chunk, so a client polling `GET /api/admin/imports/{id}` sees progress while the POST runs.
 *   catalogVersion is bumped once per chunk written.
 * - **Undo** puts back every product the job touched, only where the product is still at the version the job
 *   wrote: a product edited since is left alone and named in `skipped`.
 * - **Bulk delete** is a job of kind `delete` with the same undo log, so it can be undone the same way.
 */
import { randomBytes } from "node:crypto";
import { AppError } from "../errors";
import type { Locale } from "../i18n";
import { log } from "../log";
import { listProducts, putProductsBatch } from "../store/catalog";
import type { Db } from "../store/client";
import {
  bumpCatalog,
  createJob,
  deleteProductIf,
  getJob,
  getUndoLog,
  type ImportJob,
  type ImportTotals,
  putProductIf,
  putUndoLog,
  type UndoEntry,
  updateJob,
} from "../store/imports";
import { getSettings } from "../store/settings";
import type { Delimiter } from "./feedFormat";
import { type ImportLineResult, planImport } from "./import";
import type { Product } from "./types";

/** Products written per BatchWrite round and progress update. */
export const CHUNK = 250;

/** After this a job still `running` was cut off (the admin function's timeout is far shorter). */
export const STALE_MS = 5 * 60_000;

/** Client-chosen import ids (so the client can poll before the POST answers) and ours. */
export const IMPORT_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;

/** A sortable id: `imp-20261203T121500Z-1a2b3c`. */
export const newJobId = (kind: "imp" | "del", now: Date): string =>
  `${kind}-${now.toISOString().replace(/[-:]|\.\d+/g, "")}-${randomBytes(3).toString("hex")}`;

export interface ImportRequest {
  text: string;
  /** a language feed for this locale */
  locale?: Locale;
  /** plan only, write nothing */
  dryRun?: boolean;
  delimiter?: Delimiter;
  defaultStock?: number;
  importId?: string;
  /** who: `admin-…` */
  by: string;
  /** parallel batch writes */
  parallel?: number;
  now?: () => Date;
}

export interface ImportReport {
  /** absent for a preview */
  importId?: string;
  dryRun: boolean;
  locale?: Locale;
  /** how the file was read: delimiter, Meta description rows skipped, the header's line */
  format: { delimiter: string; descriptionRows: number; headerLine: number };
  currency: string;
  results: ImportLineResult[];
  totals: Omit<ImportTotals, "deleted">;
}

const count = (results: ImportLineResult[], s: ImportLineResult["status"]) =>
  results.filter((r) => r.status === s).length;

/** Previews or runs an import; see the module comment. */
export async function runImport(db: Db, shopId: string, req: ImportRequest): Promise<ImportReport> {
  const clock = req.now ?? (() => new Date());
  const [products, settings] = await Promise.all([listProducts(db, shopId), getSettings(db, shopId)]);
  const existing = new Map(products.map((p) => [p.id, p]));
  const started = clock();
  const plan = planImport(req.text, existing, {
    locale: req.locale,
    mainLocale: settings.defaultLocale,
    currency: settings.currency,
    delimiter: req.delimiter,
    defaultStock: req.defaultStock,
    now: started.toISOString(),
  });
  const results = [...plan.results];
  const report = (importId?: string): ImportReport => {
    results.sort((a, b) => a.line - b.line);
    return {
      ...(importId ? { importId } : {}),
      dryRun: !importId,
      ...(req.locale ? { locale: req.locale } : {}),
      format: plan.format,
      currency: settings.currency,
      results,
      totals: {
        lines: results.length,
        created: count(results, "created"),
        updated: count(results, "updated"),
        unchanged: count(results, "unchanged"),
        errors: count(results, "error"),
      },
    };
  };
  if (req.dryRun) {
    for (const w of plan.writes)
      results.push({
        line: w.line,
        id: w.product.id,
        status: w.status,
        ...(w.status === "updated" ? { changed: w.changed } : {}),
      });
    return report();
  }

  const importId = req.importId ?? newJobId("imp", started);
  const job: ImportJob = {
    id: importId,
    kind: "import",
    status: "running",
    ...(req.locale ? { locale: req.locale } : {}),
    by: req.by,
    startedAt: started.toISOString(),
    total: plan.writes.length,
    processed: 0,
  };
  await createJob(db, shopId, job);
  try {
    await putUndoLog(
      db,
      shopId,
      importId,
      plan.writes.map((w) => ({
        id: w.product.id,
        version: w.product.version,
        ...(w.before ? { before: w.before } : {}),
      })),
    );
    const notStored = new Set<string>();
    for (let i = 0; i < plan.writes.length; i += CHUNK) {
      const chunk = plan.writes.slice(i, i + CHUNK);
      const { failed } = await putProductsBatch(
        db,
        shopId,
        chunk.map((w) => w.product),
        { parallel: req.parallel },
      );
      for (const id of failed) notStored.add(id);
      await updateJob(db, shopId, importId, { processed: i + chunk.length });
    }
    for (const w of plan.writes) {
      results.push(
        notStored.has(w.product.id)
          ? {
              line: w.line,
              id: w.product.id,
              status: "error",
              errors: [{ path: "line", message: "could not be stored (the table is busy): import it again" }],
            }
          : {
              line: w.line,
              id: w.product.id,
              status: w.status,
              ...(w.status === "updated" ? { changed: w.changed } : {}),
            },
      );
    }
    const out = report(importId);
    await updateJob(db, shopId, importId, {
      status: "done",
      finishedAt: clock().toISOString(),
      totals: { ...out.totals, deleted: 0 },
    });
    return out;
  } catch (e) {
    await updateJob(db, shopId, importId, {
      status: "failed",
      finishedAt: clock().toISOString(),
      error: (e as Error).message,
    }).catch(() => false);
    throw e;
  }
}

/** Runs `fn` over `items`, `parallel` at a time. */
async function eachLimit<T>(items: T[], parallel: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}

/**
 * Undoes a job (an import or a bulk delete). 404 for an unknown id; 409 `admin.conflict` when the job is
 * running or already undone.
 */
export async function undoJob(
  db: Db,
  shopId: string,
  id: string,
  o: { by: string; now?: () => Date; parallel?: number },
): Promise<ImportJob> {
  const clock = o.now ?? (() => new Date());
  const job = await getJob(db, shopId, id);
  if (!job) throw new AppError("admin.not_found", `No import ${id}.`);
  // A job still "running" long after any request could last was cut off (a Lambda timeout): undo it anyway.
  const stale = clock().getTime() - Date.parse(job.startedAt) > STALE_MS;
  if ((job.status === "running" || job.status === "undoing") && !stale)
    throw new AppError("admin.conflict", `Import ${id} is still ${job.status}: wait for it to finish.`);
  if (job.status === "undone") throw new AppError("admin.conflict", `Import ${id} was undone already.`);
  if (!(await updateJob(db, shopId, id, { status: "undoing" }, { ifStatus: job.status })))
    throw new AppError("admin.conflict", `Import ${id} is being changed by someone else: try again.`);

  const entries = await getUndoLog(db, shopId, id);
  const current = new Map((await listProducts(db, shopId)).map((p) => [p.id, p]));
  const now = clock().toISOString();
  let restored = 0;
  let deleted = 0;
  const skipped: string[] = [];
  const undoOne = async (e: UndoEntry) => {
    const now_ = current.get(e.id);
    if (e.version === undefined) {
      // the job deleted it: put it back unless someone created it again
      if (!e.before) return;
      if (await putProductIf(db, shopId, e.before, undefined, now)) restored++;
      else skipped.push(e.id);
      return;
    }
    if (now_?.version !== e.version) {
      // never written (the import failed before it), or changed / deleted since
      const untouched = e.before ? now_?.version === e.before.version : now_ === undefined;
      if (!untouched) skipped.push(e.id);
      return;
    }
    if (!e.before) {
      if (await deleteProductIf(db, shopId, e.id, e.version)) deleted++;
      else skipped.push(e.id);
    } else if (await putProductIf(db, shopId, e.before, e.version, now)) restored++;
    else skipped.push(e.id);
  };
  await eachLimit(entries, o.parallel ?? 16, undoOne);
  if (restored + deleted > 0) await bumpCatalog(db, shopId);
  const undo = { at: now, by: o.by, restored, deleted, skipped: skipped.sort() };
  await updateJob(db, shopId, id, { status: "undone", undo });
  log.info("admin.import_undone", { shopId, importId: id, restored, deleted, skipped: skipped.length });
  return { ...job, status: "undone", undo };
}

export interface DeleteReport {
  jobId: string;
  deleted: string[];
  notFound: string[];
}

/** Deletes products by id as one undoable job of kind `delete`. */
export async function deleteProducts(
  db: Db,
  shopId: string,
  ids: string[],
  o: { by: string; now?: () => Date; parallel?: number },
): Promise<DeleteReport> {
  const clock = o.now ?? (() => new Date());
  const started = clock();
  const jobId = newJobId("del", started);
  const unique = [...new Set(ids)];
  await createJob(db, shopId, {
    id: jobId,
    kind: "delete",
    status: "running",
    by: o.by,
    startedAt: started.toISOString(),
    total: unique.length,
    processed: 0,
  });
  // The undo log needs what is deleted, which only the delete itself returns atomically: the log is written
  // after, from the deleted products (a crash in between loses the undo of those, never a product).
  const gone: Product[] = [];
  const notFound: string[] = [];
  await eachLimit(unique, o.parallel ?? 16, async (id) => {
    const p = await deleteProductIf(db, shopId, id);
    if (p) gone.push(p);
    else notFound.push(id);
  });
  if (gone.length > 0) {
    await bumpCatalog(db, shopId);
    await putUndoLog(
      db,
      shopId,
      jobId,
      gone.map((p) => ({ id: p.id, before: p })),
    );
  }
  await updateJob(db, shopId, jobId, {
    status: "done",
    processed: unique.length,
    finishedAt: clock().toISOString(),
    totals: { lines: unique.length, created: 0, updated: 0, unchanged: 0, deleted: gone.length, errors: 0 },
  });
  return { jobId, deleted: gone.map((p) => p.id).sort(), notFound: notFound.sort() };
}

/** The old entry point (scripts/bench-import.ts, tests): an import without a preview, by "system". */
export async function importFeed(
  db: Db,
  shopId: string,
  text: string,
  opts: { locale?: Locale; parallel?: number; dryRun?: boolean } = {},
): Promise<ImportReport> {
  return runImport(db, shopId, { text, by: "system", ...opts });
}
