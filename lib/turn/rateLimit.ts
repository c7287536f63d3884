/**
 * Per-shopper rate limit (issue 14: 300 messages in a burst drew about 900 replies). Counted on the
 * conversation, in the turn's own read and write, per clock minute. Over the limit the bot answers once that it
 * will catch up, then stays quiet until the next minute; every message is still written to the transcript
 * (the transcript middleware records it before the bot decides anything). Pure.
 */
import type { Turn } from "./turn";

/** Messages a shopper may send in one minute and still each get an answer. */
export const MESSAGES_PER_MINUTE = 30;

export type RateDecision = "answer" | "tell" | "quiet";

/** Counts this message and says whether the bot answers it, says it is too much (once), or stays quiet. */
export function rateLimit(turn: Turn, limit = MESSAGES_PER_MINUTE): RateDecision {
  const window = turn.now.toISOString().slice(0, 16);
  const stored = turn.conversation.rate;
  const count = stored?.window === window ? stored.count + 1 : 1;
  turn.set({ rate: { window, count } });
  if (count <= limit) return "answer";
  return count === limit + 1 ? "tell" : "quiet";
}
