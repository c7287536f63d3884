/**
 * A shop's products, and the versioned-item machinery products and answers share.
 *
 * Every product or answer carries `version` (1 on create, +1 on every write) for optimistic locking
 * (`If-Match`). Each write or delete also bumps `catalogVersion` on the shop item in the same transaction,
 * so a container that cached the catalogue sees the change by reading one item (lib/catalog/cache.ts).
 * Imports write in batches and bump it once at the end.
 */
import { GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Product } from "../catalog/types";
import { AppError } from "../errors";
import type { Db } from "./client";
import { ENTITY_VERSION, type Entity, entity, type Key, keys, toDomain } from "./keys";
import { batchWrite, queryAll } from "./query";
import { backoff, cancellationCodes, isConflict, sleep } from "./transactions";

/** `If-Match`: a version number, or `*` (the item must exist, whatever its version). */
export type IfMatch = number | "*";

export interface PutResult<T> {
  item: T;
  created: boolean;
}

interface Versioned {
  id: string;
  version?: number;
  updatedAt?: string;
}

/** How one kind of versioned item maps to the table. */
export interface VersionedKind {
  entity: Entity;
  /** the error text's noun: "product", "answer" */
  noun: string;
  key(shopId: string, id: string): Key;
  partition(shopId: string): string;
}

/** A product or answer item as its domain object (without its table attributes and the shop id). */
export const fromItem = <T>(item: Record<string, unknown>): T => toDomain<T>(item, ["shopId"]);

/** The Update that bumps the shop's catalogVersion (creating the shop item when it is missing). */
export const bumpCatalogVersion = (db: Db, shopId: string) => ({
  TableName: db.table,
  Key: keys.shop(shopId),
  UpdateExpression: "ADD catalogVersion :one SET #et = if_not_exists(#et, :et), #v = if_not_exists(#v, :v)",
  ExpressionAttributeNames: { "#et": "_et", "#v": "_v" },
  ExpressionAttributeValues: { ":one": 1, ":et": "Shop", ":v": ENTITY_VERSION },
});

type Cancel = "condition" | "conflict" | "other";

/** Why the first item of a cancelled transaction failed. */
function cancelReason(e: unknown): Cancel | undefined {
  const codes = cancellationCodes(e);
  if (!codes) return undefined;
  if (codes[0] === "ConditionalCheckFailed") return "condition";
  if (isConflict(e)) return "conflict";
  return "other";
}

/** Every shop write touches the shop item, so concurrent writes of one shop may conflict: retry those. */
const MAX_ATTEMPTS = 8;

export async function getVersioned<T extends Versioned>(
  db: Db,
  kind: VersionedKind,
  shopId: string,
  id: string,
): Promise<T | undefined> {
  const res = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: kind.key(shopId, id), ConsistentRead: true }),
  );
  return res.Item ? fromItem<T>(res.Item) : undefined;
}

/** Every item of a kind in a shop, sorted by id (the sort key order), following the Query's pages. */
export async function listVersioned<T>(db: Db, kind: VersionedKind, shopId: string): Promise<T[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": kind.partition(shopId) },
  });
  return items.map((item) => fromItem<T>(item));
}

/**
 * Creates or replaces an item. With `ifMatch` the write happens only when the stored version still matches
 * (else `admin.version_conflict`); without it, the item is overwritten with the next version. The shop's
 * catalogVersion is bumped in the same transaction.
 */
export async function putVersioned<T extends Versioned>(
  db: Db,
  kind: VersionedKind,
  shopId: string,
  value: T,
  ifMatch?: IfMatch,
): Promise<PutResult<T>> {
  const { version: _ignored, updatedAt: _ignored2, ...fields } = value;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // Without If-Match the expected version is whatever is stored now: read it, write conditionally on it
    // and start over when someone wrote in between, so the version never goes backwards or repeats.
    let expected: number | undefined;
    let mustExist = false;
    if (ifMatch === undefined) {
      expected = (await getVersioned<T>(db, kind, shopId, value.id))?.version;
    } else if (ifMatch === "*") {
      const current = await getVersioned<T>(db, kind, shopId, value.id);
      if (!current) throw conflict(kind, value.id, "does not exist");
      expected = current.version;
      mustExist = true;
    } else {
      expected = ifMatch;
      mustExist = true;
    }
    const item = {
      ...fields,
      version: (expected ?? 0) + 1,
      updatedAt: new Date().toISOString(),
    } as T;
    const condition =
      expected === undefined
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : {
            ConditionExpression: "#version = :expected",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":expected": expected },
          };
    try {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: db.table,
                Item: entity(kind.entity, kind.key(shopId, value.id), { ...item, shopId }),
                ...condition,
              },
            },
            { Update: bumpCatalogVersion(db, shopId) },
          ],
        }),
      );
      return { item, created: expected === undefined };
    } catch (e) {
      const reason = cancelReason(e);
      if (reason === "condition" && mustExist) {
        throw conflict(kind, value.id, `is no longer at version ${expected}`, e);
      }
      if (reason === "condition" || reason === "conflict") {
        await sleep(backoff(attempt));
        continue;
      }
      throw e;
    }
  }
  throw busy(kind, value.id);
}

const conflict = (kind: VersionedKind, id: string, what: string, cause?: unknown) =>
  new AppError("admin.version_conflict", `The ${kind.noun} ${id} ${what}.`, undefined, { cause });

/** Retries ran out under concurrent writers: a 409 (nothing was written), not a failed If-Match. */
const busy = (kind: VersionedKind, id: string) =>
  new AppError("admin.conflict", `The ${kind.noun} ${id} is being changed by others: try again.`);

/**
 * Deletes an item; false when there was none. With `ifMatch`, only that version is deleted
 * (`admin.version_conflict` otherwise).
 */
export async function deleteVersioned(
  db: Db,
  kind: VersionedKind,
  shopId: string,
  id: string,
  ifMatch?: IfMatch,
): Promise<boolean> {
  const versioned = typeof ifMatch === "number";
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: db.table,
                Key: kind.key(shopId, id),
                ConditionExpression: versioned ? "#version = :expected" : "attribute_exists(pk)",
                ...(versioned
                  ? {
                      ExpressionAttributeNames: { "#version": "version" },
                      ExpressionAttributeValues: { ":expected": ifMatch },
                    }
                  : {}),
              },
            },
            { Update: bumpCatalogVersion(db, shopId) },
          ],
        }),
      );
      return true;
    } catch (e) {
      const reason = cancelReason(e);
      if (reason === "condition") {
        if (!versioned) return false;
        // Stale version or no item at all: a missing item is a 404, not a 412.
        if (!(await getVersioned(db, kind, shopId, id))) return false;
        throw conflict(kind, id, `is no longer at version ${ifMatch}`, e);
      }
      if (reason === "conflict") {
        await sleep(backoff(attempt));
        continue;
      }
      throw e;
    }
  }
  throw busy(kind, id);
}

export interface BatchOptions {
  /** parallel BatchWriteItem calls (each of up to 25 items) */
  parallel?: number;
  /** attempts for items DynamoDB leaves unprocessed */
  maxAttempts?: number;
}

/**
 * Writes many items with BatchWriteItem (25 per call, `parallel` calls at once), retrying unprocessed items
 * with backoff, then bumps catalogVersion once. No condition and no transaction: a batch is last-writer-wins,
 * which is what an import means. Returns the ids that could not be written after every retry.
 */
export async function putVersionedBatch<T extends Versioned>(
  db: Db,
  kind: VersionedKind,
  shopId: string,
  values: T[],
  opts: BatchOptions = {},
): Promise<{ failed: string[] }> {
  const parallel = opts.parallel ?? 8;
  const maxAttempts = opts.maxAttempts ?? 8;
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += 25) chunks.push(values.slice(i, i + 25));
  const failed: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++] as T[];
      const requests = chunk.map((v) => ({
        PutRequest: { Item: entity(kind.entity, kind.key(shopId, v.id), { ...v, shopId }) },
      }));
      const left = await batchWrite(db, requests, {
        attempts: maxAttempts,
        // the wait before retry n is min(2 s, 25·2^n ms) plus up to 25 ms
        delay: (attempt) => Math.min(2000, 25 * 2 ** (attempt + 1)) + Math.random() * 25,
      });
      for (const r of left) failed.push(String((r.PutRequest.Item as { id: string }).id));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, chunks.length) }, worker));
  if (values.length > failed.length) await db.doc.send(new UpdateCommand(bumpCatalogVersion(db, shopId)));
  return { failed };
}

export const PRODUCT: VersionedKind = {
  entity: "Product",
  noun: "product",
  key: keys.product,
  partition: keys.productPartition,
};

/** The shop's products, sorted by id (one paginated Query of the shop's product partition). */
export const listProducts = (db: Db, shopId: string): Promise<Product[]> =>
  listVersioned<Product>(db, PRODUCT, shopId);

export const getProduct = (db: Db, shopId: string, productId: string): Promise<Product | undefined> =>
  getVersioned<Product>(db, PRODUCT, shopId, productId);

/** Creates or replaces a product; see {@link putVersioned}. */
export async function putProduct(
  db: Db,
  shopId: string,
  product: Product,
  ifMatch?: IfMatch,
): Promise<PutResult<Product>> {
  return putVersioned(db, PRODUCT, shopId, product, ifMatch);
}

export const deleteProduct = (
  db: Db,
  shopId: string,
  productId: string,
  ifMatch?: IfMatch,
): Promise<boolean> => deleteVersioned(db, PRODUCT, shopId, productId, ifMatch);

/** Writes imported products (versions already set by the caller); see {@link putVersionedBatch}. */
export const putProductsBatch = (db: Db, shopId: string, products: Product[], opts?: BatchOptions) =>
  putVersionedBatch(db, PRODUCT, shopId, products, opts);
