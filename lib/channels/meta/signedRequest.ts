/**
 * Meta's `signed_request` (the data deletion callback, also Login's deauthorize callback):
 * `{base64url HMAC-SHA256 signature}.{base64url JSON payload}`, the HMAC taken over the payload *as sent*
 * (its base64url text) with the app secret; the payload names the algorithm and carries `user_id` (an
 * app-scoped id) and `issued_at` (epoch seconds).
 * https://developers.facebook.com/docs/development/create-an-app/app-dashboard/data-deletion-callback
 *
 * Verified before anything in the payload is decoded or believed; fails closed (no secret, no value, a wrong
 * shape or length all refuse); the comparison is constant-time and the expected signature is never returned.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import * as z from "zod/v4";

/** A real signed request is a few hundred characters; anything much longer is not one. */
export const MAX_SIGNED_REQUEST_LENGTH = 4096;
const SIGNATURE_BYTES = 32;
/** base64url, with the `=` padding some encoders (and Meta, by some reports) leave on */
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

const payloadSchema = z.looseObject({
  algorithm: z.string(),
  // Meta sends the id as a string of digits; accept a number too (older SDK examples show one)
  user_id: z
    .union([z.string(), z.number().int().nonnegative()])
    .transform(String)
    .pipe(z.string().regex(/^\d{1,32}$/)),
  issued_at: z.number().int().nonnegative().optional(),
  expires: z.number().int().nonnegative().optional(),
});

export type SignedRequestPayload = z.infer<typeof payloadSchema>;

export type SignedRequestResult =
  | { ok: true; payload: SignedRequestPayload }
  /** `malformed`: not two base64url parts, or a payload that is not the expected JSON; `algorithm`: not
   * HMAC-SHA256; `bad_signature`: does not verify (or no secret is configured) */
  | { ok: false; reason: "malformed" | "algorithm" | "bad_signature"; message: string };

const refuse = (
  reason: "malformed" | "algorithm" | "bad_signature",
  message: string,
): SignedRequestResult => ({
  ok: false,
  reason,
  message,
});

/** Signs a payload the way Meta does (tests, the local tools). */
export function signRequest(payload: Record<string, unknown>, appSecret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const sig = createHmac("sha256", appSecret).update(body).digest("base64url");
  return `${sig}.${body}`;
}

/** Checks `value` against the app secret and returns its payload; see {@link SignedRequestResult}. */
export function verifySignedRequest(
  value: string | undefined | null,
  appSecret: string | undefined,
): SignedRequestResult {
  if (!value) return refuse("malformed", "signed_request is missing.");
  if (value.length > MAX_SIGNED_REQUEST_LENGTH) return refuse("malformed", "signed_request is too long.");
  const parts = value.split(".");
  const [sigPart, payloadPart] = parts;
  if (
    parts.length !== 2 ||
    !sigPart ||
    !payloadPart ||
    !BASE64URL.test(sigPart) ||
    !BASE64URL.test(payloadPart)
  ) {
    return refuse("malformed", "signed_request must be two base64url parts joined by a dot.");
  }
  const given = Buffer.from(sigPart, "base64url");
  // No secret: nothing can verify (fail closed, never skip the check).
  if (!appSecret || given.length !== SIGNATURE_BYTES) {
    return refuse("bad_signature", "The signature does not verify.");
  }
  const expected = createHmac("sha256", appSecret).update(payloadPart).digest();
  if (!timingSafeEqual(given, expected)) return refuse("bad_signature", "The signature does not verify.");
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(payloadPart, "base64url")),
    );
  } catch {
    return refuse("malformed", "The payload is not JSON.");
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".") || "payload").join(", ");
    return refuse("malformed", `The payload lacks or mistypes: ${fields}.`);
  }
  // The algorithm is part of what was signed: a payload that names another one is not ours to trust.
  if (parsed.data.algorithm.toUpperCase() !== "HMAC-SHA256") {
    return refuse("algorithm", "Only HMAC-SHA256 signed requests are accepted.");
  }
  return { ok: true, payload: parsed.data };
}
