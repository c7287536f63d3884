/**
 * The webhook's step that puts a WhatsApp delivery in the shopper's one conversation, whether Meta named them by
 * phone number, by business-scoped user id (BSUID), or both (lib/store/identities.ts decides). It sets the
 * activity's conversation id and returns what the turn records on the conversation. Other channels: nothing.
 */
import type { ChannelId, InboundActivity } from "../channels/types";
import type { Db } from "../store/client";
import { resolveWhatsAppConversation } from "../store/identities";

export interface IdentityTouch {
  phone?: string;
  bsuid?: string;
  joinBsuid?: boolean;
}

export async function identify(
  channel: ChannelId,
  activity: InboundActivity["activity"],
  shopId: string,
  db: Db,
): Promise<IdentityTouch> {
  const who = activity.channelData.whatsapp;
  if (channel !== "whatsapp" || !who?.bsuid) return {};
  const resolved = await resolveWhatsAppConversation(db, shopId, who);
  if (!resolved) return {};
  activity.conversation = { ...activity.conversation, id: resolved.conversationId };
  return {
    bsuid: who.bsuid,
    ...(who.phone && { phone: who.phone }),
    ...(resolved.join && { joinBsuid: true }),
  };
}
