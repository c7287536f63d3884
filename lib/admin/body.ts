/**
 * Reading admin request bodies and preconditions: size first (before decoding anything), then the media
 * type, then UTF-8 and JSON. Every refusal is an AppError that lib/http/respond.ts maps to its status.
 */
import { AppError } from "../errors";
import { type HttpRequest, MAX_BODY_BYTES } from "../http/request";
import type { IfMatch } from "../store/catalog";

/** JSON bodies: a product with five translations stays far below this. */
export const MAX_JSON_BYTES = MAX_BODY_BYTES;
/**
 * Catalog feeds: ~25,000 typical lines. A Lambda request payload is at most 6 MB, and API Gateway passes a
 * text/csv body as text (not base64), so 5 MiB fits with room for the rest of the event.
 */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

const mediaType = (req: HttpRequest): string =>
  (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

/** The body as text, after the size and media type checks. */
export function readText(req: HttpRequest, opts: { types: string[]; maxBytes: number }): string {
  if (req.rawBody.length > opts.maxBytes) {
    throw new AppError(
      "request.too_large",
      `The body is ${req.rawBody.length} bytes; at most ${opts.maxBytes} are accepted.`,
    );
  }
  const type = mediaType(req);
  if (!opts.types.includes(type)) {
    throw new AppError(
      "request.unsupported_media_type",
      `Send the body as ${opts.types.join(" or ")}${type ? `, not ${type}` : ""}.`,
    );
  }
  const charset = /;\s*charset="?([^";\s]+)/i.exec(req.headers["content-type"] ?? "")?.[1]?.toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    throw new AppError("request.unsupported_media_type", `Send the body as UTF-8, not ${charset}.`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(req.rawBody);
  } catch (e) {
    throw new AppError("request.invalid", "The body is not valid UTF-8.", undefined, { cause: e });
  }
}

/** The JSON body, parsed (not yet validated). */
export function readJson(req: HttpRequest): unknown {
  const text = readText(req, { types: ["application/json"], maxBytes: MAX_JSON_BYTES });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("request.bad_json", `The body is not valid JSON: ${(e as Error).message}`, undefined, {
      cause: e,
    });
  }
}

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
