/**
 * Item recommendations: pure domain code, no I/O. See recommend.ts for how items are scored, coPurchase.ts
 * for the item-to-item table and its stored form, evaluate.ts for the offline evaluation (`npm run eval:recs`).
 */

export type { Query } from "./content";
export {
  addBasket,
  type BuildOptions,
  buildCoPurchase,
  type CoPurchase,
  type CoPurchaseJson,
  coScore,
  deserializeCoPurchase,
  emptyCoPurchase,
  groupMap,
  itemCount,
  neighbours,
  pairCount,
  serializeCoPurchase,
  topNeighbours,
} from "./coPurchase";
export {
  DEFAULT_WEIGHTS,
  mostPopular,
  type PopularInput,
  PRESETS,
  type RecommendInput,
  recommend,
  type Weights,
} from "./recommend";
