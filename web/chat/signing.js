import { str } from "../common/dom.js";
import { config } from "./state.js";

// ---------------------------------------------------------------- signing (HMAC-SHA256)
// How the simulator signs a delivery as Meta does (X-Hub-Signature-256), with the dev app secret from
// /dev/chat/config. Kept in this one module so that the way deliveries are signed can change in one place.

/** The X-Hub-Signature-256 header value for a delivery's body text. */
export async function signatureHeader(bodyText) {
  return `sha256=${await hmacHex(str(config.appSecret), bodyText)}`;
}
export const enc = new TextEncoder();
export function toHex(buf) {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
}
export async function hmacHex(secret, bodyText) {
  const key = enc.encode(secret);
  const data = enc.encode(bodyText);
  if (window.crypto && crypto.subtle) {
    const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return toHex(await crypto.subtle.sign("HMAC", k, data));
  }
  return toHex(hmacSha256Fallback(key, data)); // crypto.subtle is missing on plain-http LAN addresses
}
// Small SHA-256 for non-secure contexts (opening the page from a phone over http://<lan-ip>).
export const SHA_K = [];
export const SHA_H = [];
(() => {
  const frac = (v) => ((v - Math.floor(v)) * 4294967296) >>> 0;
  for (let n = 2, c = 0; c < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (!prime) continue;
    if (c < 8) SHA_H.push(frac(Math.sqrt(n)));
    SHA_K.push(frac(Math.cbrt(n)));
    c++;
  }
})();
export function sha256(msg) {
  const len = msg.length;
  const padded = new Uint8Array(((len + 9 + 63) >> 6) << 6);
  padded.set(msg);
  padded[len] = 0x80;
  const dv = new DataView(padded.buffer);
  dv.setUint32(padded.length - 8, Math.floor((len * 8) / 4294967296));
  dv.setUint32(padded.length - 4, (len * 8) >>> 0);
  const H = SHA_H.slice();
  const W = new Uint32Array(64);
  const ror = (x, n) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) W[i] = dv.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const x = W[i - 15];
      const y = W[i - 2];
      W[i] =
        W[i - 16] + (ror(x, 7) ^ ror(x, 18) ^ (x >>> 3)) + W[i - 7] + (ror(y, 17) ^ ror(y, 19) ^ (y >>> 10));
    }
    let [a, b, c, d, e, f, g, h] = H;
    for (let i = 0; i < 64; i++) {
      const t1 = (h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + SHA_K[i] + W[i]) | 0;
      const t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    H[0] = (H[0] + a) | 0;
    H[1] = (H[1] + b) | 0;
    H[2] = (H[2] + c) | 0;
    H[3] = (H[3] + d) | 0;
    H[4] = (H[4] + e) | 0;
    H[5] = (H[5] + f) | 0;
    H[6] = (H[6] + g) | 0;
    H[7] = (H[7] + h) | 0;
  }
  const out = new Uint8Array(32);
  const odv = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) odv.setUint32(i * 4, H[i] >>> 0);
  return out;
}
export function hmacSha256Fallback(key, data) {
  let k = key.length > 64 ? sha256(key) : key;
  const block = new Uint8Array(64);
  block.set(k);
  k = block;
  const inner = new Uint8Array(64 + data.length);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = k[i] ^ 0x36;
    outer[i] = k[i] ^ 0x5c;
  }
  inner.set(data, 64);
  outer.set(sha256(inner), 64);
  return sha256(outer);
}
window.__chatcartSha256Selftest = (key, text) => toHex(hmacSha256Fallback(enc.encode(key), enc.encode(text)));

// Meta escapes non-ASCII characters as \uXXXX in webhook bodies; do the same so the stack's
// raw-body signature check and parsing see what they will see in production.
export function metaJson(obj) {
  return JSON.stringify(obj).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
