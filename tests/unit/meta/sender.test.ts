/**
 * The turn sender's pure paths: what goes out now and what the platforms' responses mean. What goes to the
 * outbox is covered against DynamoDB Local in tests/integration/outbox.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { GraphClient, SendResult } from "../../../lib/channels/meta/graph";
import { createTurnSender, messageIdOf } from "../../../lib/channels/meta/sender";
import type { ChannelId, GraphBody } from "../../../lib/channels/types";
import type { Db } from "../../../lib/store/client";
import type { ChannelAccount } from "../../../lib/store/shops";

const account = (over: Partial<ChannelAccount> = {}): ChannelAccount => ({
  shopId: "default",
  channel: "whatsapp",
  accountId: "200000000000002",
  accessToken: "wa-token",
  ...over,
});

/** Sends must not touch DynamoDB while nothing is deferred. */
const noDb = {
  get doc(): never {
    throw new Error("DynamoDB used by a send that should not defer");
  },
} as unknown as Db;

/** A GraphClient that answers from a script and records its calls. */
function scriptedGraph(...results: SendResult[]) {
  const calls: Array<{ accountId: string; token: string; body: GraphBody; deadline?: number }> = [];
  const graph: GraphClient = {
    async send(accountId, token, body, opts) {
      calls.push({ accountId, token, body, deadline: opts?.deadline });
      return results[Math.min(calls.length - 1, results.length - 1)] as SendResult;
    },
    async post() {
      throw new Error("only send is used here");
    },
  };
  return { graph, calls };
}

describe("messageIdOf", () => {
  it.each<[ChannelId, unknown, string | undefined]>([
    [
      "messenger",
      { recipient_id: "1254477777772919", message_id: "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM" },
      "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM",
    ],
    [
      "whatsapp",
      {
        messaging_product: "whatsapp",
        messages: [{ id: "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA" }],
      },
      "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",
    ],
    ["whatsapp", { messages: [] }, undefined],
    ["whatsapp", { message_id: "m_1" }, undefined],
    ["messenger", { messages: [{ id: "wamid.1" }] }, undefined],
    ["messenger", undefined, undefined],
    ["whatsapp", "not json", undefined],
  ])("reads the %s message id from %j", (channel, response, expected) => {
    expect(messageIdOf(channel, response)).toBe(expected);
  });
});

describe("createTurnSender", () => {
  const bodies = [
    { to: "6591234567", text: { body: "one" } },
    { to: "6591234567", text: { body: "two" } },
  ];

  it("sends in order with the account's token and the turn's deadline, without DynamoDB", async () => {
    const { graph, calls } = scriptedGraph(
      { ok: true, status: 200, response: { messages: [{ id: "wamid.1" }] } },
      { ok: true, status: 200, response: { messages: [{ id: "wamid.2" }] } },
    );
    const deadline = Date.now() + 2000;
    const sender = createTurnSender({
      graph,
      db: noDb,
      account: account(),
      deadline,
      idPrefix: "whatsapp#wamid.in",
    });
    expect(await sender.send(bodies)).toEqual([
      { body: bodies[0], state: "sent", messageId: "wamid.1", sendId: "whatsapp#wamid.in#000" },
      { body: bodies[1], state: "sent", messageId: "wamid.2", sendId: "whatsapp#wamid.in#001" },
    ]);
    expect(calls).toEqual([
      { accountId: "200000000000002", token: "wa-token", body: bodies[0], deadline },
      { accountId: "200000000000002", token: "wa-token", body: bodies[1], deadline },
    ]);
  });

  it("reports a final failure and goes on sending the next message now", async () => {
    const { graph, calls } = scriptedGraph(
      { ok: false, retryable: false, status: 400, error: "graph 400: (#131047) Re-engagement message" },
      { ok: true, status: 200, response: { messages: [{ id: "wamid.2" }] } },
    );
    const sender = createTurnSender({
      graph,
      db: noDb,
      account: account(),
      deadline: Date.now() + 2000,
      idPrefix: "whatsapp#wamid.in",
    });
    expect((await sender.send(bodies)).map((s) => s.state)).toEqual(["failed", "sent"]);
    expect(calls).toHaveLength(2);
  });

  it("tags each message with its send id (what Meta echoes back), not read receipts", async () => {
    const { graph, calls } = scriptedGraph({
      ok: true,
      status: 200,
      response: { messages: [{ id: "wamid.1" }] },
    });
    const sender = createTurnSender({
      graph,
      db: noDb,
      account: account(),
      deadline: Date.now() + 2000,
      idPrefix: "whatsapp#wamid.in",
      firstIndex: 2,
    });
    const text = { messaging_product: "whatsapp", to: "6591234567", type: "text", text: { body: "hi" } };
    const read = { messaging_product: "whatsapp", status: "read", message_id: "wamid.in" };
    const sent = await sender.send([text, read]);
    expect(calls.map((c) => c.body)).toEqual([
      { ...text, biz_opaque_callback_data: "chatcart:whatsapp#wamid.in#002" },
      read,
    ]);
    // callers see the body they gave
    expect(sent.map((s) => s.body)).toEqual([text, read]);
  });
});
