/**
 * Messenger events that say who has a conversation, routed here by the webhook (none of them is answered):
 *
 * - `echo`: a message the page sent. Ours are ignored; one a person sent from Meta's Page Inbox (another
 *   app) is stored as an agent message and counts as that person taking over (`agent`, agent `page-inbox`).
 * - `standby`: the thread belongs to another app; the shopper's messages (and the page's echoes) still come,
 *   on the standby channel. They are stored, never answered.
 * - `handover` (handover protocol): `pass_thread_control` to us gives the conversation back to the bot;
 *   `take_thread_control` by another app hands it to a person.
 *   https://developers.facebook.com/docs/messenger-platform/handover-protocol
 *
 * Instagram Direct has standby and conversation routing (thread control) as Messenger does. Its echoes carry no
 * app id and no metadata, so ours cannot be told from a person's by the echo alone: they are logged, not taken as
 * a takeover (staff take an Instagram conversation over in /inbox).
 */
import type { ChannelId, InboundActivity } from "../channels/types";
import { classifyEcho } from "../handover/echo";
import { noteAgentMessage, PAGE_INBOX_AGENT_ID, releaseToBot, takeOver } from "../handover/service";
import { log, maskId } from "../log";
import { appendTranscript, getConversation, readConversation, touchInbound } from "../store/conversations";
import { claimInbound } from "../store/inbound";
import { getSettings } from "../store/settings";
import type { ChannelAccount } from "../store/shops";
import type { Runtime } from "./runtime";

type Activity = InboundActivity["activity"];

const atOf = (activity: Activity): string => new Date(activity.timestamp ?? Date.now()).toISOString();

/** Handles an echo, standby or handover event; false for any other event (the caller logs and drops it). */
export async function handleHandoverEvent(
  channel: ChannelId,
  activity: Activity,
  account: ChannelAccount,
  rt: Runtime,
): Promise<boolean> {
  // WhatsApp `smb_message_echoes`: a person answered from the WhatsApp Business app (always a person)
  if (channel === "whatsapp" && activity.name === "echo") {
    await onEcho(activity, account, rt, channel);
    return true;
  }
  if (channel !== "messenger" && channel !== "instagram") return false;
  const echoesTell = channel === "messenger";
  switch (activity.name) {
    case "echo":
      if (echoesTell) await onEcho(activity, account, rt);
      else log.debug("handover.echo_ignored", { channel });
      return true;
    case "standby":
      if (activity.channelData.echo) {
        if (echoesTell) await onEcho(activity, account, rt);
      } else await onStandbyMessage(channel, activity, account, rt);
      return true;
    case "handover":
      await onThreadControl(activity, account, rt);
      return true;
    default:
      return false;
  }
}

async function onEcho(
  activity: Activity,
  account: ChannelAccount,
  rt: Runtime,
  channel: ChannelId = "messenger",
): Promise<void> {
  const { shopId } = account;
  const conversationId = activity.conversation.id;
  const mid = activity.id;
  const verdict =
    channel === "whatsapp"
      ? "person"
      : await classifyEcho(
          { appId: activity.channelData.appId, metadata: activity.channelData.metadata, mid },
          {
            metaAppId: rt.config.metaAppId,
            sentIds: async () => {
              const { messages } = await readConversation(rt.db, shopId, conversationId, 100);
              return new Set(messages.flatMap((m) => (m.externalId ? [m.externalId] : [])));
            },
          },
        );
  if (verdict === "ours") return;
  if (mid && !(await claimInbound(rt.db, channel, `echo:${mid}`))) return;
  const conversation = await getConversation(rt.db, shopId, conversationId);
  if (!conversation) {
    // The page wrote before the shopper ever did (Meta allows that only in narrow cases): nothing to take over.
    log.info("handover.echo_without_conversation", { user: maskId(activity.recipient.id) });
    return;
  }
  const { handover: rules } = await getSettings(rt.db, shopId);
  const now = new Date();
  if (conversation.status !== "agent") {
    await takeOver(rt.db, conversation, PAGE_INBOX_AGENT_ID, rules, now, {
      reason: PAGE_INBOX_AGENT_ID,
      keepAgent: true,
    });
    log.info("handover.page_inbox_took_over", { shopId, conversation: maskId(conversationId) });
  }
  await noteAgentMessage(rt.db, conversation, rules, now);
  await appendTranscript(rt.db, shopId, conversationId, [
    {
      at: atOf(activity),
      direction: "out",
      author: "agent",
      agentId: PAGE_INBOX_AGENT_ID,
      text: activity.text || "[message]",
      kind: "echo",
      ...(mid && { externalId: mid }),
    },
  ]);
}

async function onStandbyMessage(
  channel: ChannelId,
  activity: Activity,
  account: ChannelAccount,
  rt: Runtime,
): Promise<void> {
  const at = atOf(activity);
  const dedupKey = `standby:${activity.id ?? `${activity.from.id}:${Date.parse(at)}`}`;
  if (!(await claimInbound(rt.db, channel, dedupKey))) return;
  await touchInbound(rt.db, {
    shopId: account.shopId,
    conversationId: activity.conversation.id,
    channel,
    userId: activity.from.id,
    at,
    accountId: account.accountId,
  });
  await appendTranscript(rt.db, account.shopId, activity.conversation.id, [
    {
      at,
      direction: "in",
      author: "shopper",
      text: activity.text || "[message]",
      kind: "standby",
      ...(activity.id && { externalId: activity.id }),
    },
  ]);
}

interface ThreadControl {
  action?: string;
  new_owner_app_id?: string | number;
  previous_owner_app_id?: string | number;
}

async function onThreadControl(activity: Activity, account: ChannelAccount, rt: Runtime): Promise<void> {
  const value = (activity.value ?? {}) as ThreadControl;
  const newOwner = value.new_owner_app_id !== undefined ? String(value.new_owner_app_id) : undefined;
  const ours = rt.config.metaAppId;
  const ref = { shopId: account.shopId, conversationId: activity.conversation.id };
  const conversation = await getConversation(rt.db, ref.shopId, ref.conversationId);
  if (!conversation) return;
  if (value.action === "pass_thread_control") {
    // Meta sends pass_thread_control to the app that receives the thread; with our app id known, check it.
    if (ours && newOwner && newOwner !== ours) return;
    if (await releaseToBot(rt.db, ref, "thread_control", new Date())) {
      log.info("handover.thread_passed_back", {
        shopId: ref.shopId,
        conversation: maskId(ref.conversationId),
      });
    }
    return;
  }
  if (value.action === "take_thread_control") {
    if (ours && newOwner === ours) return;
    const { handover: rules } = await getSettings(rt.db, ref.shopId);
    await takeOver(rt.db, conversation, PAGE_INBOX_AGENT_ID, rules, new Date(), {
      reason: PAGE_INBOX_AGENT_ID,
      keepAgent: true,
    });
    log.info("handover.thread_taken", { shopId: ref.shopId, conversation: maskId(ref.conversationId) });
    return;
  }
  // request_thread_control: another app asks us for the thread; we keep it (a person can pass it in the inbox).
  log.info("handover.thread_control_event", { action: value.action });
}
