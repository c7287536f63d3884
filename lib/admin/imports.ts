/**
 * Admin routes of catalogue imports (docs/interface.md, "Catalogue imports"): import with a preview,
 * the jobs and their progress, undo, and bulk delete. Parsing and validation only; lib/catalog/importJob.ts
 * does the work.
 *
 * - `POST /products/import[?dryRun=1][&locale=ar][&importId=…][&delimiter=tab|comma|semicolon][&defaultStock=N]`
 *   body: the feed (`text/csv`, `text/tab-separated-values`, `text/plain`, or what browsers send for a .csv).
 * - `GET /imports`: the shop's jobs, newest first. `GET /imports/{id}`: one job (poll it for progress).
 * - `POST /imports/{id}/undo`.
 * - `POST /products/delete` `{"ids": [...]}` (1 to 1000 ids).
 */
import { z } from "zod/v4";
import { type Delimiter, decodeFeed } from "../catalog/feedFormat";
import { deleteProducts, IMPORT_ID_PATTERN, runImport, undoJob } from "../catalog/importJob";
import { fieldErrors, ID_PATTERN } from "../catalog/schema";
import type { Config } from "../config";
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import { type HttpResponse, json } from "../http/respond";
import { notFound } from "../http/router";
import { LOCALES } from "../i18n";
import { log } from "../log";
import type { Db } from "../store/client";
import { getJob, listJobs } from "../store/imports";
import { MAX_CSV_BYTES, readJson } from "./body";

/** What the handlers need of the admin context. */
export interface ImportCtx {
  req: HttpRequest;
  deps: { db: Db; config?: Pick<Config, "secrets"> };
  shopId: string;
  adminId: string;
  id: string;
}

/** Media types a feed may come as: browsers send .csv as `application/vnd.ms-excel` on Windows. */
const FEED_TYPES = [
  "text/csv",
  "text/tab-separated-values",
  "text/tsv",
  "text/plain",
  "application/csv",
  "application/vnd.ms-excel",
  "application/octet-stream",
];

const TSV_TYPES = new Set(["text/tab-separated-values", "text/tsv"]);

const DELIMITERS: Record<string, Delimiter> = { tab: "\t", comma: ",", semicolon: ";" };

const flag = z
  .enum(["1", "0", "true", "false"], { error: "must be 1 or 0" })
  .transform((v) => v === "1" || v === "true");

const ImportQuery = z.object({
  dryRun: flag.optional(),
  locale: z.enum(LOCALES, { error: `must be one of ${LOCALES.join(", ")}` }).optional(),
  importId: z.string().regex(IMPORT_ID_PATTERN, "must be 6 to 64 letters, digits, '_' or '-'").optional(),
  delimiter: z.enum(["tab", "comma", "semicolon"], { error: "must be tab, comma or semicolon" }).optional(),
  defaultStock: z
    .string()
    .regex(/^\d{1,9}$/, "must be a whole number of 0 or more")
    .transform(Number)
    .optional(),
});

const mediaType = (req: HttpRequest) =>
  (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

/** `POST /products/import`: a preview with `dryRun=1`, else an import job; the per-line report either way. */
export async function importProducts({ req, deps, shopId, adminId }: ImportCtx): Promise<HttpResponse> {
  const q = ImportQuery.safeParse(req.query);
  if (!q.success)
    throw new AppError("request.invalid", "The import query is not valid.", fieldErrors(q.error));
  if (req.rawBody.length > MAX_CSV_BYTES) {
    throw new AppError(
      "request.too_large",
      `The feed is ${req.rawBody.length} bytes; at most ${MAX_CSV_BYTES} are accepted in one request: split it.`,
    );
  }
  const type = mediaType(req);
  if (!FEED_TYPES.includes(type)) {
    throw new AppError(
      "request.unsupported_media_type",
      `Send the feed as text/csv or text/tab-separated-values${type ? `, not ${type}` : ""}.`,
    );
  }
  const charset = /;\s*charset="?([^";\s]+)/i.exec(req.headers["content-type"] ?? "")?.[1]?.toLowerCase();
  if (charset && !["utf-8", "utf8", "utf-16", "utf-16le"].includes(charset)) {
    throw new AppError("request.unsupported_media_type", `Send the feed as UTF-8, not ${charset}.`);
  }
  const text = decodeFeed(req.rawBody);
  const delimiter = q.data.delimiter ? DELIMITERS[q.data.delimiter] : TSV_TYPES.has(type) ? "\t" : undefined;
  const started = Date.now();
  const report = await runImport(deps.db, shopId, {
    text,
    by: adminId,
    ...(q.data.locale ? { locale: q.data.locale } : {}),
    ...(q.data.dryRun ? { dryRun: true } : {}),
    ...(q.data.importId ? { importId: q.data.importId } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(q.data.defaultStock !== undefined ? { defaultStock: q.data.defaultStock } : {}),
  });
  log.info("admin.import", {
    shopId,
    importId: report.importId,
    dryRun: report.dryRun,
    locale: report.locale,
    ...report.totals,
    ms: Date.now() - started,
  });
  return json(
    200,
    report,
    report.importId ? { location: `/api/admin/imports/${encodeURIComponent(report.importId)}` } : undefined,
  );
}

/** `GET /imports?limit=`: newest first. */
export async function listImports({ req, deps, shopId }: ImportCtx): Promise<HttpResponse> {
  const raw = req.query.limit;
  const limit = raw === undefined ? 50 : /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= 200)) {
    throw new AppError("request.invalid", "limit must be a whole number from 1 to 200.", [
      { path: "limit", message: "must be a whole number from 1 to 200" },
    ]);
  }
  return json(200, { items: await listJobs(deps.db, shopId, limit) });
}

/** `GET /imports/{id}`: status, `processed` of `total`, totals, undo. */
export async function getImport({ deps, shopId, id }: ImportCtx): Promise<HttpResponse> {
  const job =
    IMPORT_ID_PATTERN.test(id) || /^(imp|del)-/.test(id) ? await getJob(deps.db, shopId, id) : undefined;
  if (!job) throw notFound(`No import ${id}.`);
  return json(200, job);
}

/** `POST /imports/{id}/undo`. */
export async function undoImport({ deps, shopId, id, adminId }: ImportCtx): Promise<HttpResponse> {
  if (!(IMPORT_ID_PATTERN.test(id) || /^(imp|del)-/.test(id))) throw notFound(`No import ${id}.`);
  const job = await undoJob(deps.db, shopId, id, { by: adminId });
  return json(200, job);
}

const DeleteBody = z.strictObject({
  ids: z
    .array(z.string().regex(ID_PATTERN, "must be 1 to 100 letters, digits, '.', '_' or '-'"))
    .min(1, "needs at least one id")
    .max(1000, "at most 1000 ids per request"),
});

/** `POST /products/delete` `{"ids": [...]}`: `{jobId, deleted, notFound}`; undo with `/imports/{jobId}/undo`. */
export async function bulkDelete({ req, deps, shopId, adminId }: ImportCtx): Promise<HttpResponse> {
  const parsed = DeleteBody.safeParse(readJson(req));
  if (!parsed.success)
    throw new AppError("request.invalid", "The delete request is not valid.", fieldErrors(parsed.error));
  const report = await deleteProducts(deps.db, shopId, parsed.data.ids, { by: adminId });
  log.info("admin.products_deleted", { shopId, jobId: report.jobId, deleted: report.deleted.length });
  return json(200, report);
}
