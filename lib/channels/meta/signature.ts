/**
 * `X-Hub-Signature-256` verification: HMAC-SHA256 of the raw request bytes with the app secret, lowercase
 * hex, prefixed `sha256=`. Meta signs the bytes it sent (non-ASCII `\uXXXX`-escaped), so we verify before
 * parsing and never over re-serialised JSON.
 * https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const PREFIX = "sha256=";
const HEX_LENGTH = 64;

export function signBody(raw: Buffer | string, appSecret: string): string {
  return `${PREFIX}${createHmac("sha256", appSecret).update(raw).digest("hex")}`;
}

/**
 * True only for a well-formed header that matches. Fails closed: no secret, no header, a wrong prefix or
 * length all return false; the comparison is constant-time.
 */
export function verifySignature(
  raw: Buffer,
  header: string | undefined,
  appSecret: string | undefined,
): boolean {
  if (!appSecret || !header) return false;
  const value = header.trim();
  if (!value.toLowerCase().startsWith(PREFIX)) return false;
  const given = value.slice(PREFIX.length).toLowerCase();
  if (given.length !== HEX_LENGTH || !/^[0-9a-f]+$/.test(given)) return false;
  const expected = createHmac("sha256", appSecret).update(raw).digest();
  return timingSafeEqual(Buffer.from(given, "hex"), expected);
}
