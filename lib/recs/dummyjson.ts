/**
 * DummyJSON products (tests/fixtures/catalog/products.json) as Chatcart products, for the recommendation
 * evaluation and the cart generator. Lenient: an entry without an id, title, category or price is skipped.
 * The id is the SKU, as in the derived Meta feed (tests/fixtures/catalog/derived_meta_catalog_feed.csv).
 * DummyJSON has no variants, so no `groupId`; a colour named in the title becomes the `color` attribute.
 */
import type { Product } from "../catalog/types";

const COLORS = [
  "black",
  "white",
  "red",
  "blue",
  "green",
  "yellow",
  "pink",
  "purple",
  "orange",
  "brown",
  "grey",
  "gray",
  "silver",
  "gold",
  "beige",
  "navy",
];

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

export function fromDummyJson(raw: unknown): Product[] {
  if (!Array.isArray(raw)) return [];
  const out: Product[] = [];
  for (const item of raw) {
    if (typeof item !== "object" || item === null) continue;
    const r = item as Record<string, unknown>;
    const numericId = num(r.id);
    const id = str(r.sku) ?? (numericId === undefined ? undefined : `DJ-${numericId}`);
    const title = str(r.title);
    const category = str(r.category);
    const price = num(r.price);
    if (!id || !title || !category || price === undefined) continue;
    const description = str(r.description);
    const words = title.toLowerCase().split(/[^a-z]+/);
    const color = COLORS.find((c) => words.includes(c));
    const rating = num(r.rating);
    const reviews = Array.isArray(r.reviews) ? r.reviews.length : 0;
    const brand = str(r.brand);
    const image = str(r.thumbnail);
    out.push({
      id,
      title: { en: title },
      ...(description ? { description: { en: description } } : {}),
      // Fixture prices have at most two decimals, so rounding the float product is exact here.
      price: { amount: Math.round(price * 100), currency: "USD" },
      stock: Math.max(0, Math.trunc(num(r.stock) ?? 0)),
      category: category.toLowerCase(),
      tags: Array.isArray(r.tags)
        ? r.tags.filter((t): t is string => typeof t === "string").map((t) => t.toLowerCase())
        : [],
      attributes: color ? { color: color === "gray" ? "grey" : color } : {},
      ...(brand ? { brand } : {}),
      ...(image ? { imageUrl: image } : {}),
      ...(rating === undefined ? {} : { rating: { average: rating, count: reviews } }),
    });
  }
  return out;
}
