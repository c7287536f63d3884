/**
 * A product's category from what feeds carry: the merchant's `product_type` ("Perfume & Fragrance",
 * "Apparel > Tops") and Google's taxonomy path in `google_product_category` / `fb_product_category`
 * ("Health & Beauty > Personal Care > Cosmetics > Fragrances",
 * https://support.google.com/merchants/answer/6324436).
 *
 * Known segments map to the shop-wide category keys the bot names in every locale (lib/content/categories.ts)
 * and the NLU knows words for (perfume → fragrances, not beauty). A path is read from its deepest segment up,
 * so "Baby Products > Toys > Baby Toys > Baby Books" is toys when "baby books" is unknown. A merchant's own
 * `product_type` that maps to nothing known is kept as written (its last segment, lower case), as before.
 */

const KNOWN: Record<string, string[]> = {
  fragrances: [
    "fragrances",
    "fragrance",
    "perfume",
    "perfumes",
    "perfume and fragrance",
    "perfume and cologne",
    "perfumes and colognes",
    "cologne",
    "colognes",
    "parfum",
    "parfums",
    "عطور",
    "عطر",
    "香水",
    "парфюмерия",
  ],
  beauty: ["cosmetics", "makeup", "make up", "beauty", "health and beauty", "personal care"],
  "skin-care": ["skin care", "skincare"],
  tops: ["shirts and tops", "tops", "shirts", "t shirts", "tshirts", "blouses", "tees"],
  dresses: ["dresses"],
  bottoms: ["skirts", "shorts", "bottoms"],
  pants: ["pants", "trousers", "jeans"],
  shoes: ["shoes", "footwear", "sneakers", "boots"],
  bags: ["handbags", "bags", "backpacks", "handbags wallets and cases", "luggage and bags"],
  outerwear: ["outerwear", "coats and jackets", "jackets", "coats"],
  swimwear: ["swimwear"],
  jewellery: ["jewelry", "jewellery"],
  watches: ["watches"],
  accessories: ["clothing accessories", "accessories", "apparel accessories"],
  clothing: ["clothing", "apparel", "apparel and accessories", "clothing and accessories"],
  kitchen: ["kitchen and dining", "kitchen", "kitchen appliances", "kitchenware", "kitchen accessories"],
  home: ["home and garden", "home", "home goods", "home decor", "decor", "home decoration"],
  furniture: ["furniture"],
  toys: ["toys", "toys and games", "baby toys", "games"],
  books: ["books", "media"],
  phones: ["mobile phones", "cell phones", "smartphones", "phones"],
  electronics: ["electronics", "computers", "laptops", "tablets"],
  sports: ["sporting goods", "sports", "sports accessories", "fitness"],
  groceries: ["food beverages and tobacco", "food items", "groceries", "grocery", "food"],
  cars: ["vehicles", "vehicles and parts", "motor vehicles", "cars"],
};

const BY_SEGMENT = new Map<string, string>(
  Object.entries(KNOWN).flatMap(([key, names]) => names.map((n) => [n, key] as [string, string])),
);

/** "Shirts & Tops" → "shirts and tops", "T-Shirts" → "t shirts". */
const norm = (segment: string): string =>
  segment
    .trim()
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[,_\-/]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/**
 * The deepest known segment of a "A > B > C" path, or undefined. With `leafOnly` only the last segment counts
 * (a merchant's "Apparel > Linen Sets" stays "linen sets" rather than becoming "clothing").
 */
export function knownCategory(path: string, leafOnly = false): string | undefined {
  const segments = path.split(">").map(norm).filter(Boolean);
  const stop = leafOnly ? segments.length - 1 : 0;
  for (let i = segments.length - 1; i >= stop; i--) {
    const key = BY_SEGMENT.get(segments[i] as string);
    if (key) return key;
  }
  return undefined;
}

/** "Apparel & Accessories > Clothing > Shirts" → "shirts": the last segment, lower case (a merchant's own). */
export const lastSegment = (path: string): string => (path.split(">").pop() ?? "").trim().toLowerCase();

/**
 * The category of a feed line: the merchant's `product_type` when it names a known category, else Google's
 * category path when it does, else the merchant's `product_type` as written, else Google's last segment
 * (a numeric taxonomy id alone gives nothing).
 */
export function feedCategory(productType: string, googleCategory: string): string {
  const own = productType.trim();
  // a cell may hold two paths separated by a tab (seen in Meta templates edited by hand)
  const google = googleCategory.split("\t")[0]?.trim() ?? "";
  return (
    (own && knownCategory(own, true)) ||
    (google && knownCategory(google)) ||
    (own && lastSegment(own)) ||
    (google && !/^\d+$/.test(google) ? lastSegment(google) : "")
  );
}
