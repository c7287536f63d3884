/**
 * The demo shop: at start-up (`SEED=demo`, scripts/stack.ts) an empty default shop gets the demo catalogue,
 * answers and settings from lib/catalog/demo/. A shop that has products is left alone, so a merchant's edits
 * survive restarts. The default shop's API tokens are written in every case ({@link ensureDefaultTokens}).
 *
 * The demo files go through the same schemas as the admin API: a broken demo file stops start-up with the
 * field that is wrong.
 */
import type { Config } from "../config";
import { isAppError } from "../errors";
import { listAnswers, putAnswersBatch } from "../store/answers";
import { listProducts, putProductsBatch } from "../store/catalog";
import type { Db } from "../store/client";
import { getSettings, putSettings } from "../store/settings";
import { DEFAULT_SHOP_ID } from "../store/shops";
import { ensureDefaultTokens } from "../store/tokens";
import demoAnswers from "./demo/answers.json";
import demoProducts from "./demo/products.json";
import demoSettings from "./demo/settings.json";
import { type Parsed, parseAnswer, parseProduct, parseSettings } from "./schema";
import type { Answer, Product, ShopSettings } from "./types";

export interface SeedData {
  products: unknown[];
  answers: unknown[];
  settings: unknown;
}

export const DEMO: SeedData = { products: demoProducts, answers: demoAnswers, settings: demoSettings };

function check<T>(file: string, parse: (v: unknown) => Parsed<T>, value: unknown, index?: number): T {
  const r = parse(value);
  if (r.ok) return r.value;
  const where = index === undefined ? file : `${file}[${index}]`;
  throw new Error(
    `Seed data ${where} is not valid: ${r.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
  );
}

export interface SeedResult {
  /** true when the demo data was written (the shop had no products) */
  seeded: boolean;
  products: number;
  answers: number;
}

/**
 * Writes the default shop's tokens and, when the shop has no products yet, the demo data (`data`, by default
 * lib/catalog/demo). Safe to run at every start-up and from two processes at once (the writes are the same).
 */
export async function seedDemo(
  db: Db,
  config: Pick<Config, "secrets">,
  data: SeedData = DEMO,
  shopId = DEFAULT_SHOP_ID,
): Promise<SeedResult> {
  await ensureDefaultTokens(db, config);
  const products: Product[] = data.products.map((p, i) => check("products.json", parseProduct, p, i));
  const answers: Answer[] = data.answers.map((a, i) => check("answers.json", parseAnswer, a, i));
  const settings: ShopSettings = check("settings.json", parseSettings, data.settings);
  if ((await listProducts(db, shopId)).length > 0) return { seeded: false, products: 0, answers: 0 };

  const now = new Date().toISOString();
  const stamp = <T>(v: T) => ({ ...v, version: 1, updatedAt: now });
  const writtenProducts = await putProductsBatch(db, shopId, products.map(stamp));
  if (writtenProducts.failed.length > 0)
    throw new Error(`Seeding left ${writtenProducts.failed.length} products unwritten`);
  let answerCount = 0;
  if ((await listAnswers(db, shopId)).length === 0) {
    const writtenAnswers = await putAnswersBatch(db, shopId, answers.map(stamp));
    if (writtenAnswers.failed.length > 0)
      throw new Error(`Seeding left ${writtenAnswers.failed.length} answers unwritten`);
    answerCount = answers.length;
  }
  if ((await getSettings(db, shopId)).version === 0) {
    try {
      // If-Match 0: only when nobody saved settings in the meantime.
      await putSettings(db, shopId, settings, 0);
    } catch (e) {
      if (!(isAppError(e) && e.code === "admin.version_conflict")) throw e;
    }
  }
  return { seeded: true, products: products.length, answers: answerCount };
}
