/**
 * What the inbox search `q` matches (docs/decisions.md "Inbox search"): the conversation id, the shopper's
 * name, or any of the newest transcript lines (lib/store/transcriptSearch.ts), case-insensitively, with
 * full-width and compatibility forms folded (NFKC), so "ＭＡＲＩＡ" finds "Maria".
 */
import type { Conversation } from "../model/conversation";
import type { Db } from "../store/client";
import { transcriptHas } from "../store/transcriptSearch";
import { displayName } from "./names";

/** The form both sides of a search are compared in. */
export const searchForm = (s: string): string =>
  s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

/** A predicate for texts that contain `q` (already trimmed, non-empty). */
export function textMatcher(q: string): (text: string) => boolean {
  const needle = searchForm(q);
  return (text) => searchForm(text).includes(needle);
}

type Searchable = Pick<Conversation, "conversationId" | "profile" | "name">;
const recordHas = (c: Searchable, has: (text: string) => boolean) =>
  has(c.conversationId) || has(displayName(c) ?? "");

/** True when the conversation's id or the shopper's name matches; no read. */
export const recordMatches = (c: Searchable, q: string) => recordHas(c, textMatcher(q));

/** Conversations searched at once (each at most one short Query chain). */
const PARALLEL = 8;

/**
 * The first `max` conversations that match `q`, in their order: the record first, else their transcript. At most
 * {@link PARALLEL} transcript reads run at a time, and none once `max` are found.
 */
export async function matchingConversations<C extends Conversation>(
  db: Db,
  shopId: string,
  conversations: C[],
  q: string,
  max = conversations.length,
): Promise<C[]> {
  const has = textMatcher(q);
  const hit: boolean[] = [];
  for (let i = 0; i < conversations.length && hit.filter(Boolean).length < max; i += PARALLEL) {
    const batch = conversations.slice(i, i + PARALLEL);
    hit.push(
      ...(await Promise.all(
        batch.map((c) => recordHas(c, has) || transcriptHas(db, shopId, c.conversationId, has)),
      )),
    );
  }
  return conversations.filter((_, i) => hit[i]).slice(0, max);
}
