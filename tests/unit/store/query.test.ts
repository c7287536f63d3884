/**
 * The paging and retry loops of lib/store/query.ts against a stub document client: DynamoDB Local answers
 * small Queries in one page and never leaves BatchWrite items unprocessed, so the integration tests do not
 * reach these paths.
 */
import type { BatchWriteCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import type { Db } from "../../../lib/store/client";
import { batchWrite, batchWriteAll, queryAll, queryPages, type WriteRequest } from "../../../lib/store/query";

/** A Db whose client answers each command with the next of `answers`, recording the commands' inputs. */
function stubDb(answers: unknown[]) {
  const sent: Array<Record<string, unknown>> = [];
  const doc = {
    send: async (command: QueryCommand | BatchWriteCommand) => {
      sent.push(command.input as Record<string, unknown>);
      const next = answers.shift();
      if (next === undefined) throw new Error("no answer left");
      return next;
    },
  };
  return { db: { doc, table: "t" } as unknown as Db, sent };
}

const put = (id: string): WriteRequest => ({ PutRequest: { Item: { pk: id, sk: id } } });
const unprocessed = (requests: WriteRequest[]) => ({ UnprocessedItems: { t: requests } });
const noDelay = () => 0;

describe("queryPages / queryAll", () => {
  it("follows LastEvaluatedKey to the last page", async () => {
    const { db, sent } = stubDb([
      { Items: [{ n: 1 }], LastEvaluatedKey: { pk: "a" } },
      { Items: [{ n: 2 }], LastEvaluatedKey: { pk: "b" } },
      { Items: [{ n: 3 }] },
    ]);
    expect(await queryAll(db, { KeyConditionExpression: "pk = :pk" })).toEqual([
      { n: 1 },
      { n: 2 },
      { n: 3 },
    ]);
    expect(sent.map((i) => i.ExclusiveStartKey)).toEqual([undefined, { pk: "a" }, { pk: "b" }]);
    expect(sent[0]).toMatchObject({ TableName: "t", KeyConditionExpression: "pk = :pk" });
  });

  it("starts at `start`, asks `limit()` before each page, and stops when the loop is left", async () => {
    const { db, sent } = stubDb([
      { Items: [{ n: 1 }, { n: 2 }], LastEvaluatedKey: { pk: "b" } },
      { Items: [{ n: 3 }], LastEvaluatedKey: { pk: "c" } },
      { Items: [{ n: 4 }] },
    ]);
    const got: unknown[] = [];
    let next: unknown;
    for await (const page of queryPages(db, {}, { start: { pk: "a" }, limit: () => 3 - got.length })) {
      got.push(...page.items);
      next = page.next;
      if (got.length >= 3) break;
    }
    expect(got).toHaveLength(3);
    expect(next).toEqual({ pk: "c" });
    expect(sent.map((i) => [i.ExclusiveStartKey, i.Limit])).toEqual([
      [{ pk: "a" }, 3],
      [{ pk: "b" }, 1],
    ]);
  });
});

describe("batchWrite / batchWriteAll", () => {
  it("sends what was left unprocessed again, at most `attempts` calls, and returns what is still left", async () => {
    const { db, sent } = stubDb([
      unprocessed([put("b"), put("c")]),
      unprocessed([put("c")]),
      unprocessed([put("c")]),
    ]);
    const waits: number[] = [];
    const left = await batchWrite(db, [put("a"), put("b"), put("c")], {
      attempts: 3,
      delay: (attempt) => {
        waits.push(attempt);
        return 0;
      },
    });
    expect(left).toEqual([put("c")]);
    expect(sent.map((i) => (i.RequestItems as { t: unknown[] }).t.length)).toEqual([3, 2, 1]);
    expect(waits).toEqual([0, 1]);
  });

  it("writes 25 at a time and throws `failure` at the first batch left unprocessed", async () => {
    const requests = Array.from({ length: 60 }, (_, i) => put(String(i)));
    const ok = stubDb([{}, {}, {}]);
    await batchWriteAll(ok.db, requests, { attempts: 2, delay: noDelay, failure: "boom" });
    expect(ok.sent.map((i) => (i.RequestItems as { t: unknown[] }).t.length)).toEqual([25, 25, 10]);

    const stuck = stubDb([unprocessed([put("0")]), unprocessed([put("0")])]);
    await expect(
      batchWriteAll(stuck.db, requests, { attempts: 2, delay: noDelay, failure: "boom" }),
    ).rejects.toThrow("boom");
    expect(stuck.sent).toHaveLength(2);
  });
});
