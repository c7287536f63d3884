/**
 * Issue 14: digits in an address or a phone number are never quantities, even with a product named by a
 * number ("Bulk item 12").
 */
import { describe, expect, it } from "vitest";
import demoProducts from "../../../lib/catalog/demo/products.json";
import { parseProduct } from "../../../lib/catalog/schema";
import type { Product } from "../../../lib/catalog/types";
import { buildIndex, understand } from "../../../lib/nlu";
import { extractQuantity, phoneNumberTokens } from "../../../lib/nlu/quantity";
import { tokenize } from "../../../lib/nlu/text";
import { demoShop } from "../../helpers/skills";

const shop = demoShop();
const bulk = parseProduct({
  id: "BULK-12",
  title: { en: "Bulk item 12" },
  price: { amount: 100, currency: shop.settings.currency },
  stock: 500,
  category: "bulk",
});
if (!bulk.ok) throw new Error("bad test product");
const products = demoProducts.map((p) => {
  const r = parseProduct(structuredClone(p));
  if (!r.ok) throw new Error("bad demo product");
  return r.value;
}) as Product[];
const index = buildIndex([...products, bulk.value], []);
const read = (text: string) =>
  understand(text, { index, allowed: shop.settings.locales, fallback: shop.settings.defaultLocale });

describe("digits in an address or a phone number", () => {
  it.each(["I live at 12 Orchard Road", "12 Orchard Road, Makati City", "my address is 65 Jalan Sudirman"])(
    "%s: no quantity, no add to cart",
    (text) => {
      const u = read(text);
      expect(u.quantity).toBeUndefined();
      expect(u.intent).not.toBe("add_to_cart");
    },
  );

  it.each(["call me on 0917 555 0101", "my number is +65 6123-4567"])("%s: no quantity", (text) => {
    expect(read(text).quantity).toBeUndefined();
    expect(extractQuantity(tokenize(text))).toBeUndefined();
  });

  it("marks the digit groups of a phone number, not a lone quantity", () => {
    expect(phoneNumberTokens(tokenize("0917 555 0101"))).toEqual([true, true, true]);
    expect(phoneNumberTokens(tokenize("2 shirts"))).toEqual([false, false]);
  });

  it("still reads a real quantity", () => {
    expect(read("I want 3 of the Bulk item 12").quantity).toBe(3);
    expect(read("add 2 classic tees").quantity).toBe(2);
  });
});
