/**
 * Item-to-item co-purchase: how often two items share a basket (cart or order), normalised as a damped
 * cosine. Variants of one item (`groupId`) count as one item: counts are kept per group key, and a lookup
 * accepts a product id or a group id.
 *
 * The raw counts are kept (not only the scores), so a basket can be added or taken out again
 * ({@link addBasket}: the evaluation's leave-one-out split) and a stored top-N list scores exactly as the full
 * table does for the neighbours it kept.
 */

/** Co-occurrence counts over baskets, per group key (a product's `groupId`, else its id). */
export interface CoPurchase {
  /** baskets counted */
  baskets: number;
  /** group key → number of baskets holding it */
  counts: Map<string, number>;
  /** group key → other group key → baskets holding both; symmetric */
  pairs: Map<string, Map<string, number>>;
  /** product id → group key, only where they differ */
  groupOf: Map<string, string>;
}

/**
 * A single co-occurrence is weak evidence: the cosine is multiplied by `n / (n + DAMPING)`, so two items
 * seen together once in small baskets do not outrank a pair seen together twenty times.
 */
const DAMPING = 2;

export interface BuildOptions {
  /** product id → group key (e.g. from the catalogue's `groupId`); default: the id itself */
  groupOf?: ReadonlyMap<string, string> | Record<string, string>;
}

/** The group key map of a catalogue: only products whose `groupId` differs from their id. */
export function groupMap(products: ReadonlyArray<{ id: string; groupId?: string }>): Map<string, string> {
  const m = new Map<string, string>();
  for (const p of products) if (p.groupId && p.groupId !== p.id) m.set(p.id, p.groupId);
  return m;
}

/** The group key of a product id or group id. */
export const keyOf = (co: CoPurchase, id: string): string => co.groupOf.get(id) ?? id;

/** An empty table, for {@link addBasket}. */
export function emptyCoPurchase(options: BuildOptions = {}): CoPurchase {
  const g = options.groupOf;
  const groupOf = g instanceof Map ? new Map(g) : new Map(Object.entries(g ?? {}));
  return { baskets: 0, counts: new Map(), pairs: new Map(), groupOf };
}

/** Item-to-item co-occurrence over `baskets` (lists of product ids; repeated items or variants count once). */
export function buildCoPurchase(
  baskets: ReadonlyArray<readonly string[]>,
  options: BuildOptions = {},
): CoPurchase {
  const co = emptyCoPurchase(options);
  for (const b of baskets) addBasket(co, b);
  return co;
}

function bump(m: Map<string, number>, key: string, by: number): void {
  const n = (m.get(key) ?? 0) + by;
  if (n === 0) m.delete(key);
  else m.set(key, n);
}

function bumpPair(co: CoPurchase, a: string, b: string, by: number): void {
  let row = co.pairs.get(a);
  if (!row) {
    row = new Map();
    co.pairs.set(a, row);
  }
  bump(row, b, by);
  if (row.size === 0) co.pairs.delete(a);
}

/**
 * Adds one basket to the table, in place (`weight` -1 takes out a basket added before). A builder step, used
 * by {@link buildCoPurchase} and by the evaluation to hold one cart out without rebuilding the table.
 */
export function addBasket(co: CoPurchase, basket: readonly string[], weight: 1 | -1 = 1): void {
  const keys = [...new Set(basket.map((id) => keyOf(co, id)))];
  if (keys.length === 0) return;
  co.baskets += weight;
  for (const k of keys) bump(co.counts, k, weight);
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      const a = keys[i] as string;
      const b = keys[j] as string;
      bumpPair(co, a, b, weight);
      bumpPair(co, b, a, weight);
    }
  }
}

/** Baskets holding both items. */
export const pairCount = (co: CoPurchase, a: string, b: string): number =>
  co.pairs.get(keyOf(co, a))?.get(keyOf(co, b)) ?? 0;

/** Baskets holding the item. */
export const itemCount = (co: CoPurchase, id: string): number => co.counts.get(keyOf(co, id)) ?? 0;

function scoreKeys(co: CoPurchase, a: string, b: string, n: number): number {
  const na = co.counts.get(a) ?? 0;
  const nb = co.counts.get(b) ?? 0;
  if (n <= 0 || na <= 0 || nb <= 0) return 0;
  return (n / Math.sqrt(na * nb)) * (n / (n + DAMPING));
}

/** How strongly two items go together, 0‥1: damped cosine of their basket sets. */
export function coScore(co: CoPurchase, a: string, b: string): number {
  const ka = keyOf(co, a);
  const kb = keyOf(co, b);
  if (ka === kb) return 0;
  return scoreKeys(co, ka, kb, co.pairs.get(ka)?.get(kb) ?? 0);
}

/** Calls `fn` with every neighbour of an item and its score, in no particular order (cheaper than sorting). */
export function forEachNeighbour(co: CoPurchase, id: string, fn: (key: string, score: number) => void): void {
  const k = keyOf(co, id);
  const row = co.pairs.get(k);
  if (row) for (const [other, n] of row) fn(other, scoreKeys(co, k, other, n));
}

/** Every neighbour of an item with its score, best first (ties by key, so the order is stable). */
export function neighbours(co: CoPurchase, id: string): Array<[string, number]> {
  const k = keyOf(co, id);
  const row = co.pairs.get(k);
  if (!row) return [];
  const out: Array<[string, number]> = [];
  for (const [other, n] of row) out.push([other, scoreKeys(co, k, other, n)]);
  return out.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
}

/** The `n` best neighbours of an item (product id or group id) as `[group key, score]`, best first. */
export const topNeighbours = (co: CoPurchase, id: string, n: number): Array<[string, number]> =>
  neighbours(co, id).slice(0, n);

/**
 * The stored form: per item its basket count and its top-N neighbours with their raw co-counts, so scores
 * recompute exactly. One `top[key]` entry is what one item's record would hold.
 */
export interface CoPurchaseJson {
  v: 1;
  baskets: number;
  counts: Record<string, number>;
  /** product id → group key, where they differ */
  groups?: Record<string, string>;
  /** group key → [neighbour group key, baskets holding both][], best neighbour first */
  top: Record<string, Array<[string, number]>>;
}

/** Compact form keeping the `perItem` best neighbours of every item. */
export function serializeCoPurchase(co: CoPurchase, perItem = 20): CoPurchaseJson {
  const keys = [...co.counts.keys()].sort();
  const top: CoPurchaseJson["top"] = {};
  for (const k of keys) {
    const best = topNeighbours(co, k, perItem);
    if (best.length > 0) top[k] = best.map(([other]) => [other, co.pairs.get(k)?.get(other) ?? 0]);
  }
  const json: CoPurchaseJson = {
    v: 1,
    baskets: co.baskets,
    counts: Object.fromEntries(keys.map((k) => [k, co.counts.get(k) ?? 0])),
    top,
  };
  if (co.groupOf.size > 0) json.groups = Object.fromEntries([...co.groupOf].sort());
  return json;
}

/**
 * Back from the stored form. Pairs are made symmetric again: a pair kept in either item's list counts for
 * both, so a truncated table still answers "what goes with X" from both sides.
 */
export function deserializeCoPurchase(json: CoPurchaseJson): CoPurchase {
  const co = emptyCoPurchase({ groupOf: json.groups ?? {} });
  co.baskets = json.baskets;
  for (const [k, n] of Object.entries(json.counts)) co.counts.set(k, n);
  for (const [a, list] of Object.entries(json.top)) {
    for (const [b, n] of list) {
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        let row = co.pairs.get(x);
        if (!row) {
          row = new Map();
          co.pairs.set(x, row);
        }
        row.set(y, n);
      }
    }
  }
  return co;
}
