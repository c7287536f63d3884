/**
 * Redelivery guard: Meta retries a webhook it thinks failed, with the same `mid` / `wamid`.
 *
 * At-least-once, exactly-once-visible (docs/interface.md): a message's claim goes through three states.
 * - `claimed`: an invocation is running the turn. A claim older than the stale limit (`INBOUND_CLAIM_STALE_MS`) belongs to an
 *   invocation that died (Lambda timeout, out of memory, SIGKILL): a redelivery takes it over and runs the turn
 *   again. A fresh claim is answered "busy" (the webhook answers 503 so Meta tries again later).
 * - `committed`: the turn's writes committed in the same transaction that set this state, with the turn's
 *   buffered replies stored on the claim (`repliesZ`: their JSON, deflated, about a third of the bytes a
 *   claim's writes pay for) and `sent` counting how many of them went out (or were
 *   queued in the outbox). A stale committed claim is taken over to send what was not sent; the turn does not
 *   run again, so no order or reply is doubled.
 * - `done`: every reply was sent or queued. A redelivery is acknowledged and nothing else happens.
 * Claims written before these states existed have no `state`: they count as done. Claims expire after 7 days
 * (TTL), longer than Meta retries.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { GraphBody } from "../channels/types";
import type { Db } from "./client";
import { ENTITY_VERSION, entity, expiresInDays, keys } from "./keys";
import type { TransactItem } from "./transactions";

export const INBOUND_CLAIM_DAYS = 7;

/** A claim this old without being done is taken over: the function timeout (10 s, serverless.yml) plus margin. */
export const DEFAULT_CLAIM_STALE_MS = 15_000;

/** The replies as the claim keeps them: deflated JSON (a DynamoDB binary). */
export const packReplies = (replies: GraphBody[]): Uint8Array =>
  deflateRawSync(Buffer.from(JSON.stringify(replies), "utf8"));

/** The replies a claim keeps (`replies` as a list on claims written before they were packed). */
export function unpackReplies(item: Record<string, unknown>): GraphBody[] {
  if (item.repliesZ instanceof Uint8Array)
    return JSON.parse(inflateRawSync(item.repliesZ).toString("utf8")) as GraphBody[];
  return (item.replies as GraphBody[] | undefined) ?? [];
}

export type ClaimState = "claimed" | "committed" | "done";

/** What the webhook does with a message after trying to claim it. */
export type Claim =
  /** run the turn (first delivery, or the invocation that claimed it died before the commit) */
  | { kind: "run"; claimedAt: string; retry: boolean }
  /** the turn committed but not every reply went out: send `replies` from index `sent` */
  | { kind: "resend"; claimedAt: string; replies: GraphBody[]; sent: number }
  /** another invocation is running it now: try again later */
  | { kind: "busy" }
  /** handled: acknowledge only */
  | { kind: "done" };

/**
 * True when this call claimed the id (first delivery), false on a redelivery. A one-step claim for events that
 * have no turn to commit (echoes, handover events): they are marked done at once.
 */
export async function claimInbound(
  db: Db,
  channel: string,
  dedupKey: string,
  now = Date.now(),
): Promise<boolean> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: entity("Inbound", keys.inbound(channel, dedupKey), {
          claimedAt: new Date(now).toISOString(),
          state: "done",
          expiresAt: expiresInDays(INBOUND_CLAIM_DAYS, now),
        }),
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}

/**
 * Claims a shopper message for a turn, or takes over a stale claim. The claim is conditional on the state
 * read, so of two redeliveries only one takes over.
 */
export async function claimTurn(
  db: Db,
  channel: string,
  dedupKey: string,
  staleMs = DEFAULT_CLAIM_STALE_MS,
  now = Date.now(),
): Promise<Claim> {
  const key = keys.inbound(channel, dedupKey);
  const claimedAt = new Date(now).toISOString();
  const stale = new Date(now - staleMs).toISOString();
  try {
    const res = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key,
        UpdateExpression:
          "SET claimedAt = :at, #state = if_not_exists(#state, :claimed), expiresAt = :exp, #et = :et, #v = :v, attempts = if_not_exists(attempts, :zero) + :one",
        ConditionExpression:
          "attribute_not_exists(pk) OR ((#state = :claimed OR #state = :committed) AND claimedAt < :stale)",
        ExpressionAttributeNames: { "#state": "state", "#et": "_et", "#v": "_v" },
        ExpressionAttributeValues: {
          ":at": claimedAt,
          ":claimed": "claimed",
          ":committed": "committed",
          ":stale": stale,
          ":exp": expiresInDays(INBOUND_CLAIM_DAYS, now),
          ":et": "Inbound",
          ":v": ENTITY_VERSION,
          ":zero": 0,
          ":one": 1,
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    const item = res.Attributes ?? {};
    if (item.state === "committed") {
      return {
        kind: "resend",
        claimedAt,
        replies: unpackReplies(item),
        sent: Number(item.sent ?? 0),
      };
    }
    return { kind: "run", claimedAt, retry: Number(item.attempts ?? 1) > 1 };
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
  const seen = await db.doc.send(new GetCommand({ TableName: db.table, Key: key, ConsistentRead: true }));
  const state = seen.Item?.state as ClaimState | undefined;
  return state === "claimed" || state === "committed" ? { kind: "busy" } : { kind: "done" };
}

/**
 * The claim's part of the turn's commit: `claimed` → `committed` with the replies to send (`done` when there
 * are none), only while this invocation still holds the claim (an invocation that took it over meanwhile
 * commits instead, once).
 */
export function commitClaimWrite(
  db: Db,
  claim: { channel: string; dedupKey: string; claimedAt: string; replies: GraphBody[] },
): TransactItem {
  return {
    Update: {
      TableName: db.table,
      Key: keys.inbound(claim.channel, claim.dedupKey),
      UpdateExpression:
        claim.replies.length > 0
          ? "SET #state = :committed, repliesZ = :replies, sent = :zero, committedAt = :now"
          : "SET #state = :done, committedAt = :now",
      ConditionExpression: "#state = :claimed AND claimedAt = :at",
      ExpressionAttributeNames: { "#state": "state" },
      ExpressionAttributeValues: {
        ":claimed": "claimed",
        ":at": claim.claimedAt,
        ":now": new Date().toISOString(),
        ...(claim.replies.length > 0
          ? { ":committed": "committed", ":replies": packReplies(claim.replies), ":zero": 0 }
          : { ":done": "done" }),
      },
    },
  };
}

/** Records that the first `sent` replies went out (or were queued): a takeover sends only the rest. */
export async function markSent(db: Db, channel: string, dedupKey: string, sent: number): Promise<void> {
  await db.doc
    .send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.inbound(channel, dedupKey),
        UpdateExpression: "SET sent = :n",
        ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(sent) OR sent < :n)",
        ExpressionAttributeValues: { ":n": sent },
      }),
    )
    .catch((e) => {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    });
}

/**
 * Gives a claim up after its work failed, so a redelivery runs it again at once (not only once it is stale).
 * Only the invocation that holds it (same `claimedAt`, still `claimed`) can.
 */
export async function releaseClaim(
  db: Db,
  channel: string,
  dedupKey: string,
  claimedAt: string,
): Promise<void> {
  await db.doc
    .send(
      new DeleteCommand({
        TableName: db.table,
        Key: keys.inbound(channel, dedupKey),
        ConditionExpression: "#state = :claimed AND claimedAt = :at",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":claimed": "claimed", ":at": claimedAt },
      }),
    )
    .catch((e) => {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    });
}

/** Every reply went out or is queued: the claim is done and forgets the replies. */
export async function markDone(db: Db, channel: string, dedupKey: string): Promise<void> {
  await db.doc
    .send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.inbound(channel, dedupKey),
        UpdateExpression: "SET #state = :done REMOVE replies, repliesZ",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":done": "done" },
      }),
    )
    .catch((e) => {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    });
}
