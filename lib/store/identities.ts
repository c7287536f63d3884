/**
 * WhatsApp shoppers by business-scoped user id (BSUID) and phone number: which conversation a delivery belongs
 * to. The store is the only place that knows conversation keys, so joining a conversation to its BSUID happens
 * here.
 *
 * - A BSUID seen before (its identity item) → its conversation, whatever else the delivery says.
 * - A BSUID seen for the first time with the phone number → `whatsapp:{phone}`: the conversation the shopper has
 *   had by phone (or a new one under that id, as before usernames); the turn writes the identity item, so a
 *   later delivery with the BSUID alone (the shopper adopted a username) continues it: history, cart and orders.
 * - A BSUID alone, first time → `whatsapp:{BSUID}`, and the identity item, so a later delivery that also
 *   carries the phone number still finds this conversation.
 * - No BSUID (deliveries from before April 2026) → `whatsapp:{phone}`, as always, with no read.
 *
 * Why the phone number keys the conversation when Meta gives it (rather than the BSUID): during the rollout one
 * shopper's deliveries may come with and without the BSUID; keyed by phone they all meet, and conversation ids
 * stay `whatsapp:{phone}` for everyone who has a number. The BSUID always resolves through its identity item.
 *
 * One GetItem, only for deliveries with a BSUID.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { entity, keys } from "./keys";

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
  const res = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.whatsappIdentity(shopId, bsuid), ConsistentRead: true }),
  );
  const known = res.Item?.conversationId;
  if (typeof known === "string") return { conversationId: known, join: false };
  return { conversationId: `whatsapp:${phone ?? bsuid}`, join: true };
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
