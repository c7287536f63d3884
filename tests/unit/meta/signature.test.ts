import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "../../../lib/channels/meta/signature";

const fixtures = join(__dirname, "../../fixtures/whatsapp");
const pair = JSON.parse(readFileSync(join(fixtures, "signed_pair.json"), "utf8")) as {
  app_secret: string;
  x_hub_signature_256: string;
};
const raw = readFileSync(join(fixtures, "signed_text_body.raw"));

describe("X-Hub-Signature-256", () => {
  it("accepts Meta's real captured signature over the raw bytes", () => {
    expect(verifySignature(raw, pair.x_hub_signature_256, pair.app_secret)).toBe(true);
  });

  it("accepts an upper-case hex digest and surrounding whitespace", () => {
    const upper = `sha256=${pair.x_hub_signature_256.slice(7).toUpperCase()} `;
    expect(verifySignature(raw, upper, pair.app_secret)).toBe(true);
  });

  it("rejects the same JSON re-serialised (signatures cover bytes, not values)", () => {
    // Meta sends non-ASCII text \u-escaped; JSON.stringify of the parsed value writes it unescaped.
    const escaped = Buffer.from('{"text":"\\u0645\\u0631\\u062d\\u0628\\u0627"}');
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(escaped.toString("utf8"))));
    expect(reserialised.equals(escaped)).toBe(false);
    const header = signBody(escaped, pair.app_secret);
    expect(verifySignature(escaped, header, pair.app_secret)).toBe(true);
    expect(verifySignature(reserialised, header, pair.app_secret)).toBe(false);
  });

  it.each([
    ["no header", undefined, pair.app_secret],
    ["empty header", "", pair.app_secret],
    ["no secret (fails closed)", pair.x_hub_signature_256, undefined],
    ["empty secret (fails closed)", pair.x_hub_signature_256, ""],
    ["wrong secret", pair.x_hub_signature_256, "another-secret"],
    ["sha1 prefix", pair.x_hub_signature_256.replace("sha256=", "sha1="), pair.app_secret],
    ["truncated digest", pair.x_hub_signature_256.slice(0, -2), pair.app_secret],
    ["over-long digest", `${pair.x_hub_signature_256}00`, pair.app_secret],
    ["non-hex digest", `sha256=${"z".repeat(64)}`, pair.app_secret],
  ])("rejects %s", (_label, header, secret) => {
    expect(verifySignature(raw, header, secret)).toBe(false);
  });

  it("signs what it verifies", () => {
    const body = Buffer.from('{"object":"page","entry":[{"text":"\\u0645\\u0631\\u062d\\u0628\\u0627"}]}');
    expect(verifySignature(body, signBody(body, "s3cret"), "s3cret")).toBe(true);
  });
});
