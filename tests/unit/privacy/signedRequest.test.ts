/**
 * Meta's `signed_request` (data deletion callback): a good one verifies; a wrong signature, another secret, no
 * secret, another algorithm and every malformed shape are refused with the right reason.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signRequest, verifySignedRequest } from "../../../lib/channels/meta/signedRequest";
import type { HttpRequest } from "../../../lib/http/request";
import { isConfirmationCode, newConfirmationCode } from "../../../lib/privacy/deletion";
import { publicBaseUrl } from "../../../lib/privacy/routes";

const SECRET = "test-app-secret";
const payload = { algorithm: "HMAC-SHA256", issued_at: 1_764_000_000, user_id: "1234567890123456" };
const b64 = (v: string | Buffer) => Buffer.from(v).toString("base64url");
const sign = (body: string, secret = SECRET) => createHmac("sha256", secret).update(body).digest("base64url");

describe("verifySignedRequest", () => {
  it("accepts a request signed with the app secret and returns the payload", () => {
    const r = verifySignedRequest(signRequest(payload, SECRET), SECRET);
    expect(r).toEqual({ ok: true, payload });
  });

  it("accepts Meta's variants: a numeric user_id, '=' padding, extra fields", () => {
    const body = b64(JSON.stringify({ ...payload, user_id: 42, expires: 1_764_003_600, extra: true }));
    const r = verifySignedRequest(`${sign(body)}=.${body}`, SECRET);
    expect(r.ok && r.payload.user_id).toBe("42");
  });

  it.each([
    ["another secret", signRequest(payload, "other-secret"), SECRET],
    ["no secret configured", signRequest(payload, SECRET), undefined],
    ["an empty secret", signRequest(payload, SECRET), ""],
    ["a truncated signature", signRequest(payload, SECRET).slice(4), SECRET],
    [
      "a payload changed after signing",
      (() => {
        const [sig] = signRequest(payload, SECRET).split(".");
        return `${sig}.${b64(JSON.stringify({ ...payload, user_id: "999" }))}`;
      })(),
      SECRET,
    ],
  ])("refuses %s as bad_signature", (_name, value, secret) => {
    const r = verifySignedRequest(value, secret);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe("bad_signature");
    // the expected signature is never handed back
    expect(JSON.stringify(r)).not.toContain(signRequest(payload, SECRET).split(".")[0]);
  });

  it("refuses another algorithm even when it is signed", () => {
    const r = verifySignedRequest(signRequest({ ...payload, algorithm: "HMAC-SHA1" }, SECRET), SECRET);
    expect(!r.ok && r.reason).toBe("algorithm");
  });

  it.each([
    ["nothing", undefined],
    ["an empty value", ""],
    ["no dot", "abcdef"],
    ["three parts", "a.b.c"],
    ["an empty signature", `.${b64("{}")}`],
    ["characters outside base64url", "ab+/.cd"],
    ["an oversized value", `${"a".repeat(3000)}.${"b".repeat(3000)}`],
  ])("refuses %s as malformed", (_name, value) => {
    const r = verifySignedRequest(value, SECRET);
    expect(!r.ok && r.reason).toBe("malformed");
  });

  it.each([
    ["not JSON", "not json"],
    ["no user_id", JSON.stringify({ algorithm: "HMAC-SHA256", issued_at: 1 })],
    ["a user_id that is not an id", JSON.stringify({ ...payload, user_id: "../../x" })],
    ["no algorithm", JSON.stringify({ user_id: "1", issued_at: 1 })],
    ["an array", "[]"],
  ])("refuses a signed payload with %s as malformed", (_name, json) => {
    const body = b64(json);
    const r = verifySignedRequest(`${sign(body)}.${body}`, SECRET);
    expect(!r.ok && r.reason).toBe("malformed");
  });
});

describe("confirmation codes and the status URL", () => {
  it("makes 16-character base32 codes that do not repeat", () => {
    const codes = new Set(Array.from({ length: 500 }, newConfirmationCode));
    expect(codes.size).toBe(500);
    for (const c of codes) expect(isConfirmationCode(c)).toBe(true);
    expect(isConfirmationCode("abc")).toBe(false);
    expect(isConfirmationCode("AAAAAAAAAAAAAAA1")).toBe(false);
  });

  const req = (headers: Record<string, string>): HttpRequest => ({
    method: "POST",
    path: "/webhooks/data-deletion",
    headers,
    query: {},
    pathParams: {},
    rawBody: Buffer.alloc(0),
  });

  it.each([
    [
      { host: "abc.execute-api.us-east-1.amazonaws.com", "x-forwarded-proto": "https" },
      "https://abc.execute-api.us-east-1.amazonaws.com",
    ],
    [{ host: "shop.example.com" }, "https://shop.example.com"],
    [{ host: "localhost:3000" }, "http://localhost:3000"],
    [{ host: "localhost:3000", "x-forwarded-proto": "https" }, "https://localhost:3000"],
  ])("builds the absolute base from %o", (headers, base) => {
    expect(publicBaseUrl(req(headers))).toBe(base);
  });

  it.each([[{}], [{ host: "evil.com/path" }], [{ host: "a b" }]])("refuses a host like %o", (headers) => {
    expect(() => publicBaseUrl(req(headers))).toThrow(/Host/);
  });
});
