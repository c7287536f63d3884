/**
 * Deleting a user's data on Meta's data deletion request.
 *
 * Who: the request carries one id. Meta documents it as the app-scoped user id; Messenger gives us page-scoped
 * ids (PSIDs) and WhatsApp phone numbers (wa_id), and we store no mapping between them. The id is therefore
 * taken as the user id of our conversations (`{channel}:{id}`) on every channel and shop: the user index
 * (`USER#{id}`, written on first contact) lists them.
 *
 * What goes, per conversation: the record (with the checkout profile: name, phone, address), the transcript,
 * the internal notes, the cart with the checkout in progress, the idle timer, the order references and "cart
 * became order" markers (the whole partition), the botbuilder conversation state, the redelivery claims and the
 * status references (`OUTMSG#`) keyed by the conversation's message ids (a WhatsApp `wamid` encodes the phone
 * number), the WhatsApp username (BSUID) alias, the agents' notices naming the conversation, and sends still
 * waiting in the outbox. Then the user index.
 *
 * What stays: orders, for the merchant's books (items, totals, status, history), with the customer's name,
 * phone and address removed, the user and conversation ids replaced by `deleted`, the order's notifications
 * without their platform message id, and its reviews' stars without comment or author; the shop's aggregate
 * counters (funnel, co-purchases) and its unanswered-question groups, which hold no user id.
 * Known leftovers, removed by their TTL: redelivery claims keyed by a postback, referral or standby event
 * without a message id (they name the sender; 7 days), outbox items Meta refused for good, and the outbox's
 * records of replies it sent or Meta's echo settled (no text; the platform message id and an id made from the
 * shopper's message id; 2 days).
 *
 * Orders are changed before the references to them are deleted, so a run that fails half-way leaves the
 * index and the references in place and a second request finishes the job.
 */

import { randomBytes } from "node:crypto";
import { log } from "../log";
import { agentNoticeKeysOf } from "../store/agentNotices";
import type { Db } from "../store/client";
import {
  anonymizeOrder,
  conversationItems,
  type DeletionRecord,
  deleteKeys,
  pendingOutboxKeysFor,
  putDeletion,
  userConversations,
} from "../store/deletion";
import { type Key, keys } from "../store/keys";
import { pendingRefKey } from "../store/outbound";
import { unansweredKeysOf } from "../store/unanswered";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** 16 base32 characters from 80 random bits: unguessable, alphanumeric as Meta asks. */
export function newConfirmationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export const isConfirmationCode = (code: string): boolean => /^[A-Z2-7]{16}$/.test(code);

/**
 * The key botbuilder's `ConversationState` stores a conversation under (botbuilder-core conversationState.js:
 * `${channelId}/conversations/${conversation.id}/${namespace}`, default namespace ""), in the shop's
 * DynamoStorage namespace. Our adapters use the channel name as the channel id.
 */
export const botStateKey = (shopId: string, channel: string, conversationId: string): Key =>
  keys.botState(shopId, `${channel}/conversations/${conversationId}/`);

/**
 * What a transcript message's platform id keys: the redelivery claims it may have made (lib/bot/webhook.ts,
 * handoverEvents.ts) and, for a message sent outside a turn, its status reference (lib/store/outbound.ts).
 */
function messageIdKeys(channel: string, externalId: string): Key[] {
  const out = [keys.inbound(channel, externalId), keys.outboundRef(channel, externalId)];
  if (channel === "messenger" || channel === "instagram") {
    out.push(keys.inbound(channel, `echo:${externalId}`), keys.inbound(channel, `standby:${externalId}`));
  }
  return out;
}

/** Deletes what we hold about `userId` (see the module comment) and records it under a new code. */
export async function deleteUserData(db: Db, userId: string, now = Date.now()): Promise<DeletionRecord> {
  const requestedAt = new Date(now).toISOString();
  const conversations = await userConversations(db, userId);
  let ordersAnonymized = 0;
  for (const { shopId, conversationId } of conversations) {
    const items = await conversationItems(db, shopId, conversationId);
    const record = items.find((i) => i.sk === "CONV");
    const channel = record?.channel ?? conversationId.split(":")[0] ?? "";
    for (const item of items) {
      if (item.sk.startsWith("ORDER#") && item.orderId) {
        if (await anonymizeOrder(db, shopId, item.orderId, requestedAt)) ordersAnonymized++;
      }
    }
    await deleteKeys(db, [
      // the shopper's words in the shop's unanswered questions
      ...(await unansweredKeysOf(db, shopId, conversationId)),
      ...(await agentNoticeKeysOf(db, shopId, conversationId)),
      ...items.flatMap((i) => (i.externalId ? messageIdKeys(channel, i.externalId) : [])),
      ...items.flatMap((i) => (i.sendId ? [pendingRefKey(channel, i.sendId), keys.outbox(i.sendId)] : [])),
      ...(record?.bsuid ? [keys.whatsappIdentity(shopId, record.bsuid)] : []),
      botStateKey(shopId, channel, conversationId),
      ...items.map(({ pk, sk }) => ({ pk, sk })),
    ]);
  }
  await deleteKeys(db, await pendingOutboxKeysFor(db, userId));
  await deleteKeys(
    db,
    conversations.map((c) => keys.userConversation(userId, c.shopId, c.conversationId)),
  );
  const record: DeletionRecord = {
    code: newConfirmationCode(),
    status: "completed",
    requestedAt,
    completedAt: new Date().toISOString(),
    conversations: conversations.length,
    ordersAnonymized,
  };
  await putDeletion(db, record, now);
  log.info("privacy.data_deleted", {
    code: record.code,
    conversations: record.conversations,
    ordersAnonymized,
  });
  return record;
}
