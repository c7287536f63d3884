/**
 * From the product matcher's hits to what the message means: the product picked (or none), the category
 * among several named, the catalogue's spelling of a colour or size, the variant singled out.
 */
import type { Product } from "../catalog/types";
import type { Span } from "./entities";
import type { ProductGroup, ProductHit } from "./products";
import { canonicalColor, canonicalSize, colorOf, type NluIndex } from "./shopIndex";
import type { ProductMatch } from "./types";

/** Categories that usually qualify another ("running shoes", "kids dress"): the other one wins. */
const MODIFIER_CATEGORIES = new Set(["sports", "kids", "home"]);

/** Words that point at one item ("the hoodie", "yung sandals", "这个包"), not at a category. */
const DEFINITE = new Set([
  "the",
  "this",
  "that",
  "yung",
  "iyong",
  "ang",
  "itong",
  "yang",
  "ini",
  "itu",
  "这",
  "那",
  "这个",
  "那个",
  "هذا",
  "هذه",
  "هذي",
  "ذا",
]);
export const definite = (keys: readonly string[]) => keys.some((k) => DEFINITE.has(k));

export const round = (x: number) => Math.round(x * 1000) / 1000;

export interface Picked {
  hit: ProductHit;
  /** other groups that match nearly as well */
  rivals: ProductHit[];
  /** matched by category words only ("hoodie"): maybe the category is meant */
  categoryOnly: boolean;
}

/**
 * The product meant, if the match is good enough: most of a title, or a distinctive word of it. A match
 * made only of category words ("dresses") is a category, not a product, unless it is the whole title.
 */
export function pickProduct(
  hits: readonly ProductHit[],
  categorySpans: readonly Span<string>[],
  cueSpans: readonly { start: number; end: number }[],
): Picked | undefined {
  const best = hits[0];
  if (!best) return undefined;
  const inCue = (i: number) => cueSpans.some((c) => c.start <= i && i < c.end);
  if (best.titleCoverage < 0.85 && [...best.tokens].every(inCue)) return undefined;
  const inCategory = (i: number) => categorySpans.some((c) => c.start <= i && i < c.end);
  const onlyCategoryWords = [...best.tokens].every(inCategory);
  const strong = best.titleCoverage >= 0.85 || (best.distinctive && best.score >= 0.4);
  if (!strong) return undefined;
  const categoryOnly = onlyCategoryWords && best.titleCoverage < 0.85;
  if (categoryOnly && !best.distinctive) return undefined;
  const rivals = hits
    .slice(1)
    .filter((h) => h.score >= best.score - 0.03 && h.titleCoverage >= best.titleCoverage - 0.03);
  return { hit: best, rivals: rivals.slice(0, 4), categoryOnly };
}

export function chooseCategory(spans: readonly Span<string>[], index: NluIndex): string | undefined {
  const resolved = spans.map((s) =>
    s.value.startsWith("=")
      ? { category: s.value.slice(1), own: true, concept: "" }
      : { category: index.categoryByConcept.get(s.value), own: false, concept: s.value },
  );
  const ranked = resolved
    .map((r, i) => ({
      ...r,
      i,
      rank: (r.own ? 4 : 0) + (r.category ? 2 : 0) + (MODIFIER_CATEGORIES.has(r.concept) ? 0 : 1),
    }))
    .sort((a, b) => b.rank - a.rank || a.i - b.i);
  const top = ranked[0];
  if (!top) return undefined;
  return top.category ?? top.concept;
}

/** The catalogue's spelling of a canonical colour or size, preferring the matched item's own variants. */
export function spell(
  canonical: string,
  attribute: "color" | "size",
  group: ProductGroup | undefined,
  index: NluIndex,
): string {
  if (group) {
    for (const p of group.products) {
      const value = attribute === "color" ? colorOf(p) : p.attributes.size;
      if (value && (attribute === "color" ? canonicalColor(value) : canonicalSize(value)) === canonical)
        return value;
    }
  }
  const spelled = (attribute === "color" ? index.colorSpelling : index.sizeSpelling).get(canonical);
  return spelled ?? canonical;
}

/** The variant meant: the one product of the item that has the colour and size mentioned, if exactly one. */
export function resolveVariant(
  picked: Picked,
  color: string | undefined,
  size: string | undefined,
): ProductMatch {
  const { group } = picked.hit;
  const fits = group.products.filter(
    (p) =>
      (!color || (colorOf(p) !== undefined && canonicalColor(colorOf(p) ?? "") === color)) &&
      (!size || (p.attributes.size !== undefined && canonicalSize(p.attributes.size) === size)),
  );
  const ambiguous = picked.rivals.length > 0;
  const score = round(Math.min(1, picked.hit.score) * (ambiguous ? 0.8 : 1));
  const match: ProductMatch = { score, candidates: [] };
  if (group.groupId) match.groupId = group.groupId;
  const only =
    group.products.length === 1
      ? group.products[0]
      : fits.length === 1 && (color || size)
        ? fits[0]
        : undefined;
  if (only) match.productId = only.id;
  const inStockFirst = (list: Product[]) =>
    [...list].sort((a, b) => Number(b.stock > 0) - Number(a.stock > 0));
  match.candidates = ambiguous
    ? [picked.hit, ...picked.rivals]
        .map((h) => inStockFirst(h.group.products)[0]?.id)
        .filter((id): id is string => Boolean(id))
    : inStockFirst(fits.length > 0 ? fits : group.products).map((p) => p.id);
  return match;
}
