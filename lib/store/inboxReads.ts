/**
 * What the team inbox shows beside each conversation, read from the conversation's partition: the newest
 * transcript lines (the last message preview) and how many of the shopper's messages came after the team last
 * read it (`readAt`). One Query per conversation, newest first, at most {@link UNREAD_CAP} lines.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { TranscriptMessage } from "../model/conversation";
import type { Db } from "./client";
import { keys } from "./keys";

/** unread counts stop here ("20+" in the page) */
export const UNREAD_CAP = 20;

export interface InboxActivity {
  /** the newest transcript line, if any */
  last?: Pick<TranscriptMessage, "at" | "author" | "text" | "direction">;
  /** shopper messages after `readAt` (all of them when never read), at most UNREAD_CAP */
  unread: number;
}

export async function inboxActivity(
  db: Db,
  shopId: string,
  conversationId: string,
  readAt: string | undefined,
): Promise<InboxActivity> {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :msg)",
      ExpressionAttributeValues: {
        ":pk": keys.conversationPartition(shopId, conversationId),
        ":msg": "MSG#",
      },
      ScanIndexForward: false,
      Limit: UNREAD_CAP,
    }),
  );
  const items = (res.Items ?? []) as TranscriptMessage[];
  const first = items[0];
  const unread = items.filter((m) => m.direction === "in" && (!readAt || m.at > readAt)).length;
  return {
    ...(first && {
      last: { at: first.at, author: first.author, text: first.text, direction: first.direction },
    }),
    unread,
  };
}
