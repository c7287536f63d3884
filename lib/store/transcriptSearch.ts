/**
 * Inbox search over a conversation's transcript (docs/decisions.md "Inbox search"): the newest
 * {@link SEARCH_LINES} lines are read newest first, page by page, and the reading stops at the first line that
 * matches. Nothing is written for search, so a turn pays nothing for it.
 */
import type { Db } from "./client";
import { keys } from "./keys";
import { queryPages } from "./query";

/** transcript lines a search reads per conversation at most (what the agent view shows, lib/agent/routes.ts) */
export const SEARCH_LINES = 200;

/** True when one of the conversation's newest `maxLines` transcript lines satisfies `matches`. */
export async function transcriptHas(
  db: Db,
  shopId: string,
  conversationId: string,
  matches: (text: string) => boolean,
  maxLines = SEARCH_LINES,
): Promise<boolean> {
  let read = 0;
  for await (const page of queryPages(
    db,
    {
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :msg)",
      ExpressionAttributeValues: {
        ":pk": keys.conversationPartition(shopId, conversationId),
        ":msg": "MSG#",
      },
      ProjectionExpression: "#text",
      ExpressionAttributeNames: { "#text": "text" },
      ScanIndexForward: false,
    },
    { limit: () => maxLines - read },
  )) {
    read += page.items.length;
    if (page.items.some((i) => typeof i.text === "string" && matches(i.text))) return true;
    if (read >= maxLines) return false;
  }
  return false;
}
