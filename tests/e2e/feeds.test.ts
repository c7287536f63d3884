/**
 * Real third-party feeds through `POST /api/admin/products/import` on the local stack (serverless-offline →
 * functions/admin → DynamoDB Local): Meta's template as downloaded in English, French and Russian, minimal
 * Meta feeds without stock, Google Merchant Center CSV and TSV. Then a preview, progress, undo, bulk delete and
 * a foreign currency refused, as /admin will call them. Each fixture goes to a shop of its own, in its currency.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { putToken } from "../../lib/store/tokens";
import { useStackDb } from "../helpers/db";
import { FIXTURES } from "../helpers/meta";

const url = inject("stackUrl");
const db = useStackDb();

interface Res {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: a response body, read field by field by the assertions that check it
  body: any;
}

/** A shop of its own with an admin token, in `currency`. */
async function shop(currency: string) {
  const id = `e2e-feeds-${randomUUID().slice(0, 8)}`;
  const token = `e2e-feeds-token-${randomUUID()}`;
  await putToken(db, token, { shopId: id, role: "admin" });
  const api = async (method: string, path: string, body?: string | Uint8Array | object, type?: string) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    let payload: string | Uint8Array | undefined;
    if (body !== undefined) {
      payload = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
      headers["content-type"] = type ?? "application/json";
    }
    const res = await fetch(`${url}/api/admin/${path}`, {
      method,
      headers,
      body: payload as BodyInit | undefined,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, headers: res.headers, body: parsed } as Res;
  };
  const settings = (await api("GET", "settings")).body;
  const { version: _v, catalogVersion: _c, ...rest } = settings;
  expect((await api("PUT", "settings", { ...rest, currency })).status).toBe(200);
  return { id, api };
}

const feed = (name: string) => readFileSync(join(FIXTURES, "catalog", name));

beforeAll(async () => {
  // the admin function's cold start under the hook's timeout, not a test's
  await fetch(`${url}/api/admin/settings`);
});

describe("real feeds import through the API", () => {
  it.each([
    // fixture, shop currency, content type, created, refused
    ["meta_template_en.csv", "USD", "text/csv", 1, 0],
    ["meta_template_fr.csv", "TND", "text/csv", 2, 1],
    ["meta_template_ru.csv", "RUB", "text/csv; charset=utf-8", 1, 0],
    ["meta_minimal_no_stock.csv", "MNT", "text/csv", 2, 1],
    ["meta_minimal_no_stock_ru.csv", "RUB", "text/csv", 1, 0],
    ["gmc_feed.csv", "AED", "application/vnd.ms-excel", 263, 0],
    ["gmc_feed_en.tsv", "AED", "text/tab-separated-values", 30, 0],
    ["gmc_feed_full.tsv", "AED", "text/csv", 3, 0],
    ["gmc_feed_bg.csv", "BGN", "text/csv", 2, 0],
  ])(
    "%s (%s, %s): %i created, %i refused",
    { timeout: 60_000 },
    async (name, currency, type, created, refused) => {
      const { api } = await shop(currency);
      const res = await api("POST", "products/import", feed(name), type);
      expect(res.status).toBe(200);
      expect(res.body.totals).toMatchObject({ created, errors: refused, updated: 0 });
      expect(res.body.importId).toMatch(/^imp-/);
      const list = (await api("GET", "products")).body.items;
      expect(list).toHaveLength(created);
      for (const p of list) expect(p.price.currency).toBe(currency);
      const job = (await api("GET", `imports/${res.body.importId}`)).body;
      expect(job).toMatchObject({ status: "done", total: created, processed: created });
    },
  );

  it("the French template's EUR row is refused with a message naming both currencies", async () => {
    const { api } = await shop("TND");
    const res = await api("POST", "products/import", feed("meta_template_fr.csv"), "text/csv");
    const refused = res.body.results.find((r: { status: string }) => r.status === "error");
    expect(refused).toMatchObject({ line: 5, id: "SKU12345" });
    expect(refused.errors[0].message).toBe(
      'is in EUR ("19.99 EUR") but this shop sells in TND: convert the price to TND or change the shop\'s currency in settings',
    );
    expect((await api("GET", "products/SKU12345")).status).toBe(404);
  });

  it("a perfume feed lands in fragrances; sale prices are what the shopper pays", async () => {
    const { api } = await shop("AED");
    await api("POST", "products/import", feed("gmc_feed_en.tsv"), "text/tab-separated-values");
    expect((await api("GET", "products/perfume_001")).body).toMatchObject({
      category: "fragrances",
      price: { amount: 21250, currency: "AED" },
      listPrice: { amount: 25000, currency: "AED" },
    });
  });
});

describe("preview, progress, undo and bulk delete", () => {
  it("previews, imports, polls, undoes, deletes in bulk and undoes that", { timeout: 90_000 }, async () => {
    const { api } = await shop("AED");
    const body = feed("gmc_feed.csv");

    const preview = await api("POST", "products/import?dryRun=1", body, "text/csv");
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, totals: { created: 263, errors: 0 } });
    expect(preview.body.importId).toBeUndefined();
    expect((await api("GET", "products")).body.items).toHaveLength(0);

    const importId = `ui-${randomUUID().slice(0, 12)}`;
    const done = await api("POST", `products/import?importId=${importId}`, body, "text/csv");
    expect(done.body.importId).toBe(importId);
    expect(done.headers.get("location")).toBe(`/api/admin/imports/${importId}`);
    expect((await api("GET", `imports/${importId}`)).body).toMatchObject({
      status: "done",
      total: 263,
      processed: 263,
      totals: { created: 263 },
    });
    expect((await api("GET", "imports")).body.items[0].id).toBe(importId);

    // a second preview of an edited feed: one update, naming the changed field
    const edited = body.toString("utf8").replace(",352 AED,252 AED,", ",352 AED,242 AED,");
    const second = await api("POST", "products/import?dryRun=1", edited, "text/csv");
    expect(second.body.totals).toMatchObject({ updated: 1, unchanged: 262 });
    expect(second.body.results[0]).toEqual({
      line: 2,
      id: "perfume_1",
      status: "updated",
      changed: ["price"],
    });

    const undo = await api("POST", `imports/${importId}/undo`);
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ status: "undone", undo: { deleted: 263, restored: 0, skipped: [] } });
    expect((await api("GET", "products")).body.items).toHaveLength(0);
    expect((await api("POST", `imports/${importId}/undo`)).status).toBe(409);

    await api("POST", "products/import", body, "text/csv");
    const del = await api("POST", "products/delete", { ids: ["perfume_1", "perfume_2", "nope"] });
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ deleted: ["perfume_1", "perfume_2"], notFound: ["nope"] });
    expect((await api("GET", "products/perfume_1")).status).toBe(404);
    expect((await api("POST", `imports/${del.body.jobId}/undo`)).body.undo).toMatchObject({ restored: 2 });
    expect((await api("GET", "products/perfume_1")).status).toBe(200);
  });

  it("refuses bad requests clearly", async () => {
    const { api } = await shop("USD");
    expect((await api("POST", "products/delete", { ids: [] })).status).toBe(400);
    expect((await api("POST", "products/delete", { ids: ["bad id"] })).status).toBe(400);
    expect((await api("GET", "imports/imp-nope-000000")).status).toBe(404);
    expect((await api("POST", "imports/imp-nope-000000/undo")).status).toBe(404);
    expect((await api("POST", "products/import?dryRun=maybe", "id,title,price\n", "text/csv")).status).toBe(
      400,
    );
    const xlsx = await api(
      "POST",
      "products/import",
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]),
      "application/octet-stream",
    );
    expect(xlsx.status).toBe(400);
    expect(xlsx.body.error.message).toMatch(/Excel workbook/);
    const wix = await api("POST", "products/import", "handleId,fieldType,name\nx,Product,y\n", "text/csv");
    expect(wix.body.error.message).toMatch(/Wix product export/);
  });

  it("a client can poll the job of a large import while the POST runs", { timeout: 90_000 }, async () => {
    const { api } = await shop("USD");
    const lines = Array.from({ length: 1500 }, (_, i) => `BIG-${i}\tItem ${i}\t${(i % 90) + 1}.50\tin stock`);
    const importId = `poll-${randomUUID().slice(0, 12)}`;
    const post = api(
      "POST",
      `products/import?importId=${importId}`,
      ["id\ttitle\tprice\tavailability", ...lines].join("\n"),
      "text/tab-separated-values",
    );
    const seen: number[] = [];
    let done = false;
    post.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    while (!done) {
      const job = await api("GET", `imports/${importId}`);
      if (job.status === 200) seen.push(job.body.processed);
      await new Promise((r) => setTimeout(r, 100));
    }
    const res = await post;
    expect(res.body.totals).toMatchObject({ created: 1500, errors: 0 });
    // processed only grows (here it went 0, 250, 500 … while the POST ran)
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect((await api("GET", `imports/${importId}`)).body).toMatchObject({
      status: "done",
      processed: 1500,
      total: 1500,
    });
  });
});
