/**
 * Integration tests get a fresh table of their own on the run's DynamoDB Local. Refuses any endpoint that
 * is not on this machine, so a test can never touch a real table.
 */
import { randomUUID } from "node:crypto";
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, type Db } from "../../lib/store/client";
import { keys } from "../../lib/store/keys";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { ensureTable } from "../../lib/store/table";

export function assertLocal(endpoint: string): void {
  const host = new URL(endpoint).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against ${endpoint}: not a local DynamoDB`);
  }
}

export async function freshTable(): Promise<Db & { drop(): Promise<void> }> {
  const endpoint = inject("dynamoEndpoint");
  assertLocal(endpoint);
  const table = `test-${randomUUID().slice(0, 8)}`;
  const db = createDb({ endpoint, region: "us-east-1", table });
  // TTL off: the tests' own clocks would otherwise let DynamoDB Local's TTL sweep delete items mid-test
  await ensureTable(db.raw, table, { ttl: false });
  return {
    ...db,
    async drop() {
      await db.raw.send(new DeleteTableCommand({ TableName: table }));
      db.raw.destroy();
    },
  };
}

export type TestDb = Awaited<ReturnType<typeof freshTable>>;

/** A fresh table for the file: created before its tests, dropped after them. */
export function useFreshTable(assign: (db: TestDb) => void): void {
  let db: TestDb | undefined;
  beforeAll(async () => {
    db = await freshTable();
    assign(db);
  });
  afterAll(async () => {
    await db?.drop();
  });
}

/** The local stack's own table, for e2e tests that check what the HTTP routes wrote; closed after the file. */
export function useStackDb(): Db {
  const endpoint = inject("dynamoEndpoint");
  assertLocal(endpoint);
  const db = createDb({ endpoint, region: "us-east-1", table: inject("stackTable") });
  afterAll(() => db.raw.destroy());
  return db;
}

/**
 * Moves a conversation's idle clock and its idle-release timer `agoMs` into the past, as if nobody had
 * answered it for that long (the handoverIdle function then releases it).
 */
export async function backdateIdle(db: Db, conversationId: string, agoMs: number): Promise<void> {
  const past = new Date(Date.now() - agoMs).toISOString();
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.conversation(DEFAULT_SHOP_ID, conversationId),
      UpdateExpression: "SET idleSince = :past",
      ExpressionAttributeValues: { ":past": past },
    }),
  );
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.handoverTimer(DEFAULT_SHOP_ID, conversationId),
      UpdateExpression: "SET releaseAt = :past, gsi1sk = :sk",
      ExpressionAttributeValues: {
        ":past": past,
        ":sk": `${past}#${DEFAULT_SHOP_ID}#${conversationId}`,
      },
    }),
  );
}
