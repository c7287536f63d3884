/**
 * Offline evaluation of a recommender on a cart history, leave-last-out: for each cart the last item is held
 * out, the rest of that cart are the seeds, and the co-purchase table is trained on every other cart plus
 * those seeds, never on the held-out item's own basket. Scored by hit@k and NDCG@k (one relevant item, so
 * NDCG is 1 / log2(rank + 1)). Items match by group key: a variant of the held-out item counts as a hit.
 */
import { addBasket, buildCoPurchase, type CoPurchase, keyOf } from "./coPurchase";

export interface Split {
  /** index of the cart in the history */
  cart: number;
  seeds: string[];
  heldOut: string;
}

/** The leave-last-out split of every cart with at least two distinct items. */
export function holdOutLast(carts: ReadonlyArray<readonly string[]>): Split[] {
  const splits: Split[] = [];
  carts.forEach((cart, i) => {
    const items = [...new Set(cart)];
    const heldOut = items.at(-1);
    if (items.length >= 2 && heldOut !== undefined)
      splits.push({ cart: i, seeds: items.slice(0, -1), heldOut });
  });
  return splits;
}

/** What the model of split `s` is trained on: every other cart, plus the seeds of its own cart. */
export function trainingBaskets(carts: ReadonlyArray<readonly string[]>, s: Split): string[][] {
  return [...carts.filter((_, i) => i !== s.cart).map((c) => [...c]), [...s.seeds]];
}

/** 1 when `target` is among the first k. */
export const hitAt = (ranked: readonly string[], target: string, k: number): number =>
  ranked.slice(0, k).includes(target) ? 1 : 0;

/** 1 / log2(rank + 1) when `target` is at 1-based `rank` ≤ k, else 0. */
export function ndcgAt(ranked: readonly string[], target: string, k: number): number {
  const i = ranked.slice(0, k).indexOf(target);
  return i < 0 ? 0 : 1 / Math.log2(i + 2);
}

/** A model under test: ranked product ids for a split, given the co-purchase table trained for it. */
export type Recommender = (split: Split, co: CoPurchase) => string[];

export interface Score {
  hit: number;
  ndcg: number;
  n: number;
  /** mean time of one call of the model */
  msPerCall: number;
}

/**
 * Runs every model on every split. The table is built once on all carts; for each split the held-out cart is
 * taken out and its seeds put back ({@link addBasket}), which equals building on
 * {@link trainingBaskets} (the unit tests check it), then restored.
 */
export function evaluate(
  carts: ReadonlyArray<readonly string[]>,
  models: Record<string, Recommender>,
  options: { k?: number; groupOf?: ReadonlyMap<string, string>; now?: () => number } = {},
): Record<string, Score> {
  const k = options.k ?? 5;
  const now = options.now ?? (() => performance.now());
  const co = buildCoPurchase(carts, options.groupOf ? { groupOf: options.groupOf } : {});
  const names = Object.keys(models);
  const sums = Object.fromEntries(names.map((n) => [n, { hit: 0, ndcg: 0, ms: 0 }]));
  const splits = holdOutLast(carts);
  for (const s of splits) {
    const cart = carts[s.cart] ?? [];
    addBasket(co, cart, -1);
    addBasket(co, s.seeds, 1);
    const target = keyOf(co, s.heldOut);
    for (const name of names) {
      const model = models[name] as Recommender;
      const t0 = now();
      const ranked = model(s, co);
      const sum = sums[name] as { hit: number; ndcg: number; ms: number };
      sum.ms += now() - t0;
      const keys = ranked.map((id) => keyOf(co, id));
      sum.hit += hitAt(keys, target, k);
      sum.ndcg += ndcgAt(keys, target, k);
    }
    addBasket(co, s.seeds, -1);
    addBasket(co, cart, 1);
  }
  const n = splits.length;
  return Object.fromEntries(
    names.map((name) => {
      const sum = sums[name] as { hit: number; ndcg: number; ms: number };
      return [
        name,
        { hit: n ? sum.hit / n : 0, ndcg: n ? sum.ndcg / n : 0, n, msPerCall: n ? sum.ms / n : 0 },
      ];
    }),
  );
}
