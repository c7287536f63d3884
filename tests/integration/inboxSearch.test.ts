/**
 * Inbox search (`GET /api/agent/conversations?q=`) against DynamoDB Local: it finds a conversation by the
 * shopper's name, its id, or any of its newest transcript lines (not only the last one), case- and
 * width-insensitively, and stops at SEARCH_LINES lines per conversation (docs/decisions.md "Inbox search").
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentDeps, handleAgent } from "../../lib/agent/routes";
import type { HttpRequest } from "../../lib/http/request";
import type { TranscriptMessage } from "../../lib/model/conversation";
import { appendTranscript } from "../../lib/store/conversations";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { SEARCH_LINES, transcriptHas } from "../../lib/store/transcriptSearch";
import { freshTable, type TestDb } from "../helpers/db";
import { offlineDeps } from "../helpers/deps";
import { shopperConversation } from "../helpers/orders";

const SHOP = DEFAULT_SHOP_ID;
const start = Date.parse("2026-03-10T12:00:00.000Z");
let table: TestDb;
let deps: AgentDeps;

beforeAll(async () => {
  table = await freshTable();
  deps = await offlineDeps(table, () => start + 3_600_000);
});
afterAll(async () => {
  await table.drop();
});

async function search(q: string): Promise<string[]> {
  const req: HttpRequest = {
    method: "GET",
    path: "/api/agent/conversations",
    headers: { authorization: "Bearer dev-agent-token" },
    query: { status: "bot", q },
    pathParams: {},
    rawBody: Buffer.from(""),
  };
  const res = await handleAgent(req, deps);
  expect(res.statusCode, String(res.body)).toBe(200);
  return JSON.parse(String(res.body)).items.map((c: { conversationId: string }) => c.conversationId);
}

/** `n` transcript lines, oldest first, one minute apart from `start`, the shopper and the bot in turn. */
const lines = (texts: string[]): TranscriptMessage[] =>
  texts.map((text, i) => ({
    at: new Date(start + i * 60_000).toISOString(),
    direction: i % 2 ? "out" : "in",
    author: i % 2 ? "bot" : "shopper",
    text,
  }));

describe("inbox search over the whole conversation", () => {
  const tag = randomBytes(4).toString("hex");
  let maria: string;
  let long: string;

  beforeAll(async () => {
    maria = (await shopperConversation(table, SHOP, "whatsapp", start, "Maria Santos")).conversationId;
    await appendTranscript(
      table,
      SHOP,
      maria,
      lines([`is the zebrafinch-${tag} lamp in stock?`, "Yes, 3 left.", "ok thanks", "You're welcome!"]),
    );
    long = (await shopperConversation(table, SHOP, "messenger", start + 1000, "Ken Ito")).conversationId;
    // the word is in the oldest line, one past what a search reads
    await appendTranscript(
      table,
      SHOP,
      long,
      lines([
        `my parcel-${tag} never came`,
        `but the kettle-${tag} did`,
        ...Array.from({ length: SEARCH_LINES - 1 }, (_, i) => `line ${i}`),
      ]),
    );
  });

  it("finds a line that is not the last message, case- and width-insensitively", async () => {
    expect(await search(`zebrafinch-${tag}`)).toEqual([maria]);
    expect(await search(`ZEBRAFINCH-${tag.toUpperCase()}`)).toEqual([maria]);
    // full-width letters (an IME's form) fold to the same text
    const wide = [...`zebrafinch-${tag}`].map((ch) =>
      /[a-z0-9]/.test(ch) ? String.fromCodePoint((ch.codePointAt(0) ?? 0) + 0xfee0) : ch,
    );
    expect(await search(wide.join(""))).toEqual([maria]);
  });

  it("finds the shopper's name and the conversation id", async () => {
    expect(await search("maria santos")).toEqual([maria]);
    expect(await search(maria.slice("whatsapp:".length))).toEqual([maria]);
    expect(await search("ito")).toEqual([long]);
  });

  it(`reads at most the newest ${SEARCH_LINES} lines of a conversation`, async () => {
    // the second-oldest line is the 200th newest: found; the oldest is the 201st: not
    expect(await search(`kettle-${tag}`)).toEqual([long]);
    expect(await search(`parcel-${tag}`)).toEqual([]);
    expect(await transcriptHas(table, SHOP, long, (t) => t.includes(`parcel-${tag}`), SEARCH_LINES + 1)).toBe(
      true,
    );
    expect(await search(`nothing-${tag}`)).toEqual([]);
  });
});
