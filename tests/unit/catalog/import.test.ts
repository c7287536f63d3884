/** The pure part of a feed import: prices, categories, line mapping and per-line errors. */
import { describe, expect, it } from "vitest";
import { categoryOf, DEFAULT_STOCK, planImport } from "../../../lib/catalog/import";
import type { Product } from "../../../lib/catalog/types";

describe("categoryOf", () => {
  it.each([
    ["Apparel & Accessories > Clothing > Shirts", "shirts"],
    ["beauty", "beauty"],
    ["  Home > Kitchen  ", "kitchen"],
    ["", ""],
  ])("%s → %s", (raw, expected) => {
    expect(categoryOf(raw)).toBe(expected);
  });
});

const HEADER = "id,title,description,availability,price,inventory,product_type,brand,color,size";
const plan = (csv: string, existing: Product[] = [], locale?: "ar") =>
  planImport(csv, new Map(existing.map((p) => [p.id, p])), {
    mainLocale: "en",
    locale,
    now: "2025-01-01T00:00:00Z",
  });

const tee: Product = {
  id: "TEE-1",
  title: { en: "Tee", ar: "تيشيرت" },
  description: { en: "Old", zh: "旧" },
  price: { amount: 1000, currency: "USD" },
  stock: 3,
  category: "tops",
  tags: ["cotton"],
  attributes: { material: "cotton", color: "blue" },
  rating: { average: 4.5, count: 10 },
  version: 4,
};

describe("planImport", () => {
  it("maps a main-feed line to a product", () => {
    const { writes, results } = plan(
      `${HEADER}\nSKU-1,Red Tee,"Soft, cotton",in stock,"1,299.00 USD",7,Apparel > Tops,Acme,Red,M\n`,
    );
    expect(results).toEqual([]);
    expect(writes).toEqual([
      {
        line: 2,
        status: "created",
        changed: [],
        product: {
          id: "SKU-1",
          title: { en: "Red Tee" },
          description: { en: "Soft, cotton" },
          price: { amount: 129900, currency: "USD" },
          stock: 7,
          category: "tops",
          tags: [],
          attributes: { color: "red", size: "M" },
          brand: "Acme",
          version: 1,
          updatedAt: "2025-01-01T00:00:00Z",
        },
      },
    ]);
  });

  it("keeps what the feed does not carry on an update and bumps the version", () => {
    const { writes } = plan(`id,title,price,inventory\nTEE-1,Tee v2,11 USD,5\n`, [tee]);
    expect(writes[0]?.status).toBe("updated");
    expect(writes[0]?.product).toMatchObject({
      title: { en: "Tee v2", ar: "تيشيرت" },
      description: { en: "Old", zh: "旧" },
      price: { amount: 1100, currency: "USD" },
      stock: 5,
      category: "tops",
      tags: ["cotton"],
      attributes: { material: "cotton", color: "blue" },
      rating: { average: 4.5, count: 10 },
      version: 5,
    });
  });

  it("sets stock 0 for out of stock, and takes quantity_to_sell_on_facebook", () => {
    const { writes } = plan(
      "id,title,price,availability,quantity_to_sell_on_facebook\nA,a,1 USD,out of stock,9\nB,b,1 USD,in stock,4\n",
    );
    expect(writes.map((w) => w.product.stock)).toEqual([0, 4]);
  });

  it("reports bad lines by physical line number and keeps the good ones", () => {
    const csv = [
      HEADER,
      'GOOD-1,Good,"multi\nline",in stock,1.00 USD,1,,,,', // lines 2-3
      "BAD-PRICE,Bad price,,in stock,twelve dollars,1,,,,", // 4
      ",No id,,in stock,1.00 USD,1,,,,", // 5
      "NEG,Negative,,in stock,1.00 USD,-3,,,,", // 6
      "BAD ID,Bad id,,in stock,1.00 USD,1,,,,", // 7
      "AVAIL,Avail,,maybe,1.00 USD,1,,,,", // 8
      "GOOD-1,Duplicate,,in stock,1.00 USD,1,,,,", // 9
      "NO-TITLE,,,in stock,1.00 USD,1,,,,", // 10
      "NO-STOCK,No stock,,in stock,1.00 USD,,,,,", // 11: no count, sold by availability
      "EXTRA,Extra,,in stock,1.00 USD,1,,,,,surprise", // 12
      "GOOD-2,Good 2,,in stock,2 USD,2,,,,", // 13
    ].join("\n");
    const { writes, results } = plan(csv);
    expect(writes.map((w) => [w.line, w.product.id])).toEqual([
      [2, "GOOD-1"],
      [11, "NO-STOCK"],
      [13, "GOOD-2"],
    ]);
    expect(writes[1]?.product.stock).toBe(DEFAULT_STOCK);
    expect(results.map((r) => [r.line, r.errors?.[0]?.path])).toEqual([
      [4, "price"],
      [5, "id"],
      [6, "inventory"],
      [7, "id"],
      [8, "availability"],
      [9, "id"],
      [10, "title"],
      [12, "line"],
    ]);
    expect(results.every((r) => r.status === "error")).toBe(true);
    expect(results[5]?.errors?.[0]?.message).toMatch(/line 2/);
  });

  it("names the feed column when the product schema refuses a value", () => {
    const { results } = plan("id,title,price,inventory,image_link\nA,a,1 USD,1,ftp://x/y.png\n");
    expect(results[0]?.errors).toEqual([{ path: "image_link", message: expect.any(String) }]);
  });

  it("matches header names case-insensitively and ignores extra columns", () => {
    const { writes } = plan("ID,Title,PRICE,Inventory,Link,custom_label_0\nA,a,1 USD,1,https://x,sale\n");
    expect(writes[0]?.product.id).toBe("A");
  });

  it.each([
    ["an empty feed", ""],
    ["a header without id", "title,price\nx,1 USD\n"],
    ["a header without price", "id,title\nA,x\n"],
  ])("refuses %s as a whole", (_label, csv) => {
    expect(() => plan(csv)).toThrowError(expect.objectContaining({ code: "request.invalid" }));
  });

  describe("a language feed", () => {
    it("sets only that locale's title and description of existing products", () => {
      const { writes, results } = plan(
        "id,title,description\nTEE-1,تيشيرت جديد,جديد\nNOPE,x,y\n",
        [tee],
        "ar",
      );
      expect(writes[0]?.product).toMatchObject({
        title: { en: "Tee", ar: "تيشيرت جديد" },
        description: { en: "Old", zh: "旧", ar: "جديد" },
        price: tee.price,
        version: 5,
      });
      expect(results).toEqual([
        { line: 3, id: "NOPE", status: "error", errors: [expect.objectContaining({ path: "id" })] },
      ]);
    });

    it("needs a title or a description column", () => {
      expect(() => plan("id,price\nTEE-1,1 USD\n", [tee], "ar")).toThrowError(/title or description/);
    });
  });
});
