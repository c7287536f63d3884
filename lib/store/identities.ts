/**
 * WhatsApp shoppers by business-scoped user id (BSUID) and phone number: which conversation a delivery belongs
 * to. The store is the only place that knows conversation keys, so the joining of a phone-keyed conversation to
 * its BSUID happens here.
 *
 * - A BSUID already joined (an identity item) → its conversation.
 * - A delivery with the phone number and the BSUID, when a conversation keyed by that phone exists (a shopper
 *   from before usernames) → that conversation; the turn writes the identity item, so a later delivery with the
 *   BSUID alone (the shopper adopted a username) continues it: history, cart and orders.
 * - Otherwise a new shopper is keyed by BSUID (`whatsapp:{BSUID}`), the one id Meta always sends.
 * - A delivery without a BSUID (before April 2026) is keyed by phone number, as always: no read.
 *
 * One BatchGetItem (the identity item and the phone-keyed conversation), only for deliveries with a BSUID.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { entity, keys } from "./keys";
import { batchGetAll } from "./query";

export interface WhatsAppIdentity {
  bsuid?: string;
  phone?: string;
}

export interface ResolvedIdentity {
  conversationId: string;
  /** the identity item must be written (the turn does it, with its commit) */
  join: boolean;
}

export async function resolveWhatsAppConversation(
  db: Db,
  shopId: string,
  identity: WhatsAppIdentity,
): Promise<ResolvedIdentity | undefined> {
  const { bsuid, phone } = identity;
  if (!bsuid) return phone ? { conversationId: `whatsapp:${phone}`, join: false } : undefined;
  const alias = keys.whatsappIdentity(shopId, bsuid);
  const byPhone = phone ? keys.conversation(shopId, `whatsapp:${phone}`) : undefined;
  const items = await batchGetAll(db, [{ ...alias }, ...(byPhone ? [{ ...byPhone }] : [])]);
  const found = (k: { pk: string; sk: string }) => items.find((i) => i.pk === k.pk && i.sk === k.sk);
  const joined = found(alias);
  if (typeof joined?.conversationId === "string")
    return { conversationId: joined.conversationId, join: false };
  if (byPhone && found(byPhone)) return { conversationId: `whatsapp:${phone}`, join: true };
  return { conversationId: `whatsapp:${bsuid}`, join: false };
}

/** The identity item of a join, as a transaction Put (idempotent: the same BSUID always names the same thread). */
export const whatsappIdentityItem = (shopId: string, bsuid: string, conversationId: string) =>
  entity("WhatsAppIdentity", keys.whatsappIdentity(shopId, bsuid), { shopId, bsuid, conversationId });

/** Writes the identity item on its own (events outside a turn). */
export async function putWhatsAppIdentity(
  db: Db,
  shopId: string,
  bsuid: string,
  conversationId: string,
): Promise<void> {
  await db.doc.send(
    new PutCommand({ TableName: db.table, Item: whatsappIdentityItem(shopId, bsuid, conversationId) }),
  );
}
