/**
 * Generates eval/recs/carts.json: a synthetic, deterministic cart history over the DummyJSON catalogue
 * (tests/fixtures/catalog/products.json), for `npm run eval:recs`.
 *
 *   node --import tsx scripts/gen-carts.ts [--seed 20251126] [--carts 2000] [--out eval/recs/carts.json]
 *
 * Each cart is one shopper with a theme: an interest (a few related categories, one or two of them
 * preferred), a price band (a percentile within each category) and, for some, a favourite brand. Items are
 * drawn one after another:
 * - ~20 % noise: any product, weighted by the square root of its popularity,
 * - ~25 % a complement of an item already in the cart: a complementary category (laptops → mobile
 *   accessories, makeup → skin care, men's shirts → men's shoes, …), preferring the same brand, and now and
 *   then the item's fixed "bundle partner" (drawn once per product at random),
 * - the rest from the theme's categories.
 * Within a category the draw is weighted by popularity (rating, a random per-product appeal, low stock as a
 * sign of selling well) × price-band fit × brand affinity. No product twice in a cart.
 *
 * The generator does not use lib/recs: it never sees the recommender's similarity or weights. What the
 * recommender can learn from it is what a real history would teach (themes, complements, bundles,
 * popularity), not its own scoring function played back.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Product } from "../lib/catalog/types";
import { fromDummyJson } from "../lib/recs/dummyjson";
import { prng } from "./bench/prng";

const ROOT = join(import.meta.dirname, "..");

const { values: args } = parseArgs({
  options: {
    seed: { type: "string", default: "20251126" },
    carts: { type: "string", default: "2000" },
    out: { type: "string", default: "eval/recs/carts.json" },
  },
});

const rand = prng(Number(args.seed));

function pick<T>(items: readonly T[], weight: (t: T) => number): T | undefined {
  let total = 0;
  for (const t of items) total += Math.max(0, weight(t));
  if (total <= 0) return undefined;
  let r = rand() * total;
  for (const t of items) {
    r -= Math.max(0, weight(t));
    if (r < 0) return t;
  }
  return items.at(-1);
}

/** Standard normal (Box–Muller), for the per-product appeal. */
function gaussian(): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Interests: related categories, the share of shoppers who have them. */
const THEMES: Array<{ weight: number; categories: string[] }> = [
  {
    weight: 14,
    categories: [
      "tops",
      "womens-dresses",
      "womens-shoes",
      "womens-bags",
      "womens-jewellery",
      "womens-watches",
      "sunglasses",
    ],
  },
  { weight: 9, categories: ["mens-shirts", "mens-shoes", "mens-watches", "sunglasses"] },
  { weight: 11, categories: ["beauty", "skin-care", "fragrances"] },
  { weight: 15, categories: ["smartphones", "mobile-accessories", "laptops", "tablets"] },
  { weight: 9, categories: ["furniture", "home-decoration", "kitchen-accessories"] },
  { weight: 16, categories: ["groceries", "kitchen-accessories"] },
  { weight: 9, categories: ["sports-accessories", "groceries"] },
  { weight: 3, categories: ["motorcycle", "vehicle", "sunglasses"] },
];

/** Complementary categories: what people add after an item of the key category. */
const COMPLEMENTS: Record<string, string[]> = {
  laptops: ["mobile-accessories", "furniture"],
  smartphones: ["mobile-accessories"],
  tablets: ["mobile-accessories"],
  beauty: ["skin-care"],
  "skin-care": ["beauty"],
  fragrances: ["skin-care"],
  "mens-shirts": ["mens-shoes"],
  "mens-shoes": ["mens-shirts"],
  "mens-watches": ["fragrances"],
  "womens-dresses": ["womens-shoes", "womens-bags"],
  tops: ["womens-jewellery"],
  "womens-watches": ["womens-jewellery"],
  groceries: ["kitchen-accessories"],
  "kitchen-accessories": ["groceries"],
  furniture: ["home-decoration"],
  "sports-accessories": ["groceries", "sunglasses"],
  motorcycle: ["sunglasses"],
};

const CART_SIZES = [2, 3, 4, 5, 6];
const CART_SIZE_WEIGHTS = [0.32, 0.27, 0.2, 0.13, 0.08];
const NOISE = 0.2;
const COMPLEMENT = 0.25;
const PARTNER = 0.35;

const products = fromDummyJson(
  JSON.parse(readFileSync(join(ROOT, "tests/fixtures/catalog/products.json"), "utf8")),
);
const byCategory = new Map<string, Product[]>();
for (const p of products) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);

// Popularity: rating, a hidden appeal every product has, and low stock read as "sells well".
const popularity = new Map<string, number>();
for (const p of products) {
  const rating = p.rating?.average ?? 2.5;
  const hidden = Math.exp(0.7 * gaussian());
  const stockSignal = p.stock < 10 ? 1.4 : 1;
  popularity.set(p.id, (rating / 5) ** 1.5 * hidden * stockSignal);
}
const pop = (p: Product) => popularity.get(p.id) ?? 0;

// Price percentile within its category.
const pricePercentile = new Map<string, number>();
for (const list of byCategory.values()) {
  const sorted = [...list].sort((a, b) => a.price.amount - b.price.amount);
  for (const [i, p] of sorted.entries())
    pricePercentile.set(p.id, sorted.length > 1 ? i / (sorted.length - 1) : 0.5);
}

// Bundle partners: one fixed complementary product per product, drawn once.
const partner = new Map<string, Product>();
for (const p of products) {
  const cats = COMPLEMENTS[p.category];
  if (!cats) continue;
  const pool = cats.flatMap((c) => byCategory.get(c) ?? []);
  const chosen = pick(pool, (q) => pop(q) * (q.brand && q.brand === p.brand ? 4 : 1));
  if (chosen) partner.set(p.id, chosen);
}

interface Shopper {
  categories: string[];
  main: string[];
  priceBand: number;
  brand?: string;
}

function shopper(): Shopper {
  const theme = pick(THEMES, (t) => t.weight) ?? (THEMES[0] as (typeof THEMES)[number]);
  const categories = theme.categories.filter((c) => byCategory.has(c));
  const sizeWeight = (c: string) => Math.sqrt(byCategory.get(c)?.length ?? 0);
  const first = pick(categories, sizeWeight) as string;
  const second = rand() < 0.5 ? pick(categories, (c) => (c === first ? 0 : sizeWeight(c))) : undefined;
  const main = second ? [first, second] : [first];
  const s: Shopper = { categories, main, priceBand: rand() };
  if (rand() < 0.4) {
    const brands = categories.flatMap((c) =>
      (byCategory.get(c) ?? []).flatMap((p) => (p.brand ? [p.brand] : [])),
    );
    const brand = pick(brands, () => 1);
    if (brand) s.brand = brand;
  }
  return s;
}

function appeal(s: Shopper, p: Product): number {
  const d = (pricePercentile.get(p.id) ?? 0.5) - s.priceBand;
  const price = Math.exp(-(d * d) / (2 * 0.3 * 0.3));
  const brand = s.brand && p.brand === s.brand ? 5 : 1;
  return pop(p) * price * brand;
}

function themeItem(s: Shopper, taken: Set<string>): Product | undefined {
  const category = rand() < 0.7 ? (pick(s.main, () => 1) as string) : (pick(s.categories, () => 1) as string);
  return pick(byCategory.get(category) ?? [], (p) => (taken.has(p.id) ? 0 : appeal(s, p)));
}

function complementItem(s: Shopper, cart: Product[], taken: Set<string>): Product | undefined {
  const anchors = cart.filter((p) => COMPLEMENTS[p.category]);
  const anchor = pick(anchors, () => 1);
  if (!anchor) return undefined;
  const bundled = partner.get(anchor.id);
  if (bundled && !taken.has(bundled.id) && rand() < PARTNER) return bundled;
  const category = pick(COMPLEMENTS[anchor.category] ?? [], () => 1) as string;
  return pick(byCategory.get(category) ?? [], (p) =>
    taken.has(p.id) ? 0 : appeal(s, p) * (p.brand && p.brand === anchor.brand ? 3 : 1),
  );
}

function cart(): string[] {
  const s = shopper();
  const size = pick(CART_SIZES, (n) => CART_SIZE_WEIGHTS[CART_SIZES.indexOf(n)] ?? 0) ?? 2;
  const items: Product[] = [];
  const taken = new Set<string>();
  for (let tries = 0; items.length < size && tries < size * 10; tries++) {
    const r = rand();
    let p: Product | undefined;
    if (items.length > 0 && r < NOISE) p = pick(products, (q) => (taken.has(q.id) ? 0 : Math.sqrt(pop(q))));
    else if (items.length > 0 && r < NOISE + COMPLEMENT) p = complementItem(s, items, taken);
    else p = themeItem(s, taken);
    if (p && !taken.has(p.id)) {
      taken.add(p.id);
      items.push(p);
    }
  }
  return items.map((p) => p.id);
}

const carts = Array.from({ length: Number(args.carts) }, cart);
const header = {
  about:
    "Synthetic cart history over tests/fixtures/catalog/products.json (DummyJSON), generated by scripts/gen-carts.ts; see eval/recs/README.md",
  seed: Number(args.seed),
  carts: carts.length,
};
// One cart per line, laid out as Biome formats JSON (`biome check` runs over the repo): a cart too long for
// the 110-column line goes one id per line.
const cartLine = (c: string[], last: boolean) => {
  const comma = last ? "" : ",";
  const ids = c.map((id) => JSON.stringify(id));
  const line = `    [${ids.join(", ")}]${comma}`;
  return line.length <= 110 ? line : `    [\n${ids.map((id) => `      ${id}`).join(",\n")}\n    ]${comma}`;
};
const body = `{\n  "about": ${JSON.stringify(header.about)},\n  "seed": ${header.seed},\n  "carts": [\n${carts
  .map((c, i) => cartLine(c, i === carts.length - 1))
  .join("\n")}\n  ]\n}\n`;
writeFileSync(resolve(ROOT, args.out), body);
const items = carts.reduce((n, c) => n + c.length, 0);
console.log(
  `${carts.length} carts, ${items} items (${(items / carts.length).toFixed(2)} per cart), ${new Set(carts.flat()).size} distinct products → ${args.out} (${(Buffer.byteLength(body) / 1024).toFixed(0)} KB)`,
);
