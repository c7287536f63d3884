/**
 * What the store's retry loops share: reading why DynamoDB cancelled a transaction, and waiting before the
 * next attempt. See
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#API_TransactWriteItems_Errors
 * for the cancellation reason codes.
 */
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import type { TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";

/** One write of a TransactWriteItems call (a Put, Update, Delete or ConditionCheck). */
export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** 10·2^attempt ms plus up to 20 ms at random: the wait before retrying a transaction of one shop's items. */
export const backoff = (attempt: number) => 10 * 2 ** attempt + Math.random() * 20;

/**
 * The reason code of each item of a cancelled transaction, in the order of its items (`None` for an item that
 * did not fail); undefined when `e` is not a cancelled transaction.
 */
export const cancellationCodes = (e: unknown): string[] | undefined =>
  e instanceof TransactionCanceledException
    ? (e.CancellationReasons ?? []).map((r) => r.Code ?? "None")
    : undefined;

/**
 * Whether a cancelled transaction collided with another one: a `TransactionConflict` reason, or no reason at
 * all and a message that names a conflict (DynamoDB Local sometimes leaves the reasons out of a conflict).
 */
export function isConflict(e: unknown): boolean {
  const codes = cancellationCodes(e);
  if (!codes) return false;
  return (
    codes.some((c) => c === "TransactionConflict") ||
    (codes.every((c) => c === "None") && /conflict/i.test((e as TransactionCanceledException).message))
  );
}
