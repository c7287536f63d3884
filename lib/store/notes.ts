/**
 * Internal notes on a conversation: what one agent leaves for the others. They live in the conversation's
 * partition under `NOTE#` (after the transcript's `MSG#` lines and outside `readConversation`'s range), so they
 * are never part of the transcript and never sent to the shopper; data deletion removes them with the partition.
 */
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { nextSeq } from "./conversations";
import { entity, keys, toDomain } from "./keys";

export interface Note {
  at: string;
  agentId: string;
  text: string;
}

export async function addNote(db: Db, shopId: string, conversationId: string, note: Note): Promise<Note> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: entity("Note", keys.note(shopId, conversationId, note.at, nextSeq()), note),
    }),
  );
  return note;
}

/** The conversation's notes, oldest first (at most 200). */
export async function listNotes(db: Db, shopId: string, conversationId: string): Promise<Note[]> {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :note)",
      ExpressionAttributeValues: {
        ":pk": keys.conversationPartition(shopId, conversationId),
        ":note": "NOTE#",
      },
      Limit: 200,
    }),
  );
  return (res.Items ?? []).map((i) => {
    const { at, agentId, text } = toDomain<Note>(i);
    return { at, agentId, text };
  });
}
