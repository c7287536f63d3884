/**
 * Admin request bodies and preconditions: the body readers shared with the agent API (lib/http/body.ts),
 * the CSV size limit, and `If-Match` / `ETag`. Every refusal is an AppError that lib/http/respond.ts maps.
 */
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import type { IfMatch } from "../store/catalog";

export { MAX_JSON_BYTES, readJson, readText } from "../http/body";

/**
 * Catalog feeds: ~25,000 typical lines. A Lambda request payload is at most 6 MB, and API Gateway passes a
 * text/csv body as text (not base64), so 5 MiB fits with room for the rest of the event.
 */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

/**
 * `If-Match` → the version it names: `"3"`, `W/"3"` or `3`; `*` for "any version, but it must exist".
 * A value naming no version can match nothing, which is a failed precondition (412), not a bad request.
 */
export function ifMatchOf(req: HttpRequest): IfMatch | undefined {
  const raw = req.headers["if-match"]?.trim();
  if (raw === undefined || raw === "") return undefined;
  if (raw === "*") return "*";
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(raw);
  if (!m)
    throw new AppError("admin.version_conflict", `If-Match ${raw} names no version: send the ETag you got.`);
  return Number(m[1]);
}

/** The ETag of a version. */
export const etag = (version: number | undefined): string => `"${version ?? 0}"`;
