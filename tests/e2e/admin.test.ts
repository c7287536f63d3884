/**
 * The admin API through the real HTTP stack (serverless-offline → functions/admin → DynamoDB Local).
 *
 * Writes go to a shop of this file's own (an admin token stored for it, hashed), so the demo shop other suites
 * talk to keeps its catalogue; the default shop's configured tokens are only used to check auth.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { putToken } from "../../lib/store/tokens";
import { recordUnanswered } from "../../lib/store/unanswered";
import { useStackDb } from "../helpers/db";
import { FIXTURES } from "../helpers/meta";

const url = inject("stackUrl");
const db = useStackDb();

const SHOP = `e2e-admin-${randomUUID().slice(0, 8)}`;
const TOKEN = `e2e-admin-token-${randomUUID()}`;
beforeAll(async () => {
  await putToken(db, TOKEN, { shopId: SHOP, role: "admin" });
  // Load the admin function once (its cold start) under the hook's timeout, not a test's.
  await fetch(`${url}/api/admin/settings`, { headers: { authorization: `Bearer ${TOKEN}` } });
});

interface Res {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: a response body, read field by field by the assertions that check it
  body: any;
}

async function api(
  method: string,
  path: string,
  o: { body?: string | object; type?: string; token?: string | null; headers?: Record<string, string> } = {},
): Promise<Res> {
  const headers: Record<string, string> = { ...o.headers };
  const token = o.token === undefined ? TOKEN : o.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (o.body !== undefined) {
    body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
    headers["content-type"] = o.type ?? "application/json";
  }
  const res = await fetch(`${url}/api/admin/${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

const product = (over: Record<string, unknown> = {}) => ({
  id: `TEE-${randomUUID().slice(0, 8)}`,
  title: { en: "Classic Tee" },
  price: { amount: 1999, currency: "USD" },
  stock: 12,
  category: "tops",
  ...over,
});

describe("auth", () => {
  it.each([
    ["no token", null],
    ["a wrong token", "not-a-token"],
  ])("answers 401 to %s, on every route, before routing", async (_label, token) => {
    for (const [method, path] of [
      ["GET", "products"],
      ["PUT", "products/X"],
      ["GET", "orders"],
      ["GET", "nope/nope"],
    ]) {
      const res = await api(method as string, path as string, {
        token,
        body: method === "PUT" ? {} : undefined,
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("auth.unauthorized");
      expect(res.headers.get("www-authenticate")).toBe("Bearer");
    }
  });

  it("answers 403 to the agent token", async () => {
    const res = await api("GET", "products", { token: "dev-agent-token" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("auth.forbidden");
  });

  it("accepts the default shop's configured admin token and sees the demo catalogue", async () => {
    const res = await api("GET", "products", { token: "dev-admin-token" });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
  });
});

describe("products", () => {
  it("create → GET → list → delete", async () => {
    const p = product({ title: { en: "Linen Shirt", ar: "قميص كتان" } });
    const created = await api("PUT", `products/${p.id}`, { body: p });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...p, version: 1, tags: [], attributes: {} });
    expect(created.headers.get("etag")).toBe('"1"');
    expect(created.headers.get("location")).toBe(`/api/admin/products/${p.id}`);

    const got = await api("GET", `products/${p.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
    expect(got.headers.get("etag")).toBe('"1"');

    const other = product();
    await api("PUT", `products/${other.id}`, { body: other });
    const list = await api("GET", "products");
    const ids = list.body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([p.id, other.id]));
    expect(ids).toEqual([...ids].sort());
    const found = await api("GET", `products?q=${encodeURIComponent("linen")}`);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    expect((await api("GET", `products?q=${encodeURIComponent("كتان")}`)).body.items).toHaveLength(1);

    const del = await api("DELETE", `products/${p.id}`);
    expect(del.status).toBe(204);
    expect((await api("GET", `products/${p.id}`)).status).toBe(404);
    expect((await api("DELETE", `products/${p.id}`)).status).toBe(404);
  });

  it("takes the id from the path when the body has none, and refuses a different one", async () => {
    const { id, ...noId } = product();
    expect((await api("PUT", `products/${id}`, { body: noId })).body.id).toBe(id);
    const res = await api("PUT", `products/${id}`, { body: { ...noId, id: "OTHER" } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: "id", message: expect.stringContaining(id) }]);
  });

  it("updates with If-Match and answers 412 when it is stale", async () => {
    const p = product();
    await api("PUT", `products/${p.id}`, { body: p });
    const ok = await api("PUT", `products/${p.id}`, {
      body: { ...p, stock: 3 },
      headers: { "if-match": '"1"' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    expect(ok.headers.get("etag")).toBe('"2"');
    const stale = await api("PUT", `products/${p.id}`, {
      body: { ...p, stock: 4 },
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe("admin.version_conflict");
    expect((await api("DELETE", `products/${p.id}`, { headers: { "if-match": '"1"' } })).status).toBe(412);
    expect((await api("GET", `products/${p.id}`)).body).toMatchObject({ stock: 3, version: 2 });
  });

  it("answers 400 with field paths", async () => {
    const res = await api("PUT", "products/BAD-1", {
      body: product({
        id: "BAD-1",
        price: { amount: 19.99, currency: "usd" },
        stock: -1,
        title: { fr: "x" },
      }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("request.invalid");
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["price.amount", "price.currency", "stock", "title.fr"]));
    expect((await api("GET", "products/BAD-1")).status).toBe(404);
  });

  it.each([
    ["broken JSON", '{"id": "X", ', "application/json", 400, "request.bad_json"],
    ["an array", "[]", "application/json", 400, "request.invalid"],
    ["a form", "id=X", "application/x-www-form-urlencoded", 415, "request.unsupported_media_type"],
    ["text", "{}", "text/plain", 415, "request.unsupported_media_type"],
  ])("answers %s with its status", async (_label, body, type, status, code) => {
    const res = await api("PUT", "products/X-1", { body, type });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it("answers 413 to a JSON body over 256 KiB", async () => {
    const res = await api("PUT", "products/BIG", {
      body: product({ id: "BIG", description: { en: "x".repeat(300 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("request.too_large");
  });

  it("answers 404 to unknown routes and unknown orders, 405 to a wrong method", async () => {
    for (const path of ["nope", "orders/1", "orders/CC-2345ZZ", "analytics/x", "products/a/b"]) {
      expect((await api("GET", path)).status).toBe(404);
    }
    const res = await api("POST", "products", { body: {} });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
  });
});

describe("import", () => {
  const FEED = readFileSync(join(FIXTURES, "catalog/derived_meta_catalog_feed.csv"), "utf8");

  // A shared 2-core machine can be slow while other suites run: room for the 194-line import.
  it("imports the fixture feed with per-line results; the products show up", {
    timeout: 90_000,
  }, async () => {
    const res = await api("POST", "products/import", { body: FEED, type: "text/csv; charset=utf-8" });
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ lines: 194, errors: 0 });
    expect(res.body.totals.created + res.body.totals.updated).toBe(194);
    expect(res.body.results[0]).toMatchObject({ line: 2, id: "BEA-ESS-ESS-001" });
    const got = await api("GET", "products/BEA-ESS-ESS-001");
    expect(got.body).toMatchObject({
      price: { amount: 999, currency: "USD" },
      stock: 99,
      category: "beauty",
    });
    const list = await api("GET", "products");
    expect(list.body.items.length).toBeGreaterThanOrEqual(194);
  });

  it("applies a language feed (title.ar)", async () => {
    const main = "id,title,price,inventory\nLASH-1,Essence Mascara Lash Princess,9.99 USD,99\n";
    expect((await api("POST", "products/import", { body: main, type: "text/csv" })).body.totals.errors).toBe(
      0,
    );
    const res = await api("POST", "products/import?locale=ar", {
      body: "id,title\nLASH-1,ماسكارا لاش برنسيس\nNOT-THERE,x\n",
      type: "text/csv",
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { line: 2, id: "LASH-1", status: "updated", changed: ["title"] },
      { line: 3, id: "NOT-THERE", status: "error", errors: [expect.objectContaining({ path: "id" })] },
    ]);
    expect((await api("GET", "products/LASH-1")).body.title).toMatchObject({
      en: "Essence Mascara Lash Princess",
      ar: "ماسكارا لاش برنسيس",
    });
    expect(
      (await api("POST", "products/import?locale=fr", { body: "id,title\n", type: "text/csv" })).status,
    ).toBe(400);
  });

  it("reports bad lines by line number and keeps the good ones", async () => {
    const tag = randomUUID().slice(0, 6);
    const csv = [
      "id,title,description,price,inventory",
      `GOOD-${tag}-1,Good,"two\nlines",1.00 USD,2`,
      `BADPRICE-${tag},Bad price,,1.2.3 USD,2`,
      ",Missing id,,1.00 USD,2",
      `NEG-${tag},Negative,,1.00 USD,-4`,
      `GOOD-${tag}-2,Good,,"1,299.00 USD",0`,
    ].join("\r\n");
    const res = await api("POST", "products/import", { body: csv, type: "text/csv" });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { line: number; status: string }) => [r.line, r.status])).toEqual([
      [2, "created"],
      [4, "error"],
      [5, "error"],
      [6, "error"],
      [7, "created"],
    ]);
    expect(res.body.results[1].errors[0].path).toBe("price");
    expect(res.body.results[2].errors[0].path).toBe("id");
    expect(res.body.results[3].errors[0].path).toBe("inventory");
    expect((await api("GET", `products/GOOD-${tag}-2`)).body.price).toEqual({
      amount: 129900,
      currency: "USD",
    });
    expect((await api("GET", `products/NEG-${tag}`)).status).toBe(404);
  });

  it("answers 415 to a feed that is not text/csv and 400 to one without the needed columns", async () => {
    expect(
      (await api("POST", "products/import", { body: "id,title\n", type: "application/json" })).status,
    ).toBe(415);
    const res = await api("POST", "products/import", { body: "name,cost\nx,1\n", type: "text/csv" });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([{ path: "header", message: "missing column: id" }]),
    );
  });

  it("takes a CSV body over 256 KiB but answers 413 above 5 MiB", async () => {
    const line = `X,${"y".repeat(1000)},1 USD,1\n`;
    const big = `id,title,price,inventory\n${line.repeat(5300)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(5 * 1024 * 1024);
    expect((await api("POST", "products/import", { body: big, type: "text/csv" })).status).toBe(413);
    // ~400 KiB: over the JSON limit, well under the feed limit (one line, the rest blank, so it writes one product)
    const mid = `id,title,price,inventory\nMID-1,Mid,1 USD,1\n${"\n".repeat(400 * 1024)}`;
    const res = await api("POST", "products/import", { body: mid, type: "text/csv" });
    expect(res.status).toBe(200);
    expect(res.body.totals.lines).toBe(1);
  });
});

describe("answers, settings and unanswered questions", () => {
  it("answers: PUT, GET, list, delete", async () => {
    const a = { questions: { en: ["do you gift wrap?"] }, answer: { en: "Yes, for $2." } };
    const put = await api("PUT", "answers/gift-wrap", { body: a });
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ id: "gift-wrap", version: 1 });
    expect((await api("GET", "answers/gift-wrap")).body.answer.en).toBe("Yes, for $2.");
    expect((await api("GET", "answers")).body.items.map((i: { id: string }) => i.id)).toContain("gift-wrap");
    const bad = await api("PUT", "answers/x", {
      body: { questions: { en: "not a list" }, answer: { en: "a" } },
    });
    expect(bad.body.error.details[0].path).toBe("questions.en");
    expect((await api("DELETE", "answers/gift-wrap")).status).toBe(204);
  });

  it("settings: defaults, PUT with If-Match, 412 when stale, 400 with paths", async () => {
    const got = await api("GET", "settings");
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ name: "Chatcart Demo Shop", defaultLocale: "en", currency: "USD" });
    const etag = got.headers.get("etag") as string;
    const { version: _v, catalogVersion: _c, ...settings } = got.body;
    const put = await api("PUT", "settings", {
      body: { ...settings, name: "E2E Shop" },
      headers: { "if-match": etag },
    });
    expect(put.status).toBe(200);
    expect(put.body.name).toBe("E2E Shop");
    expect(put.headers.get("etag")).not.toBe(etag);
    const stale = await api("PUT", "settings", { body: settings, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    const bad = await api("PUT", "settings", { body: { ...settings, defaultLocale: "fr" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain("defaultLocale");
  });

  it("unanswered: newest first with counts", async () => {
    await recordUnanswered(db, SHOP, "Do you ship to Cebu?", "en", "2026-03-01T10:00:00.000Z");
    await recordUnanswered(db, SHOP, "do you ship to cebu", "en", "2026-03-01T10:05:00.000Z");
    await recordUnanswered(db, SHOP, "可以开发票吗", "zh", "2026-03-01T10:03:00.000Z");
    const res = await api("GET", "unanswered?limit=10");
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { key: string; count: number }) => [i.key, i.count])).toEqual([
      ["do you ship to cebu", 2],
      ["可以开发票吗", 1],
    ]);
    expect((await api("GET", "unanswered?limit=1")).body.items).toHaveLength(1);
    expect((await api("GET", "unanswered?limit=abc")).status).toBe(400);
  });
});
