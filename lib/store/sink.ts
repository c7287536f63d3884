/**
 * The local Graph API sink (dev stage only): what the bot "sent" to Meta, kept for a day so the `/chat`
 * page and tests can read it. The cursor is the sort key: time plus a random suffix, so it orders and is unique.
 */

import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ChannelId } from "../channels/types";
import type { Db } from "./client";
import { entity, expiresInDays, keys } from "./keys";

export interface SinkMessage {
  cursor: string;
  channel: ChannelId;
  accountId: string;
  /** the Authorization bearer the bot used, reduced to whether it matched the shop's token */
  authorized: boolean;
  body: Record<string, unknown>;
  receivedAt: string;
  /** the Graph edge when it is not `messages` (`messenger_profile`, `conversational_automation`) */
  edge?: string;
}

export async function putSinkMessage(db: Db, m: Omit<SinkMessage, "cursor">): Promise<SinkMessage> {
  const cursor = `${m.receivedAt}#${Math.random().toString(36).slice(2, 10)}`;
  const item = { ...m, cursor };
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: entity(
        "SinkMessage",
        { pk: keys.sinkPartition, sk: cursor },
        { ...item, expiresAt: expiresInDays(1) },
      ),
    }),
  );
  return item;
}

/**
 * Writers stamp the cursor before their write lands, so a message can become visible after a later one was
 * already read. Reads therefore reach back this far before the cursor; readers drop the cursors they have.
 */
const OVERLAP_MS = 1000;

const reachBack = (cursor: string): string => {
  const at = Date.parse(cursor.split("#")[0] ?? "");
  return Number.isNaN(at) ? cursor : new Date(at - OVERLAP_MS).toISOString();
};

/**
 * Messages after `after`, oldest first, including the last few seconds before it (see OVERLAP_MS): the
 * caller de-duplicates by cursor. Without `after`, only the current cursor.
 */
export async function listSinkMessages(
  db: Db,
  after: string | undefined,
  limit = 200,
): Promise<{ messages: SinkMessage[]; cursor: string }> {
  if (after === undefined) {
    const last = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.sinkPartition },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const cursor = (last.Items?.[0]?.cursor as string | undefined) ?? "";
    return { messages: [], cursor };
  }
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      // An empty cursor (nothing received yet when it was taken) means from the start.
      KeyConditionExpression: after === "" ? "pk = :pk" : "pk = :pk AND sk > :after",
      ExpressionAttributeValues:
        after === ""
          ? { ":pk": keys.sinkPartition }
          : { ":pk": keys.sinkPartition, ":after": reachBack(after) },
      Limit: limit,
    }),
  );
  const messages = (res.Items ?? []).map((i) => {
    const { cursor, channel, accountId, authorized, body, receivedAt, edge } = i as SinkMessage;
    return { cursor, channel, accountId, authorized, body, receivedAt, ...(edge && { edge }) };
  });
  const last = messages.at(-1)?.cursor;
  return { messages, cursor: last && last > after ? last : after };
}
