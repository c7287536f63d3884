/**
 * A shop's settings, catalogue, answers and NLU index for the bot. Settings are read on every turn (one
 * GetItem); the catalogue and the index are rebuilt only when the shop's `catalogVersion` moved, which every
 * product or answer write bumps in the same transaction. So a merchant's edit is used by the next message,
 * in every container, without a redeploy or a time-based cache.
 */
import { type Catalogue, catalogue as toCatalogue } from "../content/replies";
import { buildIndex, type NluIndex } from "../nlu";
import { listAnswers } from "../store/answers";
import { listProducts } from "../store/catalog";
import type { Db } from "../store/client";
import { getSettings } from "../store/settings";
import type { ShopSettings } from "./types";

export interface ShopData {
  settings: ShopSettings;
  catalogue: Catalogue;
  index: NluIndex;
}

const cache = new Map<string, { version: number; data: Promise<Omit<ShopData, "settings">> }>();

export async function loadShopData(db: Db, shopId: string): Promise<ShopData> {
  return shopDataFor(db, shopId, await getSettings(db, shopId));
}

/** The shop's data for settings the caller has just read (a turn reads them with the shopper's state). */
export async function shopDataFor(db: Db, shopId: string, settings: ShopSettings): Promise<ShopData> {
  const version = settings.catalogVersion ?? 0;
  let entry = cache.get(shopId);
  if (!entry || entry.version !== version) {
    const data = Promise.all([listProducts(db, shopId), listAnswers(db, shopId)]).then(
      ([products, answers]) => ({
        catalogue: toCatalogue(products, answers),
        index: buildIndex(products, answers),
      }),
    );
    entry = { version, data };
    cache.set(shopId, entry);
    // A failed load must not stay cached.
    data.catch(() => {
      if (cache.get(shopId) === entry) cache.delete(shopId);
    });
  }
  return { settings, ...(await entry.data) };
}
