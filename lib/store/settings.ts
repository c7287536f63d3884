/**
 * A shop's settings, on the shop item (`keys.shop`). The same item holds `catalogVersion`, which product and
 * answer writes bump (lib/store/catalog.ts): one GetItem gives the bot both the settings and whether its
 * cached catalogue is still current.
 *
 * A shop that never saved settings reads as {@link DEFAULT_SETTINGS} with `version` 0; the first save makes
 * it 1, so `If-Match: "0"` means "only if nobody saved them yet".
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ShopSettings } from "../catalog/types";
import { AppError } from "../errors";
import type { IfMatch } from "./catalog";
import type { Db } from "./client";
import { ENTITY_VERSION, keys } from "./keys";

export const DEFAULT_SETTINGS: ShopSettings = {
  name: "Chatcart Demo Shop",
  locales: ["en", "ar", "zh", "tl", "id"],
  defaultLocale: "en",
  currency: "USD",
  paymentMethods: ["cod"],
  handover: { maxUnansweredTurns: 3, pageInbox: false, idleReleaseMinutes: 60 },
};

/** Fields of the settings document (what PUT replaces); version and catalogVersion are the store's. */
const FIELDS = [
  "name",
  "locales",
  "defaultLocale",
  "currency",
  "greeting",
  "paymentMethods",
  "handover",
  "hours",
  "openingHours",
  "cart",
  "welcome",
] as const satisfies ReadonlyArray<keyof ShopSettings>;

export function settingsFromItem(item: Record<string, unknown> | undefined): ShopSettings {
  const out: ShopSettings = {
    ...structuredClone(DEFAULT_SETTINGS),
    version: 0,
    catalogVersion: 0,
  };
  if (!item) return out;
  const target = out as unknown as Record<string, unknown>;
  for (const f of FIELDS) if (item[f] !== undefined) target[f] = item[f];
  if (typeof item.version === "number") out.version = item.version;
  if (typeof item.catalogVersion === "number") out.catalogVersion = item.catalogVersion;
  return out;
}

/** The shop's settings, defaults filled in, with `version` and `catalogVersion` (0 when never set). */
export async function getSettings(db: Db, shopId: string): Promise<ShopSettings> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.shop(shopId) }));
  return settingsFromItem(res.Item);
}

/** Just the shop's catalogVersion (0 before the first catalogue write): a cheap staleness check for caches. */
export async function getCatalogVersion(db: Db, shopId: string): Promise<number> {
  const res = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.shop(shopId), ProjectionExpression: "catalogVersion" }),
  );
  const v = res.Item?.catalogVersion;
  return typeof v === "number" ? v : 0;
}

/**
 * Replaces the settings (fields left out go back to nothing, or to the defaults on read), keeping
 * catalogVersion. With `ifMatch` the write happens only at that version (`admin.version_conflict` otherwise).
 */
export async function putSettings(
  db: Db,
  shopId: string,
  settings: ShopSettings,
  ifMatch?: IfMatch,
): Promise<ShopSettings> {
  const names: Record<string, string> = {
    "#version": "version",
    "#et": "_et",
    "#v": "_v",
    "#updatedAt": "updatedAt",
  };
  const values: Record<string, unknown> = {
    ":zero": 0,
    ":one": 1,
    ":et": "Shop",
    ":ev": ENTITY_VERSION,
    ":now": new Date().toISOString(),
  };
  const sets = [
    "#version = if_not_exists(#version, :zero) + :one",
    "#et = :et",
    "#v = :ev",
    "#updatedAt = :now",
  ];
  const removes: string[] = [];
  for (const f of FIELDS) {
    names[`#${f}`] = f;
    if (settings[f] === undefined) removes.push(`#${f}`);
    else {
      sets.push(`#${f} = :${f}`);
      values[`:${f}`] = settings[f];
    }
  }
  let condition: string | undefined;
  if (ifMatch === 0) condition = "attribute_not_exists(#version)";
  else if (ifMatch === "*") condition = "attribute_exists(#version)";
  else if (ifMatch !== undefined) {
    condition = "#version = :expected";
    values[":expected"] = ifMatch;
  }
  try {
    const res = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.shop(shopId),
        UpdateExpression: `SET ${sets.join(", ")}${removes.length ? ` REMOVE ${removes.join(", ")}` : ""}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: "ALL_NEW",
      }),
    );
    return settingsFromItem(res.Attributes);
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) {
      throw new AppError(
        "admin.version_conflict",
        `The settings are no longer at version ${ifMatch}.`,
        undefined,
        { cause: e },
      );
    }
    throw e;
  }
}
