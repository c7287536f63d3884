/**
 * The handover state of a conversation: `bot` → `waiting` (the bot handed over) → `agent` (a person has it) →
 * `bot` (released by the person, by Meta's handover protocol, or after `idleReleaseMinutes` without a reply
 * from a person). Every change goes through `updateConversation`, so the GSI1 status index and the idle-release
 * timer move with it in one write.
 */
import type { HandoverRules } from "../catalog/types";
import type { Db } from "../store/client";
import {
  type Conversation,
  type ConversationStatus,
  deleteHandoverTimer,
  dueHandoverTimers,
  getConversation,
  moveHandoverTimer,
  updateConversation,
} from "../store/conversations";
import type { HandoverReason } from "./rules";

export const DEFAULT_IDLE_RELEASE_MINUTES = 60;
/** The agent id of a person answering in Meta's Page Inbox (seen through echoes and thread control). */
export const PAGE_INBOX_AGENT_ID = "page-inbox";

const WITH_A_PERSON: ConversationStatus[] = ["waiting", "agent"];

export interface ConversationRef {
  shopId: string;
  conversationId: string;
}

export const idleReleaseMinutes = (rules: Pick<HandoverRules, "idleReleaseMinutes">): number =>
  rules.idleReleaseMinutes ?? DEFAULT_IDLE_RELEASE_MINUTES;

/** When a conversation idle since `since` goes back to the bot. */
export const releaseTime = (since: string, rules: Pick<HandoverRules, "idleReleaseMinutes">): string =>
  new Date(Date.parse(since) + idleReleaseMinutes(rules) * 60_000).toISOString();

/** The bot hands over: `bot` → `waiting`. False when the conversation was not with the bot. */
export async function startHandover(
  db: Db,
  ref: ConversationRef,
  reason: HandoverReason,
  rules: HandoverRules,
  at: Date,
): Promise<boolean> {
  const iso = at.toISOString();
  return updateConversation(
    db,
    ref.shopId,
    ref.conversationId,
    { status: "waiting", handoverReason: reason, handoverAt: iso, idleSince: iso },
    { ifStatus: ["bot"], remove: ["agentId"], releaseAt: releaseTime(iso, rules) },
  );
}

/**
 * A person takes the conversation (`agent`), from any status. `keepAgent` keeps a person who already has it
 * (a Page Inbox echo must not take the conversation from an agent of ours who answers too).
 */
export async function takeOver(
  db: Db,
  conversation: Conversation,
  agentId: string,
  rules: HandoverRules,
  at: Date,
  opts: { reason?: string; keepAgent?: boolean } = {},
): Promise<boolean> {
  if (opts.keepAgent && conversation.status === "agent" && conversation.agentId)
    agentId = conversation.agentId;
  const iso = at.toISOString();
  const fromBot = conversation.status === "bot";
  return updateConversation(
    db,
    conversation.shopId,
    conversation.conversationId,
    {
      status: "agent",
      agentId,
      idleSince: iso,
      ...(fromBot || !conversation.handoverAt
        ? { handoverAt: iso, handoverReason: opts.reason ?? "agent" }
        : {}),
    },
    // Conditioned on the status we read: a concurrent change makes this a no-op the caller can retry.
    { ifStatus: [conversation.status], releaseAt: releaseTime(iso, rules) },
  );
}

/** A person's message went out: it is the last reply, and the idle clock starts again. */
export async function noteAgentMessage(
  db: Db,
  ref: ConversationRef,
  rules: HandoverRules,
  at: Date,
): Promise<boolean> {
  const iso = at.toISOString();
  return updateConversation(
    db,
    ref.shopId,
    ref.conversationId,
    { lastAgentAt: iso, idleSince: iso },
    { ifStatus: WITH_A_PERSON, releaseAt: releaseTime(iso, rules) },
  );
}

/** `shopper`: the shopper tapped "Talk to the bot" (lib/handover/waiting.ts) */
export type ReleaseReason = "agent" | "idle" | "thread_control" | "shopper";

/**
 * Back to the bot, which keeps its context (its state and the conversation's locale are untouched).
 * False when the conversation was with the bot already (or, with `ifIdleSince`, a person acted meanwhile).
 */
export async function releaseToBot(
  db: Db,
  ref: ConversationRef,
  reason: ReleaseReason,
  at: Date,
  opts: { ifIdleSince?: string } = {},
): Promise<boolean> {
  return updateConversation(
    db,
    ref.shopId,
    ref.conversationId,
    { status: "bot", releasedAt: at.toISOString(), releaseReason: reason },
    {
      ifStatus: WITH_A_PERSON,
      ...(opts.ifIdleSince !== undefined && { ifIdleSince: opts.ifIdleSince }),
      remove: ["agentId", "handoverReason", "handoverAt", "idleSince"],
      releaseAt: null,
    },
  );
}

export interface IdleReleaseResult {
  released: number;
  /** timers moved because the shop's idle time changed or a person acted */
  rescheduled: number;
  /** timers left behind by a conversation that is with the bot already */
  dropped: number;
}

/**
 * Gives conversations back to the bot when no person acted on them for the shop's `idleReleaseMinutes`.
 * Reads the due timers on GSI1; each one is checked against the conversation and the shop's current setting,
 * and the release is conditioned on `idleSince`, so a reply sent meanwhile keeps the conversation.
 */
export async function releaseIdleConversations(
  db: Db,
  rulesOf: (shopId: string) => Promise<HandoverRules>,
  now = Date.now(),
  /** after each release, with the conversation as it was (lib/handover/returned.ts tells the two sides) */
  onReleased?: (before: Conversation) => Promise<unknown>,
): Promise<IdleReleaseResult> {
  const result: IdleReleaseResult = { released: 0, rescheduled: 0, dropped: 0 };
  const rules = new Map<string, Promise<HandoverRules>>();
  for (const timer of await dueHandoverTimers(db, now)) {
    const conversation = await getConversation(db, timer.shopId, timer.conversationId);
    if (!conversation || conversation.status === "bot" || !conversation.idleSince) {
      await deleteHandoverTimer(db, timer);
      result.dropped++;
      continue;
    }
    let shopRules = rules.get(timer.shopId);
    if (!shopRules) {
      shopRules = rulesOf(timer.shopId);
      rules.set(timer.shopId, shopRules);
    }
    const due = releaseTime(conversation.idleSince, await shopRules);
    if (Date.parse(due) > now) {
      await moveHandoverTimer(db, timer, due);
      result.rescheduled++;
      continue;
    }
    const released = await releaseToBot(db, timer, "idle", new Date(now), {
      ifIdleSince: conversation.idleSince,
    });
    if (released) {
      result.released++;
      await onReleased?.(conversation);
    }
  }
  return result;
}
