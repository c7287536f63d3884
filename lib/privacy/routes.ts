/**
 * Meta's data deletion callback and its status page (docs/interface.md):
 *
 * - `POST /webhooks/data-deletion`, form field `signed_request` (application/x-www-form-urlencoded): 200
 *   `{"url": <status page>, "confirmation_code": <code>}` once the data is deleted; 400 `request.invalid` for a
 *   missing or malformed `signed_request` or a payload that is not HMAC-SHA256; 401 `auth.bad_signature` when
 *   it does not verify with the app secret (as the webhooks' `X-Hub-Signature-256`); 413 over 8 KiB;
 *   415 for another media type.
 * - `GET /data-deletion/{code}`: public (Meta sends the user there): a short HTML page, or JSON with
 *   `Accept: application/json`; 404 for a code we did not give out.
 */

import { createHash } from "node:crypto";
import { verifySignedRequest } from "../channels/meta/signedRequest";
import type { Config } from "../config";
import { AppError } from "../errors";
import { readText } from "../http/body";
import type { HttpRequest } from "../http/request";
import { errorResponse, type HttpResponse, json, text } from "../http/respond";
import { log } from "../log";
import type { Db } from "../store/client";
import { type DeletionRecord, getDeletion } from "../store/deletion";
import { claimTurn, markDone, releaseClaim } from "../store/inbound";
import { deleteUserData, isConfirmationCode } from "./deletion";

/** A deletion request signed longer ago than this is refused (Meta sends it at once). */
export const MAX_REQUEST_AGE_MS = 60 * 60_000;
/** Where used requests are recorded (by the SHA-256 of the signed request), with the webhooks' claims. */
const PRIVACY_CLAIMS = "privacy";
/**
 * A request claimed this long ago and not carried out belongs to an invocation that died (the function
 * timeout is 10 s, serverless.yml): Meta's retry takes it over.
 */
export const DELETION_CLAIM_STALE_MS = 30_000;

/** A form with one signed request of a few hundred bytes: anything near this is not Meta. */
export const MAX_DELETION_BODY_BYTES = 8 * 1024;
export const STATUS_PATH = "/data-deletion/";

export interface PrivacyDeps {
  db: Db;
  config: Pick<Config, "secrets">;
  now?: () => number;
}

/**
 * The absolute base URL the caller reached us at. API Gateway sets `host` to the API's domain (custom or
 * execute-api) and `x-forwarded-proto`; a host that is not a plain host name is refused rather than echoed.
 */
export function publicBaseUrl(req: HttpRequest): string {
  const host = req.headers.host ?? "";
  if (!/^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/.test(host)) {
    throw new AppError("request.invalid", "The request has no usable Host header.");
  }
  const forwarded = req.headers["x-forwarded-proto"]?.split(",")[0]?.trim().toLowerCase();
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host);
  const proto = forwarded === "http" || forwarded === "https" ? forwarded : local ? "http" : "https";
  return `${proto}://${host}`;
}

async function callback(req: HttpRequest, deps: PrivacyDeps): Promise<HttpResponse> {
  const body = readText(req, {
    types: ["application/x-www-form-urlencoded"],
    maxBytes: MAX_DELETION_BODY_BYTES,
  });
  const signed = new URLSearchParams(body).get("signed_request");
  const verdict = verifySignedRequest(signed, deps.config.secrets.META_APP_SECRET);
  if (!verdict.ok) {
    log.warn("privacy.deletion_refused", { reason: verdict.reason });
    const code = verdict.reason === "bad_signature" ? "auth.bad_signature" : "request.invalid";
    throw new AppError(code, verdict.message, [{ path: "signed_request", message: verdict.reason }]);
  }
  // issue 14: an old request replayed deleted the returning shopper's new conversation
  const now = deps.now?.() ?? Date.now();
  const issued = (verdict.payload.issued_at ?? 0) * 1000;
  if (issued < now - MAX_REQUEST_AGE_MS || issued > now + 5 * 60_000) {
    log.warn("privacy.deletion_refused", { reason: "stale" });
    throw new AppError("request.invalid", "The signed request is too old (or from the future).", [
      { path: "signed_request", message: "issued_at out of range" },
    ]);
  }
  const digest = createHash("sha256")
    .update(signed ?? "")
    .digest("hex");
  // The request is used once it has been carried out, not when it arrives: a run that fails (or dies) half-way
  // leaves the claim released (or stale) so Meta's retry of the same request finishes the job.
  const claim = await claimTurn(deps.db, PRIVACY_CLAIMS, digest, DELETION_CLAIM_STALE_MS, now);
  if (claim.kind === "busy") throw new AppError("privacy.in_progress", "This request is being carried out.");
  if (claim.kind !== "run") {
    log.warn("privacy.deletion_refused", { reason: "replayed" });
    throw new AppError("conflict.replayed", "This signed request was already used.");
  }
  const base = publicBaseUrl(req);
  let record: DeletionRecord;
  try {
    record = await deleteUserData(deps.db, verdict.payload.user_id, deps.now?.() ?? Date.now());
  } catch (e) {
    await releaseClaim(deps.db, PRIVACY_CLAIMS, digest, claim.claimedAt).catch(() => {});
    throw e;
  }
  await markDone(deps.db, PRIVACY_CLAIMS, digest);
  return json(200, { url: `${base}${STATUS_PATH}${record.code}`, confirmation_code: record.code });
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** The human-readable status Meta asks for (English: Meta's own pages around it are in the user's language). */
export function statusHtml(r: DeletionRecord): string {
  const when = new Date(r.completedAt).toUTCString();
  const orders =
    r.ordersAnonymized > 0
      ? `<p>${r.ordersAnonymized} order(s) are kept for the shop's accounting (items, prices, status), without your name, phone number or address.</p>`
      : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Data deletion ${escapeHtml(r.code)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem">
<h1>Data deletion: completed</h1>
<p>Confirmation code <code>${escapeHtml(r.code)}</code>, completed ${escapeHtml(when)}.</p>
<p>We deleted ${r.conversations} conversation(s) with this shop's chat assistant: the messages, the cart, the checkout details and the assistant's memory of the conversation.</p>
${orders}
</body></html>
`;
}

async function status(req: HttpRequest, deps: PrivacyDeps): Promise<HttpResponse> {
  const code = (req.pathParams.code ?? req.path.slice(req.path.lastIndexOf("/") + 1)).toUpperCase();
  const record = isConfirmationCode(code) ? await getDeletion(deps.db, code) : undefined;
  if (!record) throw new AppError("not_found", "No data deletion has this confirmation code.");
  if ((req.headers.accept ?? "").includes("application/json")) return json(200, record);
  return text(200, statusHtml(record), "text/html; charset=utf-8");
}

/** Routes the two privacy endpoints; every error goes through the one error mapping. */
export async function handlePrivacy(req: HttpRequest, deps: PrivacyDeps): Promise<HttpResponse> {
  try {
    if (req.path === "/webhooks/data-deletion") {
      if (req.method !== "POST") throw new AppError("method_not_allowed", "Use POST.");
      return await callback(req, deps);
    }
    if (req.path.startsWith(STATUS_PATH)) {
      if (req.method !== "GET") throw new AppError("method_not_allowed", "Use GET.");
      return await status(req, deps);
    }
    throw new AppError("not_found", "No such route.");
  } catch (e) {
    return errorResponse(e);
  }
}
