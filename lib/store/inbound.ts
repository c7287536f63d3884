/**
 * Redelivery guard: Meta retries a webhook it thinks failed, with the same `mid` / `wamid`. The first
 * delivery claims the id with a conditional put; a redelivery fails the condition and is not answered again.
 * Claims expire after 7 days (TTL), longer than Meta retries.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { entity, expiresInDays, keys } from "./keys";

export const INBOUND_CLAIM_DAYS = 7;

/** True when this call claimed the id (first delivery), false on a redelivery. */
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
