/**
 * Item recommendations: "what do you recommend", "something for the beach", "more like this", and "goes well
 * with" after an add-to-cart. Pure and synchronous: the caller passes the catalogue and the co-purchase table.
 *
 * Relevance blends, per candidate item (one per `groupId`):
 * - co-purchase with the shopper's seeds (viewed or carted items, the most recent weighing most),
 * - content similarity to the seeds (category, tags, brand, attributes, words),
 * - match with the query (category, tags, free text),
 * - rating (average shrunk towards the catalogue mean by its count) and popularity (baskets holding it).
 *
 * Then a greedy MMR step picks the list: each pick trades relevance against its likeness to the items already
 * picked (same category, same brand, similar content), and no category other than the one asked for may fill
 * more than half the list. Never out of stock, never a seed or an excluded item (nor another variant of one).
 */
import type { Product } from "../catalog/types";
import {
  cosine,
  productFeatures,
  type Query,
  queryFeatures,
  toVector,
  type Vector,
  type Vocabulary,
  vocabularyOf,
} from "./content";
import { type CoPurchase, forEachNeighbour, keyOf } from "./coPurchase";

/** Relative weight of each signal, and how much the list trades relevance for variety. */
export interface Weights {
  coPurchase: number;
  /** content similarity to the seeds */
  similar: number;
  query: number;
  rating: number;
  popularity: number;
  /** 0: pure relevance order; 1: variety only. MMR's 1 − λ. */
  diversity: number;
  /** the share of the list one category may fill (the category asked for is exempt); 1: no cap */
  maxCategoryShare: number;
}

export const DEFAULT_WEIGHTS: Weights = {
  coPurchase: 1,
  similar: 0.3,
  query: 1,
  rating: 0.08,
  popularity: 0.12,
  diversity: 0.25,
  maxCategoryShare: 0.5,
};

/** Starting points for the bot's three asks; any field can still be overridden. */
export const PRESETS = {
  /** "what do you recommend", "something for the beach" */
  general: DEFAULT_WEIGHTS,
  /** "more like this": substitutes, so content first */
  similar: { ...DEFAULT_WEIGHTS, similar: 1, coPurchase: 0.5, diversity: 0.1, maxCategoryShare: 1 },
  /** "goes well with" after an add-to-cart: complements, so co-purchase first and little content */
  complement: { ...DEFAULT_WEIGHTS, similar: 0.1, coPurchase: 1.2, diversity: 0.35 },
} satisfies Record<string, Weights>;

export interface RecommendInput {
  products: readonly Product[];
  coPurchase?: CoPurchase;
  /** product ids the shopper viewed or carted, most recent last */
  seeds?: readonly string[];
  /** product ids never to return, with their variants (what is in the cart) */
  exclude?: readonly string[];
  query?: Query;
  /** default 5 */
  limit?: number;
  weights?: Partial<Weights>;
}

interface Entry {
  product: Product;
  group: string;
  vector: Vector;
  /** 0‥1 */
  rating: number;
}

interface Index {
  byId: Map<string, Entry>;
  byGroup: Map<string, Entry[]>;
  vocab: Vocabulary;
}

/** Seeds weigh by recency: the last one 1, the one before 0.8, … */
const RECENCY = 0.8;
/** Reviews worth of prior pulling a rating towards the catalogue mean. */
const RATING_PRIOR = 5;
/** Candidates taken into the MMR step (the rest cannot make a short list anyway). */
const POOL = 40;
/** Off-query candidates when some candidates match the query keep this share of their relevance. */
const OFF_QUERY = 0.25;

// The index depends only on the catalogue array: built once per array and reused while the caller keeps it.
const indexes = new WeakMap<readonly Product[], Index>();

function indexOf(products: readonly Product[]): Index {
  const cached = indexes.get(products);
  if (cached) return cached;
  const features = products.map(productFeatures);
  const vocab = vocabularyOf(features);
  const rated = products.filter((p) => p.rating && p.rating.count > 0);
  const mean =
    rated.length > 0 ? rated.reduce((s, p) => s + (p.rating?.average ?? 0), 0) / rated.length : 2.5;
  const byId = new Map<string, Entry>();
  const byGroup = new Map<string, Entry[]>();
  products.forEach((product, i) => {
    const r = product.rating;
    const count = r ? Math.max(0, r.count) : 0;
    const bayes = ((r?.average ?? 0) * count + mean * RATING_PRIOR) / (count + RATING_PRIOR);
    const entry: Entry = {
      product,
      group: product.groupId ?? product.id,
      vector: toVector(features[i] ?? new Map(), vocab),
      rating: Math.min(1, Math.max(0, bayes / 5)),
    };
    byId.set(product.id, entry);
    const list = byGroup.get(entry.group);
    if (list) list.push(entry);
    else byGroup.set(entry.group, [entry]);
  });
  const index = { byId, byGroup, vocab };
  indexes.set(products, index);
  return index;
}

const byId = (a: Product, b: Product) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The variant to show for a group: in stock, best rated, most stock, then lowest id. */
function representative(entries: readonly Entry[]): Entry | undefined {
  let best: Entry | undefined;
  for (const e of entries) {
    if (!(e.product.stock > 0)) continue;
    if (
      !best ||
      e.rating > best.rating ||
      (e.rating === best.rating &&
        (e.product.stock > best.product.stock ||
          (e.product.stock === best.product.stock && byId(e.product, best.product) < 0)))
    )
      best = e;
  }
  return best;
}

interface Candidate {
  entry: Entry;
  relevance: number;
}

function groupKeyOf(index: Index, co: CoPurchase | undefined, id: string): string {
  return index.byId.get(id)?.group ?? (co ? keyOf(co, id) : id);
}

/** How alike two picks are for variety: same category, same brand, similar content. */
function likeness(a: Entry, b: Entry): number {
  const sameCategory = a.product.category === b.product.category ? 1 : 0;
  const sameBrand = a.product.brand && a.product.brand === b.product.brand ? 1 : 0;
  return 0.5 * sameCategory + 0.3 * sameBrand + 0.2 * cosine(a.vector, b.vector);
}

/** Recommended products, best first, at most `limit` (default 5). Deterministic for the same input. */
export function recommend(input: RecommendInput): Product[] {
  const limit = input.limit ?? 5;
  if (limit <= 0 || input.products.length === 0) return [];
  const w: Weights = { ...DEFAULT_WEIGHTS, ...input.weights };
  const index = indexOf(input.products);
  const co = input.coPurchase;
  const seeds = input.seeds ?? [];

  const blocked = new Set<string>();
  for (const id of [...seeds, ...(input.exclude ?? [])]) blocked.add(groupKeyOf(index, co, id));

  // Seeds as group keys for co-purchase and as vectors for content, weighted by recency.
  const seedWeights: Array<{ key: string; vector?: Vector; weight: number }> = [];
  const seen = new Set<string>();
  for (let i = seeds.length - 1, weight = 1; i >= 0; i--) {
    const id = seeds[i] as string;
    const key = groupKeyOf(index, co, id);
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = index.byId.get(id);
    seedWeights.push(entry ? { key, vector: entry.vector, weight } : { key, weight });
    weight *= RECENCY;
  }
  const seedTotal = seedWeights.reduce((s, x) => s + x.weight, 0);
  const contentSeeds = seedWeights.filter((s) => s.vector);
  const contentTotal = contentSeeds.reduce((s, x) => s + x.weight, 0);

  const queryVector = input.query ? toVector(queryFeatures(input.query), index.vocab) : undefined;
  const hasQuery = queryVector !== undefined && queryVector.idx.length > 0;

  // Co-purchase: walk each seed's neighbour row once instead of scoring every candidate against every seed.
  const coParts = new Map<string, number>();
  if (co && seedTotal > 0)
    for (const s of seedWeights)
      forEachNeighbour(co, s.key, (key, score) =>
        coParts.set(key, (coParts.get(key) ?? 0) + (s.weight * score) / seedTotal),
      );

  let maxCount = 0;
  if (co) for (const n of co.counts.values()) if (n > maxCount) maxCount = n;
  const popNorm = maxCount > 0 ? 1 / Math.log1p(maxCount) : 0;

  const candidates: Candidate[] = [];
  const queryMatch = new Set<Candidate>();
  for (const [group, entries] of index.byGroup) {
    if (blocked.has(group)) continue;
    const entry = representative(entries);
    if (!entry) continue;
    const coPart = coParts.get(group) ?? 0;
    let similar = 0;
    if (contentTotal > 0) {
      for (const s of contentSeeds) similar += s.weight * cosine(s.vector as Vector, entry.vector);
      similar /= contentTotal;
    }
    const queryPart = hasQuery ? cosine(queryVector, entry.vector) : 0;
    const popularity = co ? Math.log1p(co.counts.get(group) ?? 0) * popNorm : 0;
    const relevance =
      w.coPurchase * coPart +
      w.similar * similar +
      w.query * queryPart +
      w.rating * entry.rating +
      w.popularity * popularity;
    const c = { entry, relevance };
    candidates.push(c);
    if (queryPart > 0) queryMatch.add(c);
  }
  // "Something for the beach": when anything matches the ask, what does not match comes after it.
  if (hasQuery && queryMatch.size > 0)
    for (const c of candidates) if (!queryMatch.has(c)) c.relevance *= OFF_QUERY;

  candidates.sort((a, b) => b.relevance - a.relevance || byId(a.entry.product, b.entry.product));
  return diversify(candidates.slice(0, Math.max(POOL, limit * 4)), limit, w, input.query?.category);
}

/** Greedy MMR with a cap per category (the category asked for is exempt). */
function diversify(
  pool: Candidate[],
  limit: number,
  { diversity, maxCategoryShare }: Weights,
  askedCategory: string | undefined,
): Product[] {
  const top = pool[0]?.relevance ?? 0;
  const scale = top > 0 ? 1 / top : 0;
  const cap = Math.max(1, Math.ceil(limit * maxCategoryShare));
  const perCategory = new Map<string, number>();
  const picked: Entry[] = [];
  const rest = [...pool];
  // Each candidate's likeness to its closest pick so far, updated with every new pick only.
  const alike = rest.map(() => 0);
  while (picked.length < limit && rest.length > 0) {
    let bestAt = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i] as Candidate;
      const category = c.entry.product.category;
      if (category !== askedCategory && (perCategory.get(category) ?? 0) >= cap) continue;
      const score = (1 - diversity) * c.relevance * scale - diversity * (alike[i] as number);
      // Strictly greater: on a tie the earlier (more relevant, then lower id) candidate stays.
      if (score > bestScore) {
        bestScore = score;
        bestAt = i;
      }
    }
    // Every remaining candidate is in a full category: fill with the most relevant rather than return less.
    if (bestAt < 0) bestAt = 0;
    const [chosen] = rest.splice(bestAt, 1);
    alike.splice(bestAt, 1);
    if (!chosen) break;
    picked.push(chosen.entry);
    const category = chosen.entry.product.category;
    perCategory.set(category, (perCategory.get(category) ?? 0) + 1);
    for (let i = 0; i < rest.length; i++)
      alike[i] = Math.max(alike[i] as number, likeness((rest[i] as Candidate).entry, chosen.entry));
  }
  return picked.map((e) => e.product);
}

export interface PopularInput {
  products: readonly Product[];
  coPurchase: CoPurchase;
  seeds?: readonly string[];
  exclude?: readonly string[];
  limit?: number;
}

/**
 * The most-bought items (baskets holding them), under the same rules as {@link recommend}: in stock, one per
 * group, never a seed or an excluded item. The baseline of the evaluation, and a fallback.
 */
export function mostPopular(input: PopularInput): Product[] {
  const limit = input.limit ?? 5;
  const index = indexOf(input.products);
  const co = input.coPurchase;
  const blocked = new Set<string>();
  for (const id of [...(input.seeds ?? []), ...(input.exclude ?? [])]) blocked.add(groupKeyOf(index, co, id));
  const ranked: Array<{ product: Product; count: number }> = [];
  for (const [group, entries] of index.byGroup) {
    if (blocked.has(group)) continue;
    const entry = representative(entries);
    if (entry) ranked.push({ product: entry.product, count: co.counts.get(group) ?? 0 });
  }
  ranked.sort((a, b) => b.count - a.count || byId(a.product, b.product));
  return ranked.slice(0, limit).map((r) => r.product);
}
