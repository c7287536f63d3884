/**
 * Catalogue imports and bulk deletes as jobs: a record the admin page polls for progress, and an undo log of
 * what every touched product was before, written before the products are, so an import that failed half way
 * can be undone too. Conditional single-product writes for undo and bulk delete (a product changed since is
 * left alone), and one catalogVersion bump after them.
 */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Product } from "../catalog/types";
import { AppError } from "../errors";
import type { Locale } from "../i18n";
import { bumpCatalogVersion, fromItem } from "./catalog";
import type { Db } from "./client";
import { entity, keys, toDomain } from "./keys";
import { batchWriteAll, queryAll } from "./query";

export type JobKind = "import" | "delete";
export type JobStatus = "running" | "done" | "failed" | "undoing" | "undone";

export interface ImportTotals {
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  errors: number;
}

export interface UndoSummary {
  at: string;
  by: string;
  /** products put back as they were */
  restored: number;
  /** products the import created, deleted again */
  deleted: number;
  /** products changed (or deleted) by someone else since: left as they are */
  skipped: string[];
}

/** A job record: what `GET /api/admin/imports/{id}` answers. */
export interface ImportJob {
  id: string;
  kind: JobKind;
  status: JobStatus;
  locale?: Locale;
  by: string;
  startedAt: string;
  finishedAt?: string;
  /** products to write (or delete) */
  total: number;
  /** products written (or deleted) so far: progress is processed / total */
  processed: number;
  totals?: ImportTotals;
  /** why a failed job stopped */
  error?: string;
  undo?: UndoSummary;
}

/**
 * One product the job touched: `before` is the stored product it replaced (none: the job created it);
 * `version` is the version the job wrote (none: the job deleted it).
 */
export interface UndoEntry {
  id: string;
  before?: Product;
  version?: number;
}

/** ~350 KB of JSON per undo item keeps each under DynamoDB's 400 KB item limit. */
const UNDO_CHUNK_BYTES = 350_000;

export async function createJob(db: Db, shopId: string, job: ImportJob): Promise<void> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: entity("Import", keys.importJob(shopId, job.id), { ...job }),
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  } catch (e) {
    if ((e as Error).name === "ConditionalCheckFailedException")
      throw new AppError("admin.conflict", `An import with id ${job.id} exists already: use a new importId.`);
    throw e;
  }
}

export async function getJob(db: Db, shopId: string, id: string): Promise<ImportJob | undefined> {
  const res = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.importJob(shopId, id), ConsistentRead: true }),
  );
  return res.Item ? toDomain<ImportJob>(res.Item) : undefined;
}

/** The shop's jobs, newest first. */
export async function listJobs(db: Db, shopId: string, limit = 50): Promise<ImportJob[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.importPartition(shopId) },
  });
  return items
    .map((i) => toDomain<ImportJob>(i))
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
    .slice(0, limit);
}

/** Sets some fields of a job (progress, status, totals). */
export async function updateJob(
  db: Db,
  shopId: string,
  id: string,
  fields: Partial<Omit<ImportJob, "id">>,
  opts: { ifStatus?: JobStatus } = {},
): Promise<boolean> {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return true;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = entries.map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  if (opts.ifStatus) {
    names["#status"] = "status";
    values[":if"] = opts.ifStatus;
  }
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.importJob(shopId, id),
        UpdateExpression: `SET ${sets.join(", ")}`,
        ConditionExpression: opts.ifStatus
          ? "attribute_exists(pk) AND #status = :if"
          : "attribute_exists(pk)",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (e) {
    if ((e as Error).name === "ConditionalCheckFailedException") return false;
    throw e;
  }
}

/** Writes the undo log in chunks of at most ~350 KB each. */
export async function putUndoLog(db: Db, shopId: string, id: string, entries: UndoEntry[]): Promise<void> {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const e of entries) {
    const json = JSON.stringify(e);
    if (current.length > 0 && size + json.length > UNDO_CHUNK_BYTES) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length > 0) chunks.push(current);
  await batchWriteAll(
    db,
    chunks.map((c, n) => ({
      PutRequest: {
        Item: entity("ImportUndo", keys.importUndo(shopId, id, n), { entries: `[${c.join(",")}]` }),
      },
    })),
    {
      attempts: 8,
      delay: (a) => Math.min(2000, 25 * 2 ** (a + 1)),
      failure: "could not store the undo log (the table is busy): nothing was imported, try again",
    },
  );
}

export async function getUndoLog(db: Db, shopId: string, id: string): Promise<UndoEntry[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.importUndoPartition(shopId, id) },
  });
  return items.flatMap((i) => JSON.parse(String(i.entries)) as UndoEntry[]);
}

const conditionFailed = (e: unknown) => (e as Error).name === "ConditionalCheckFailedException";

/**
 * Puts a product back as `product` (its version becomes `expectedVersion + 1`) only while the stored one is
 * at `expectedVersion`; with `expectedVersion` undefined only while there is none. False when not.
 */
export async function putProductIf(
  db: Db,
  shopId: string,
  product: Product,
  expectedVersion: number | undefined,
  now: string,
): Promise<boolean> {
  const { version: _v, updatedAt: _u, ...fields } = product;
  const input: PutCommandInput = {
    TableName: db.table,
    Item: entity("Product", keys.product(shopId, product.id), {
      ...fields,
      version: (expectedVersion ?? product.version ?? 0) + 1,
      updatedAt: now,
      shopId,
    }),
    ...(expectedVersion === undefined
      ? { ConditionExpression: "attribute_not_exists(pk)" }
      : {
          ConditionExpression: "#version = :v",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":v": expectedVersion },
        }),
  };
  try {
    await db.doc.send(new PutCommand(input));
    return true;
  } catch (e) {
    if (conditionFailed(e)) return false;
    throw e;
  }
}

/**
 * Deletes a product, only at `expectedVersion` when given (else whenever it exists). Answers the deleted
 * product, or undefined when the condition failed (changed since, or no such product).
 */
export async function deleteProductIf(
  db: Db,
  shopId: string,
  id: string,
  expectedVersion?: number,
): Promise<Product | undefined> {
  try {
    const res = await db.doc.send(
      new DeleteCommand({
        TableName: db.table,
        Key: keys.product(shopId, id),
        ReturnValues: "ALL_OLD",
        ...(expectedVersion === undefined
          ? { ConditionExpression: "attribute_exists(pk)" }
          : {
              ConditionExpression: "#version = :v",
              ExpressionAttributeNames: { "#version": "version" },
              ExpressionAttributeValues: { ":v": expectedVersion },
            }),
      }),
    );
    return res.Attributes ? fromItem<Product>(res.Attributes) : undefined;
  } catch (e) {
    if (conditionFailed(e)) return undefined;
    throw e;
  }
}

/** One catalogVersion bump after many single writes, so containers reload the catalogue once. */
export async function bumpCatalog(db: Db, shopId: string): Promise<void> {
  await db.doc.send(new UpdateCommand(bumpCatalogVersion(db, shopId)));
}
