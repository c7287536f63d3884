/**
 * HTTP responses, and the one place where error codes become statuses.
 */
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { AppError, isAppError } from "../errors";
import { log } from "../log";

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };

/**
 * No cross-origin reads of any route. Our pages call only their own origin, which needs no CORS header. The
 * explicit `access-control-allow-origin` names an origin that cannot exist (`.invalid`, RFC 2606), because
 * serverless-offline otherwise echoes any request's `Origin` with credentials allowed and lets a handler's own
 * header win (issue 14: a page on another port read `/dev/chat/config`); a browser compares it with the page's
 * origin and refuses the read. Deployed, the HTTP API has no CORS configuration and passes the header through.
 */
const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
  "access-control-allow-origin": "https://no-cross-origin.invalid",
};

export const json = (
  statusCode: number,
  value: unknown,
  headers: Record<string, string> = {},
): HttpResponse => ({
  statusCode,
  headers: { "content-type": "application/json; charset=utf-8", ...SECURITY_HEADERS, ...headers },
  body: JSON.stringify(value),
});

export const text = (
  statusCode: number,
  body: string,
  contentType = "text/plain; charset=utf-8",
): HttpResponse => ({
  statusCode,
  headers: { "content-type": contentType, ...SECURITY_HEADERS },
  body,
});

/** Bytes (an image, a voice note): API Gateway and serverless-offline decode the base64 body. */
export const binary = (statusCode: number, body: Buffer, contentType: string): HttpResponse => ({
  statusCode,
  headers: {
    "content-type": contentType,
    "x-content-type-options": "nosniff",
    "cache-control": "private, max-age=300",
  },
  body: body.toString("base64"),
  isBase64Encoded: true,
});

/** Statuses by error code prefix; the most specific match wins. */
const STATUS_BY_CODE: Array<[string, number]> = [
  ["request.too_large", 413],
  ["request.bad_json", 400],
  ["request.invalid", 400],
  ["request.unsupported_media_type", 415],
  ["auth.bad_signature", 401],
  ["auth.unauthorized", 401],
  ["auth.forbidden", 403],
  ["not_found", 404],
  ["method_not_allowed", 405],
  ["admin.version_conflict", 412],
  ["conflict", 409],
  // a canned reply with no text in any language: edit it before using it
  ["canned.no_text", 409],
  ["order.invalid_transition", 409],
  // the undo window passed, or the stock an undone cancellation needs is gone
  ["order.undo_expired", 409],
  ["order.undo_stock", 409],
  // the messaging window does not allow the reply: the client must wait for the shopper (not retry)
  ["handover.window_closed", 409],
  // Meta refused or failed the send: the agent sees why and may retry
  ["handover.send_failed", 502],
  // the shopper's media: Meta no longer has it (expired) or it is too big to pass through
  ["media.unavailable", 502],
  ["media.too_large", 413],
  // the same deletion request is being carried out by another invocation: Meta may try again later
  ["privacy.in_progress", 503],
];

export function statusOf(code: string): number {
  let best: [string, number] | undefined;
  for (const entry of STATUS_BY_CODE) {
    if (
      (code === entry[0] || code.startsWith(`${entry[0]}.`) || code.endsWith(`.${entry[0]}`)) &&
      (!best || entry[0].length > best[0].length)
    )
      best = entry;
  }
  return best?.[1] ?? 500;
}

/**
 * Maps any thrown value to a JSON error; unexpected errors are logged and answered 500 without details. An
 * AppError whose code maps to a 5xx other than 500 (a failed upstream call) keeps its message.
 */
export function errorResponse(e: unknown): HttpResponse {
  if (isAppError(e)) {
    const status = statusOf(e.code);
    if (status !== 500) {
      return json(status, {
        error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) },
      });
    }
  }
  log.error("http.unhandled", { error: e });
  return json(500, { error: { code: "internal", message: "Something went wrong." } });
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, details);
