/** Products for the recommendation tests, made up here: small enough to reason about every ranking. */
import type { Product } from "../../../lib/catalog/types";

export const product = (over: Partial<Product> & Pick<Product, "id">): Product => ({
  title: { en: over.id },
  price: { amount: 1999, currency: "USD" },
  stock: 10,
  category: "misc",
  tags: [],
  attributes: {},
  rating: { average: 4, count: 10 },
  ...over,
});

/** A small shop: laptops and their accessories, beach things, a tee in three variants, skin care. */
export const shop: Product[] = [
  product({
    id: "LAP-1",
    category: "laptops",
    brand: "Apple",
    tags: ["laptop"],
    title: { en: "MacBook Pro 14" },
  }),
  product({
    id: "LAP-2",
    category: "laptops",
    brand: "Asus",
    tags: ["laptop"],
    title: { en: "Asus Zenbook" },
  }),
  product({
    id: "LAP-3",
    category: "laptops",
    brand: "Lenovo",
    tags: ["laptop"],
    title: { en: "Lenovo Yoga" },
  }),
  product({
    id: "MOUSE",
    category: "mobile-accessories",
    brand: "Apple",
    tags: ["mouse"],
    title: { en: "Magic Mouse" },
  }),
  product({
    id: "SLEEVE",
    category: "mobile-accessories",
    tags: ["laptop", "sleeve"],
    title: { en: "Laptop Sleeve" },
  }),
  product({
    id: "CABLE",
    category: "mobile-accessories",
    tags: ["cable"],
    title: { en: "USB-C Cable" },
    stock: 0,
  }),
  product({
    id: "TOWEL",
    category: "home-decoration",
    tags: ["beach", "summer"],
    title: { en: "Beach Towel" },
    description: { en: "A large cotton towel for the beach." },
  }),
  product({
    id: "SHADES",
    category: "sunglasses",
    tags: ["beach", "sun"],
    title: { en: "Polarised Sunglasses" },
    attributes: { color: "black" },
  }),
  product({
    id: "SPF",
    category: "skin-care",
    tags: ["sunscreen", "summer"],
    title: { en: "Sunscreen SPF 50" },
  }),
  product({ id: "SERUM", category: "skin-care", tags: ["serum"], title: { en: "Vitamin C Serum" } }),
  product({ id: "TEE-S", groupId: "TEE", category: "tops", tags: ["cotton"], attributes: { size: "S" } }),
  product({
    id: "TEE-M",
    groupId: "TEE",
    category: "tops",
    tags: ["cotton"],
    attributes: { size: "M" },
    stock: 0,
  }),
  product({
    id: "TEE-L",
    groupId: "TEE",
    category: "tops",
    tags: ["cotton"],
    attributes: { size: "L" },
    rating: { average: 4.8, count: 40 },
  }),
];

/** Baskets where laptops go with mice and sleeves, and skin care goes together. */
export const baskets: string[][] = [
  ["LAP-1", "MOUSE"],
  ["LAP-1", "MOUSE", "SLEEVE"],
  ["LAP-2", "SLEEVE"],
  ["LAP-1", "SLEEVE"],
  ["LAP-3", "MOUSE"],
  ["SPF", "SERUM"],
  ["SPF", "SERUM", "TOWEL"],
  ["TEE-S", "SHADES"],
  ["TEE-L", "SHADES", "TOWEL"],
  ["TEE-M", "TEE-L"],
];
