/** The local stack's clock offset (dev stage only): one item, moved with ADD by `POST /dev/clock`. */
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { ENTITY_VERSION, keys } from "./keys";

export async function readClockOffset(db: Db): Promise<number> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.devClock }));
  const v = res.Item?.offsetMs;
  return typeof v === "number" ? v : 0;
}

/** Adds `ms` (may be negative) and answers the new offset; `reset` sets it to 0. */
export async function moveClockOffset(db: Db, ms: number, reset = false): Promise<number> {
  const res = await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.devClock,
      UpdateExpression: reset
        ? "SET offsetMs = :zero, #et = :et, #v = :v"
        : "SET #et = :et, #v = :v ADD offsetMs :ms",
      ExpressionAttributeNames: { "#et": "_et", "#v": "_v" },
      ExpressionAttributeValues: {
        ":et": "DevClock",
        ":v": ENTITY_VERSION,
        ...(reset ? { ":zero": 0 } : { ":ms": ms }),
      },
      ReturnValues: "ALL_NEW",
    }),
  );
  return (res.Attributes?.offsetMs as number | undefined) ?? 0;
}
