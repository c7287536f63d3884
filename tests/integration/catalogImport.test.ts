/** Meta catalog feed imports on DynamoDB Local: the fixture feed, updates that keep translations, language feeds. */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importFeed } from "../../lib/catalog/importJob";
import { getProduct, listProducts, putProduct } from "../../lib/store/catalog";
import { getCatalogVersion } from "../../lib/store/settings";
import { type TestDb, useFreshTable } from "../helpers/db";
import { FIXTURES } from "../helpers/meta";

let db: TestDb;
useFreshTable((d) => {
  db = d;
});

const FEED = readFileSync(join(FIXTURES, "catalog/derived_meta_catalog_feed.csv"), "utf8");
const newShop = () => `shop-${randomUUID()}`;

describe("importFeed", () => {
  it("imports the fixture feed: 194 products, one catalogVersion bump", async () => {
    const shop = newShop();
    const report = await importFeed(db, shop, FEED);
    expect(report.totals).toEqual({ lines: 194, created: 194, updated: 0, unchanged: 0, errors: 0 });
    expect(report.results[0]).toEqual({ line: 2, id: "BEA-ESS-ESS-001", status: "created" });
    expect(report.results.at(-1)?.line).toBe(195);
    expect(await getCatalogVersion(db, shop)).toBe(1);

    const products = await listProducts(db, shop);
    expect(products).toHaveLength(194);
    expect(await getProduct(db, shop, "BEA-ESS-ESS-001")).toMatchObject({
      title: { en: "Essence Mascara Lash Princess" },
      price: { amount: 999, currency: "USD" },
      stock: 99,
      category: "beauty",
      brand: "Essence",
      imageUrl: "https://cdn.dummyjson.com/product-images/beauty/essence-mascara-lash-princess/1.webp",
      version: 1,
    });
    // quoted descriptions with commas survive intact
    expect((await getProduct(db, shop, "BEA-GLA-EYE-002"))?.description?.en).toContain(
      "With a built-in mirror, it's convenient",
    );
    // "out of stock" lines have no stock
    const outOfStock = FEED.split("\n").filter((l) => l.includes(",out of stock,")).length;
    expect(outOfStock).toBeGreaterThan(0);
    expect(products.filter((p) => p.stock === 0).length).toBeGreaterThanOrEqual(outOfStock);
  });

  it("updates on a second import, keeping translations, tags and rating", async () => {
    const shop = newShop();
    await importFeed(db, shop, FEED);
    const before = (await getProduct(db, shop, "BEA-ESS-ESS-001")) as NonNullable<
      Awaited<ReturnType<typeof getProduct>>
    >;
    await putProduct(db, shop, {
      ...before,
      title: { ...before.title, ar: "ماسكارا" },
      tags: ["mascara"],
      rating: { average: 4.1, count: 7 },
    });
    // the same feed again changes nothing and writes nothing; one changed price is one update
    const same = await importFeed(db, shop, FEED);
    expect(same.totals).toMatchObject({ created: 0, updated: 0, unchanged: 194, errors: 0 });
    expect(await getCatalogVersion(db, shop)).toBe(2);
    const report = await importFeed(db, shop, FEED.replace(",9.99 USD,", ",8.99 USD,"));
    expect(report.totals).toMatchObject({ created: 0, updated: 1, unchanged: 193, errors: 0 });
    expect(report.results[0]).toEqual({
      line: 2,
      id: "BEA-ESS-ESS-001",
      status: "updated",
      changed: ["price"],
    });
    expect(await getProduct(db, shop, "BEA-ESS-ESS-001")).toMatchObject({
      title: { en: "Essence Mascara Lash Princess", ar: "ماسكارا" },
      price: { amount: 899, currency: "USD" },
      tags: ["mascara"],
      rating: { average: 4.1, count: 7 },
      version: 3,
    });
    expect(await getCatalogVersion(db, shop)).toBe(3);
  });

  it("applies a language feed to existing ids only", async () => {
    const shop = newShop();
    await importFeed(db, shop, FEED);
    const report = await importFeed(
      db,
      shop,
      'id,override,title,description\r\nBEA-ESS-ESS-001,ar_XX,ماسكارا لاش برنسيس,"ماسكارا، تكثيف"\r\nNOT-THERE,ar_XX,x,y\r\n',
      { locale: "ar" },
    );
    expect(report.locale).toBe("ar");
    expect(report.totals).toEqual({ lines: 2, created: 0, updated: 1, unchanged: 0, errors: 1 });
    expect(report.results[1]).toMatchObject({ line: 3, id: "NOT-THERE", status: "error" });
    expect(await getProduct(db, shop, "BEA-ESS-ESS-001")).toMatchObject({
      title: { en: "Essence Mascara Lash Princess", ar: "ماسكارا لاش برنسيس" },
      description: { ar: "ماسكارا، تكثيف" },
      price: { amount: 999, currency: "USD" },
      version: 2,
    });
    expect(await getProduct(db, shop, "NOT-THERE")).toBeUndefined();
  });

  it("keeps the good lines of a feed with bad ones", async () => {
    const shop = newShop();
    const report = await importFeed(
      db,
      shop,
      [
        "id,title,price,inventory",
        "OK-1,Good,1.00 USD,3",
        "BAD-1,Bad,1.0.0 USD,3",
        ",Missing id,1.00 USD,3",
        "NEG-1,Negative,1.00 USD,-1",
        "OK-2,Good too,2 USD,0",
      ].join("\n"),
    );
    expect(report.results.map((r) => [r.line, r.status])).toEqual([
      [2, "created"],
      [3, "error"],
      [4, "error"],
      [5, "error"],
      [6, "created"],
    ]);
    expect((await listProducts(db, shop)).map((p) => p.id)).toEqual(["OK-1", "OK-2"]);
  });

  it("bumps nothing when no line is good", async () => {
    const shop = newShop();
    const report = await importFeed(db, shop, "id,title,price\n,x,1 USD\n");
    expect(report.totals.errors).toBe(1);
    expect(await getCatalogVersion(db, shop)).toBe(0);
  });
});
