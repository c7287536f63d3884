/**
 * Mutations of real Meta deliveries (tests/fixtures) for `npm run fuzz` (issue 14): each delivery is a fixture
 * with its ids made fresh and one to three of these applied at a random place: a type swap, a null, a huge
 * string, deep nesting, odd unicode, prototype keys, a removed field. Deterministic for a seed.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type Channel = "messenger" | "whatsapp";
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export const MUTATIONS = [
  "typeSwap",
  "null",
  "hugeString",
  "deepNesting",
  "unicode",
  "protoKeys",
  "remove",
] as const;
export type Mutation = (typeof MUTATIONS)[number];

export interface Fixture {
  channel: Channel;
  name: string;
  raw: string;
}

const PAGE_ID = "100000000000001";
const PHONE_NUMBER_ID = "200000000000002";

/** Every JSON fixture of both channels (the signed pair is raw bytes, not a delivery to mutate). */
export function loadFixtures(dir: string): Fixture[] {
  const out: Fixture[] = [];
  for (const channel of ["messenger", "whatsapp"] as const) {
    for (const name of readdirSync(join(dir, channel))) {
      if (!name.endsWith(".json") || name === "signed_pair.json") continue;
      out.push({ channel, name, raw: readFileSync(join(dir, channel, name), "utf8") });
    }
  }
  return out;
}

/**
 * A recorded payload's text addressed to the default shop (its page or phone number id) with every message id
 * made unique, so claims do not absorb the deliveries (several fixtures share `wamid.xyzxyz`).
 */
export function readdress(channel: Channel, raw: string): string {
  let out = raw;
  if (channel === "messenger") {
    const value = JSON.parse(raw) as { entry?: Array<{ id: string }> };
    for (const id of new Set((value.entry ?? []).map((e) => e.id)))
      out = out.replaceAll(`"${id}"`, `"${PAGE_ID}"`);
    return out.replace(/"mid"\s*:\s*"[^"]*"/g, () => `"mid": "m_${randomUUID()}"`);
  }
  out = out.replace(/"phone_number_id"\s*:\s*"\d+"/g, `"phone_number_id": "${PHONE_NUMBER_ID}"`);
  return out.replace(/"id"\s*:\s*"wamid\.[^"]*"/g, () => `"id": "wamid.${randomUUID()}"`);
}

/** The fixture addressed to the default shop, with fresh message ids. */
export const freshen = (f: Fixture): Json => JSON.parse(readdress(f.channel, f.raw)) as Json;

/** Every path to a value inside `root` (not the root itself). */
function paths(root: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  if (root !== null && typeof root === "object") {
    for (const [k, v] of Object.entries(root)) {
      const path = [...prefix, Array.isArray(root) ? Number(k) : k];
      out.push(path);
      paths(v as Json, path, out);
    }
  }
  return out;
}

const UNICODE = [
  "\u202eevil\u202c",
  "\u200b\u200d\ufeff",
  "👨‍👩‍👧‍👦🇸🇬",
  "\ud800",
  "مرحبا",
  "ｆｕｌｌ",
  "\u0000nul",
  "e\u0301\u0301\u0301\u0301",
];

function replacement(m: Mutation, old: Json, rand: () => number): Json | undefined {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  switch (m) {
    case "typeSwap":
      return pick([
        typeof old === "string" ? 12345 : "12345",
        true,
        [],
        {},
        -1,
        1e308,
        "",
        Number.MAX_SAFE_INTEGER + 2,
      ] as Json[]);
    case "null":
      return null;
    case "hugeString":
      return pick(["x", "12 Orchard Road ", "😀", "a\n"]).repeat(Math.floor(40_000 + rand() * 60_000));
    case "deepNesting": {
      let v: Json = old;
      const depth = Math.floor(200 + rand() * 2000);
      for (let i = 0; i < depth; i++) v = rand() < 0.5 ? [v] : { a: v };
      return v;
    }
    case "unicode":
      return pick(UNICODE).repeat(1 + Math.floor(rand() * 50));
    case "protoKeys":
      return JSON.parse(
        '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
      );
    case "remove":
      return undefined;
  }
}

/** Applies `m` at a random place of `root` (in place); returns the path it changed. */
export function mutate(root: Json, m: Mutation, rand: () => number): string {
  const all = paths(root);
  if (all.length === 0) return "";
  const path = all[Math.floor(rand() * all.length)] as Array<string | number>;
  let parent = root as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const key = path.at(-1) as string | number;
  const next = replacement(m, parent[key] as Json, rand);
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    parent[key] = next;
  }
  return `${m} ${path.join(".")}`;
}

/** One fuzzed delivery: the JSON text to sign and post, and what was done to it. */
export function fuzzedDelivery(
  fixtures: Fixture[],
  rand: () => number,
): { channel: Channel; body: string; what: string } {
  for (;;) {
    try {
      return oneDelivery(fixtures, rand);
    } catch (e) {
      // nesting on nesting can be too deep for JSON.stringify itself: draw another
      if (!(e instanceof RangeError)) throw e;
    }
  }
}

function oneDelivery(
  fixtures: Fixture[],
  rand: () => number,
): { channel: Channel; body: string; what: string } {
  const f = fixtures[Math.floor(rand() * fixtures.length)] as Fixture;
  const root = freshen(f);
  const count = 1 + Math.floor(rand() * 3);
  const what: string[] = [f.name];
  for (let i = 0; i < count; i++)
    what.push(mutate(root, MUTATIONS[Math.floor(rand() * MUTATIONS.length)] as Mutation, rand));
  let body = JSON.stringify(root);
  // the protoKeys mutation must reach the server as text: JSON.stringify drops a __proto__ set by parsing
  if (what.some((w) => w.startsWith("protoKeys")))
    body = body.replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},');
  return { channel: f.channel, body, what: what.join("; ") };
}
