/**
 * The shop's co-purchase counts in DynamoDB, for recommendations (lib/recs). Each placed order adds its items
 * (variant groups) with `ADD`s, one UpdateItem per item, so concurrent orders never lose a count; the bot
 * loads the whole table with one Query and keeps it until the order count moves.
 */
import { GetCommand, UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import type { CoPurchase } from "../recs";
import type { Db } from "./client";
import { ENTITY_VERSION, keys } from "./keys";
import { queryAll } from "./query";

const PAIR = "p#";

/** Counts one order's items (group keys; repeats count once). */
export async function recordBasket(db: Db, shopId: string, groupKeys: readonly string[]): Promise<void> {
  await Promise.all(basketUpdates(db, shopId, groupKeys).map((u) => db.doc.send(new UpdateCommand(u))));
}

/** The UpdateItems that count one order's items (a turn writes them with its commit). */
export function basketUpdates(db: Db, shopId: string, groupKeys: readonly string[]): UpdateCommandInput[] {
  const groups = [...new Set(groupKeys)];
  if (groups.length === 0) return [];
  const updates: UpdateCommandInput[] = groups.map((g) => {
    const others = groups.filter((o) => o !== g);
    const names: Record<string, string> = { "#et": "_et", "#v": "_v" };
    const adds = ["n :one"];
    others.forEach((o, i) => {
      names[`#p${i}`] = `${PAIR}${o}`;
      adds.push(`#p${i} :one`);
    });
    return {
      TableName: db.table,
      Key: keys.coPurchase(shopId, g),
      UpdateExpression: `SET #et = :et, #v = :v ADD ${adds.join(", ")}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ":one": 1, ":et": "CoPurchase", ":v": ENTITY_VERSION },
    };
  });
  updates.push({
    TableName: db.table,
    Key: keys.coPurchaseTotal(shopId),
    UpdateExpression: "SET #et = :et, #v = :v ADD baskets :one",
    ExpressionAttributeNames: { "#et": "_et", "#v": "_v" },
    ExpressionAttributeValues: { ":one": 1, ":et": "CoPurchase", ":v": ENTITY_VERSION },
  });
  return updates;
}

/** The shop's co-purchase table (groupOf maps product ids to their group keys). */
export async function loadCoPurchase(
  db: Db,
  shopId: string,
  groupOf: ReadonlyMap<string, string>,
): Promise<CoPurchase> {
  const co: CoPurchase = { baskets: 0, counts: new Map(), pairs: new Map(), groupOf: new Map(groupOf) };
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.coPurchasePartition(shopId) },
  });
  for (const item of items) {
    const sk = item.sk as string;
    if (sk === "TOTAL") {
      co.baskets = Number(item.baskets ?? 0);
      continue;
    }
    const group = sk.slice(2);
    co.counts.set(group, Number(item.n ?? 0));
    const pairs = new Map<string, number>();
    for (const [name, value] of Object.entries(item)) {
      if (name.startsWith(PAIR) && typeof value === "number" && value > 0)
        pairs.set(name.slice(PAIR.length), value);
    }
    if (pairs.size > 0) co.pairs.set(group, pairs);
  }
  return co;
}

const cache = new Map<string, { baskets: number; value: Promise<CoPurchase> }>();

/**
 * {@link loadCoPurchase}, kept per shop in this container while no order was counted since: one GetItem of the
 * total checks that (recommendations follow the orders at once, and the Query runs only when they changed).
 */
export async function cachedCoPurchase(
  db: Db,
  shopId: string,
  groupOf: ReadonlyMap<string, string>,
  /** the total's `baskets` when the caller has just read it (a turn reads it with the shopper's state) */
  knownBaskets?: number,
): Promise<CoPurchase> {
  const baskets =
    knownBaskets ??
    Number(
      (await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.coPurchaseTotal(shopId) }))).Item
        ?.baskets ?? 0,
    );
  const hit = cache.get(shopId);
  if (hit && hit.baskets === baskets) return hit.value;
  const value = baskets === 0 ? Promise.resolve(loadEmpty(groupOf)) : loadCoPurchase(db, shopId, groupOf);
  cache.set(shopId, { baskets, value });
  value.catch(() => cache.delete(shopId));
  return value;
}

const loadEmpty = (groupOf: ReadonlyMap<string, string>): CoPurchase => ({
  baskets: 0,
  counts: new Map(),
  pairs: new Map(),
  groupOf: new Map(groupOf),
});
