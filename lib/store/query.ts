/**
 * The DynamoDB loops every store module needs: a Query followed page by page (`LastEvaluatedKey`), and
 * BatchGetItem / BatchWriteItem calls that send again what DynamoDB left unprocessed.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { backoff, sleep } from "./transactions";

/** A Query on the table; the table name and the page's start key are filled in. */
export type QueryInput = Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">;

/** A key a Query continues from (`ExclusiveStartKey` / `LastEvaluatedKey`). */
export type StartKey = Record<string, unknown>;

/** An item as the document client returns it. */
export type Item = NonNullable<QueryCommandOutput["Items"]>[number];

export interface QueryPage {
  items: Item[];
  /** where the next page starts; undefined on the last page */
  next?: StartKey;
}

/**
 * The pages of a Query, from `start` (or the beginning) to the last page. Leave the loop to stop early: the
 * last page read tells where to continue. `limit`, when given, is asked before each request for that page's
 * `Limit` (what is still missing), instead of a fixed `Limit` in `input`.
 */
export async function* queryPages(
  db: Db,
  input: QueryInput,
  opts: { start?: StartKey; limit?: () => number } = {},
): AsyncGenerator<QueryPage, void, undefined> {
  let start = opts.start;
  do {
    const res = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        ...input,
        ...(opts.limit ? { Limit: opts.limit() } : {}),
        ExclusiveStartKey: start,
      }),
    );
    start = res.LastEvaluatedKey;
    yield { items: res.Items ?? [], next: start };
  } while (start);
}

/** Every item a Query finds, following its pages. */
export async function queryAll(db: Db, input: QueryInput): Promise<Item[]> {
  const out: Item[] = [];
  for await (const page of queryPages(db, input)) for (const item of page.items) out.push(item);
  return out;
}

/**
 * Items by key, 100 per BatchGetItem, consistent reads; keys DynamoDB leaves unprocessed are asked again (six
 * calls at most per hundred, with a growing wait), then `failure` is thrown. Missing items are left out.
 */
export async function batchGetAll(
  db: Db,
  keyList: Record<string, unknown>[],
  failure = "batchGetAll: unprocessed keys remained",
): Promise<Item[]> {
  const out: Item[] = [];
  for (let i = 0; i < keyList.length; i += 100) {
    let pending = keyList.slice(i, i + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 5) throw new Error(failure);
      if (attempt > 0) await sleep(backoff(attempt - 1));
      const res = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.table]: { Keys: pending, ConsistentRead: true } } }),
      );
      out.push(...(res.Responses?.[db.table] ?? []));
      pending = (res.UnprocessedKeys?.[db.table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return out;
}

/** One request of a BatchWriteItem (a put or a delete). */
export type WriteRequest = NonNullable<BatchWriteCommandInput["RequestItems"]>[string][number];

export interface BatchRetry {
  /** BatchWriteItem calls at most (the first one included) */
  attempts: number;
  /** the wait in ms after call `attempt` (0 for the first) left items unprocessed, before the next call */
  delay: (attempt: number) => number;
}

/**
 * Writes up to 25 requests with BatchWriteItem, sending what DynamoDB leaves unprocessed again (see
 * {@link BatchRetry}). Returns the requests still unprocessed when the attempts ran out (none when all went
 * through).
 */
export async function batchWrite<R extends WriteRequest>(
  db: Db,
  requests: R[],
  retry: BatchRetry,
): Promise<R[]> {
  let left = requests;
  for (let attempt = 0; left.length > 0 && attempt < retry.attempts; attempt++) {
    if (attempt > 0) await sleep(retry.delay(attempt - 1));
    const res = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: left } }));
    left = (res.UnprocessedItems?.[db.table] ?? []) as R[];
  }
  return left;
}

/**
 * Writes the requests 25 at a time, one batch after the other ({@link batchWrite}); throws `failure` at the
 * first batch that still has unprocessed items when its attempts ran out (the later batches are not sent).
 */
export async function batchWriteAll(
  db: Db,
  requests: WriteRequest[],
  retry: BatchRetry & { failure: string },
): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    const left = await batchWrite(db, requests.slice(i, i + 25), retry);
    if (left.length > 0) throw new Error(retry.failure);
  }
}
