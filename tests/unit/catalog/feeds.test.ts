/**
 * Real third-party feeds (tests/fixtures/catalog, see tests/fixtures/README.md) planned without DynamoDB:
 * Meta's template as downloaded (en, fr, ru), minimal feeds without stock, Google Merchant Center CSV and TSV.
 * Also the whole-file errors, delimiter sniffing and the category mapping.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { feedCategory, knownCategory } from "../../../lib/catalog/categoryMap";
import { decodeFeed, headerKey, sniffDelimiter } from "../../../lib/catalog/feedFormat";
import { DEFAULT_STOCK, planImport } from "../../../lib/catalog/import";
import { FIXTURES } from "../../helpers/meta";

const feed = (name: string) => readFileSync(join(FIXTURES, "catalog", name), "utf8");
const plan = (text: string, currency: string) =>
  planImport(text, new Map(), { mainLocale: "en", currency, now: "2026-01-10T00:00:00Z" });
const byId = (p: ReturnType<typeof plan>) => new Map(p.writes.map((w) => [w.product.id, w.product]));

describe("real feeds", () => {
  it("Meta's English template: the description row is skipped, the example row imports", () => {
    const p = plan(feed("meta_template_en.csv"), "USD");
    expect(p.format).toEqual({ delimiter: ",", descriptionRows: 1, headerLine: 2 });
    expect(p.results).toEqual([]);
    expect(byId(p).get("1234567")).toMatchObject({
      title: { en: "Toy Cat" },
      price: { amount: 1000, currency: "USD" },
      stock: 75,
      category: "clothing",
      brand: "Facebook",
      attributes: {
        color: "royal blue",
        size: "M",
        material: "cotton",
        pattern: "stripes",
        gender: "unisex",
      },
    });
  });

  it("Meta's French template (# Obligatoire): decimal commas, no stock column, a EUR row refused in a TND shop", () => {
    const p = plan(feed("meta_template_fr.csv"), "TND");
    expect(p.format.descriptionRows).toBe(1);
    const products = byId(p);
    expect([...products.keys()]).toEqual(["0", "7"]);
    expect(products.get("0")).toMatchObject({
      price: { amount: 49000, currency: "TND" },
      stock: DEFAULT_STOCK,
      category: "kitchen",
    });
    expect(products.get("7")?.category).toBe("toys");
    expect(p.results).toEqual([
      {
        line: 5,
        id: "SKU12345",
        status: "error",
        errors: [{ path: "price", message: expect.stringMatching(/is in EUR .* this shop sells in TND/) }],
      },
    ]);
  });

  it("Meta's Russian template (# Обязательно): ₽ prices, sale_price is what the shopper pays", () => {
    const p = plan(feed("meta_template_ru.csv"), "RUB");
    expect(p.results).toEqual([]);
    expect(byId(p).get("0")).toMatchObject({
      title: { en: "Худи VK" },
      price: { amount: 250000, currency: "RUB" },
      listPrice: { amount: 299000, currency: "RUB" },
      stock: DEFAULT_STOCK,
      category: "clothing",
    });
  });

  it("a minimal Meta feed without stock or currency: in stock by availability; a row with unquoted image list refused", () => {
    const p = plan(feed("meta_minimal_no_stock.csv"), "MNT");
    expect([...byId(p).keys()]).toEqual(["xyz789", "def456"]);
    expect(byId(p).get("xyz789")).toMatchObject({
      price: { amount: 3500000000, currency: "MNT" },
      stock: DEFAULT_STOCK,
      images: ["https://example.com/images/car2-2.jpg"],
      brand: "Honda",
    });
    expect(p.results).toEqual([
      expect.objectContaining({
        line: 2,
        status: "error",
        errors: [expect.objectContaining({ path: "line" })],
      }),
    ]);
  });

  it("Google Merchant Center TSV: no currency, sale price, perfume is fragrances, 'quantity' (100 ML) is no stock", () => {
    const text = feed("gmc_feed_en.tsv");
    expect(sniffDelimiter(text)).toBe("\t");
    const p = plan(text, "AED");
    expect(p.results).toEqual([]);
    expect(p.writes).toHaveLength(30);
    expect(byId(p).get("perfume_001")).toMatchObject({
      price: { amount: 21250, currency: "AED" },
      listPrice: { amount: 25000, currency: "AED" },
      stock: DEFAULT_STOCK,
      category: "fragrances",
      brand: "Chanel",
      attributes: { material: "eau de parfum", gender: "unisex" },
    });
  });

  it("Google Merchant Center TSV with the full column set: item_group_id variants, Google category", () => {
    const p = plan(feed("gmc_feed_full.tsv"), "AED");
    expect(p.results).toEqual([]);
    expect(byId(p).get("EMIRATES-PERFUME-1")).toMatchObject({
      groupId: "perfume-group-1",
      category: "fragrances",
      price: { amount: 25200, currency: "AED" },
      listPrice: { amount: 35200, currency: "AED" },
      attributes: { size: "100ml", material: "glass" },
    });
  });

  it("Google Merchant Center CSV with capitalised headers (ID, Title, Sale_Price, Image, Category)", () => {
    const p = plan(feed("gmc_feed.csv"), "AED");
    expect(p.results).toEqual([]);
    expect(p.writes).toHaveLength(263);
    const categories = new Set(p.writes.map((w) => w.product.category));
    expect(categories).toEqual(new Set(["fragrances", "watches"]));
    expect(byId(p).get("perfume_1")?.imageUrl).toMatch(/^https:\/\/m5zoon\.com\//);
  });
});

describe("whole-file errors name the real cause", () => {
  it.each([
    ["an empty file", "", /empty/],
    ["only the description row", "# Required | id,# Required | title\n", /description row/],
    ["an XML feed", '<?xml version="1.0"?><rss></rss>', /XML/],
    ["JSON", '[{"id":1}]', /JSON/],
    ["a Wix export", "handleId,fieldType,name,price\nx,Product,y,1\n", /Wix/],
    ["a header without price", "id,title\nA,x\n", /lacks price; it has: id, title/],
  ])("%s", (_label, text, message) => {
    expect(() => plan(text, "USD")).toThrowError(message);
  });

  it("an Excel workbook and a legacy encoding are named", () => {
    expect(() => decodeFeed(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toThrowError(/Excel/);
    expect(() => decodeFeed(new Uint8Array([0x69, 0x64, 0xe9, 0x0a]))).toThrowError(/UTF-8/);
  });

  it("decodes Excel's UTF-16 'Unicode text' (tab-separated)", () => {
    const text = "id\ttitle\tprice\nA\tTee\t5\n";
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
    const p = plan(decodeFeed(bytes), "USD");
    expect(p.writes[0]?.product).toMatchObject({ id: "A", price: { amount: 500, currency: "USD" } });
  });
});

describe("headers and delimiters", () => {
  it.each([
    ["Sale Price", "sale_price"],
    ["g:image_link", "image_link"],
    ["\uFEFFID", "id"],
    ["Image-URL", "image_url"],
  ])("%s → %s", (raw, key) => {
    expect(headerKey(raw)).toBe(key);
  });

  it("sniffs semicolons and ignores the description row", () => {
    expect(sniffDelimiter("# Required | a,# Required | b\nid;title;price\n")).toBe(";");
    const p = plan("id;title;price\nA;Tee;12,50\n", "EUR");
    expect(p.writes[0]?.product.price).toEqual({ amount: 1250, currency: "EUR" });
  });
});

describe("categories", () => {
  it.each([
    ["Health & Beauty > Personal Care > Cosmetics > Fragrances", "fragrances"],
    ["Perfume & Fragrance", "fragrances"],
    ["Health & Beauty > Personal Care > Cosmetics > Makeup", "beauty"],
    ["Apparel & Accessories > Clothing > Shirts & Tops", "tops"],
    ["Apparel & Accessories > Shoes", "shoes"],
    ["baby products > toys > baby toys > baby books", "toys"],
    ["Nothing > Known", undefined],
  ])("%s → %s", (path, key) => {
    expect(knownCategory(path)).toBe(key);
  });

  it("prefers the merchant's product_type when known, then Google's path, then the merchant's words", () => {
    expect(feedCategory("Watches", "Apparel & Accessories > Jewelry")).toBe("watches");
    expect(
      feedCategory("عطور فاخرة > عطور أصلية", "Health & Beauty > Personal Care > Cosmetics > Fragrances"),
    ).toBe("fragrances");
    expect(feedCategory("Apparel > Linen Sets", "")).toBe("linen sets");
    expect(feedCategory("", "1604")).toBe("");
  });
});
