/** web/admin/productPatch.js: the product form sends only what the merchant edited (docs/interface.md). */
import { describe, expect, it } from "vitest";
import { productPatch } from "../../../web/admin/productPatch.js";

const shown = {
  id: "tee",
  version: 3,
  updatedAt: "2026-01-01T00:00:00Z",
  title: { en: "Tee" },
  price: { amount: 1999, currency: "USD" },
  stock: 7,
  tags: ["a"],
  brand: "Acme",
  rating: 4.5,
};
const { version: _v, updatedAt: _u, ...form } = shown;

describe("productPatch", () => {
  it("is null when nothing changed", () => {
    expect(productPatch(shown, { ...form })).toBeNull();
  });

  it("sends only the changed fields", () => {
    expect(productPatch(shown, { ...form, price: { amount: 2499, currency: "USD" } })).toEqual({
      price: { amount: 2499, currency: "USD" },
    });
  });

  it("sends a stock edit with the stock the form showed", () => {
    expect(productPatch(shown, { ...form, stock: 5, tags: ["a", "b"] })).toEqual({
      stock: 5,
      stockExpected: 7,
      tags: ["a", "b"],
    });
  });

  it("takes the same fields in another order as unchanged", () => {
    expect(
      productPatch(
        { ...shown, title: { ar: "قميص", en: "Tee" } },
        { ...form, title: { en: "Tee", ar: "قميص" } },
      ),
    ).toBeNull();
  });

  it("sends a cleared field as null", () => {
    const { brand: _b, ...cleared } = form;
    expect(productPatch(shown, cleared)).toEqual({ brand: null });
  });
});
