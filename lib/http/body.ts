/**
 * Reading JSON API request bodies: size first (before decoding anything), then the media type, then UTF-8
 * and JSON. Every refusal is an AppError that lib/http/respond.ts maps to its status.
 */
import { AppError } from "../errors";
import { type HttpRequest, MAX_BODY_BYTES } from "./request";

/** JSON bodies: a product with five translations stays far below this. */
export const MAX_JSON_BYTES = MAX_BODY_BYTES;
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

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const fix = (s: string) => s.replace(LONE_SURROGATE, "\uFFFD");
/** Strings, and the keys of objects, made well-formed. */
function wellFormed(_key: string, value: unknown): unknown {
  if (typeof value === "string") return fix(value);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (!keys.some((k) => fix(k) !== k)) return value;
  return Object.fromEntries(keys.map((k) => [fix(k), (value as Record<string, unknown>)[k]]));
}

/**
 * JSON.parse, with every string and object key made well-formed UTF-16: a lone surrogate written as an escape (`"\ud800"`)
 * becomes U+FFFD. DynamoDB takes only valid UTF-8, so such a string in a key or an attribute would fail the
 * write (DynamoDB Local: "unknown error"). The reviver runs only when the text has a surrogate escape.
 */
export function parseJson(text: string): unknown {
  return SURROGATE_ESCAPE.test(text) ? JSON.parse(text, wellFormed) : JSON.parse(text);
}

/** The JSON body, parsed (not yet validated). */
export function readJson(req: HttpRequest): unknown {
  const text = readText(req, { types: ["application/json"], maxBytes: MAX_JSON_BYTES });
  try {
    return parseJson(text);
  } catch (e) {
    throw new AppError("request.bad_json", `The body is not valid JSON: ${(e as Error).message}`, undefined, {
      cause: e,
    });
  }
}
