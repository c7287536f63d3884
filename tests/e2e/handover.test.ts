/**
 * Human handover through the HTTP stack (serverless-offline → webhooks and agent API → DynamoDB Local → the
 * Graph API sink), on each channel: the shopper asks for a person, the conversation waits in the agent API,
 * an agent takes over, the bot stays silent, the agent's reply goes out within Meta's windows, release, and
 * the bot answers again. Also: windows at 25 h / 6 d / 8 d, shop isolation, a Page Inbox echo, idle release.
 */
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, inject, it } from "vitest";
import { keys } from "../../lib/store/keys";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { putToken } from "../../lib/store/tokens";
import { ADMIN_TOKEN, agentApi, type Channel, type Json, textDelivery, textOf } from "../helpers/chat";
import { backdateIdle, useStackDb } from "../helpers/db";
import { metaJson, newPsid, newWaId, PAGE_ID, postWebhook, type SinkMessage, sinkFor } from "../helpers/meta";

const url = inject("stackUrl");
const db = useStackDb();

const HOUR = 3_600_000;

const conversationPath = (id: string) => `conversations/${encodeURIComponent(id)}`;

const newUser = (channel: Channel) => (channel === "messenger" ? newPsid() : newWaId());

/** The shopper writes; waits for the 200 (the webhook has answered or queued everything by then). */
async function shopperSays(channel: Channel, user: string, text: string): Promise<void> {
  expect((await postWebhook(url, channel, metaJson(textDelivery(channel, user, text)))).status).toBe(200);
}

/** What the sink holds for `user` now. */
const sinkNow = (user: string) => sinkFor(url, user, { count: 0 });

/** Waits for a message to `user` that `match` accepts, among those after the first `skip`. */
async function waitFor(user: string, skip: number, match: (m: SinkMessage) => boolean): Promise<SinkMessage> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const found = (await sinkNow(user)).slice(skip).find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no matching message for ${user} within 15 s`);
}

/**
 * Nothing more reaches `user` while `act` runs and for `settleMs` after. Counted against a snapshot, as the
 * sink may also hold a duplicate of an earlier reply (a send that timed out on a cold stack and was retried
 * from the outbox: the documented at-least-once limit).
 */
async function expectSilence(user: string, act: () => Promise<void>, settleMs = 1500): Promise<void> {
  const before = (await sinkNow(user)).length;
  await act();
  await new Promise((r) => setTimeout(r, settleMs));
  expect((await sinkNow(user)).length).toBe(before);
}

async function setLastInbound(id: string, at: number): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.conversation(DEFAULT_SHOP_ID, id),
      UpdateExpression: "SET lastInboundAt = :at",
      ExpressionAttributeValues: { ":at": new Date(at).toISOString() },
    }),
  );
}

/** A conversation with the bot: the shopper said hi and got the welcome. */
async function greeted(channel: Channel): Promise<{ user: string; id: string }> {
  const user = newUser(channel);
  await shopperSays(channel, user, "hi");
  await sinkFor(url, user, { count: 1 });
  // let a retried duplicate of the welcome (cold stack) land before anything counts messages
  await new Promise((r) => setTimeout(r, 300));
  return { user, id: `${channel}:${user}` };
}

const isHandoverNotice = (m: SinkMessage) => /A person will reply here/.test(textOf(m));

describe.each(["messenger", "whatsapp"] as const)("handover on %s", (channel) => {
  it("asks for a person → waiting → takeover → silent bot → agent reply → release → the bot answers", async () => {
    const { user, id } = await greeted(channel);

    // the shopper asks for a person: told briefly, the conversation waits
    const start = (await sinkNow(user)).length;
    await shopperSays(channel, user, "I want to talk to a person");
    await waitFor(user, start, isHandoverNotice);
    const waiting = await agentApi(url, "GET", "conversations?status=waiting");
    expect(waiting.status).toBe(200);
    const item = waiting.body.items.find((c: { conversationId: string }) => c.conversationId === id);
    expect(item).toMatchObject({ status: "waiting", handoverReason: "asked", window: { state: "open" } });
    expect(item).not.toHaveProperty("pk");

    // the agent takes over
    const taken = await agentApi(url, "POST", `${conversationPath(id)}/takeover`);
    expect(taken.status).toBe(200);
    expect(taken.body.conversation).toMatchObject({
      status: "agent",
      agentId: expect.stringMatching(/^agent-/),
    });
    expect(
      (await agentApi(url, "GET", "conversations?status=agent")).body.items.map(
        (c: Json) => c.conversationId,
      ),
    ).toContain(id);

    // the shopper writes twice: stored, and the bot says nothing
    await expectSilence(user, async () => {
      await shopperSays(channel, user, "hello? anyone there?");
      await shopperSays(channel, user, "how much is the linen shirt?");
    });
    const detail = await agentApi(url, "GET", conversationPath(id));
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      cart: { items: [], total: { amount: 0, currency: "USD" } },
      orders: [],
      window: { channel, state: "open" },
    });
    expect(detail.body.messages.map((m: { text: string }) => m.text)).toEqual(
      expect.arrayContaining(["hello? anyone there?", "how much is the linen shirt?"]),
    );

    // the agent's reply reaches the Graph API as the platform wants it
    const beforeReply = (await sinkNow(user)).length;
    const sent = await agentApi(url, "POST", `${conversationPath(id)}/messages`, {
      text: "Hi! Ana here, happy to help.",
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      delivery: "sent",
      message: { author: "agent", text: "Hi! Ana here, happy to help." },
    });
    const reply = (await waitFor(user, beforeReply, (m) => textOf(m) === "Hi! Ana here, happy to help."))
      .body;
    if (channel === "messenger") {
      expect(reply).toMatchObject({
        messaging_type: "RESPONSE",
        message: { text: "Hi! Ana here, happy to help." },
      });
      expect(reply).not.toHaveProperty("tag");
    } else {
      expect(reply).toMatchObject({ type: "text", to: user, text: { body: "Hi! Ana here, happy to help." } });
    }

    // release: the bot answers the next question, with its context (locale, greeting) kept
    const released = await agentApi(url, "POST", `${conversationPath(id)}/release`);
    expect(released.status).toBe(200);
    expect(released.body.conversation).toMatchObject({ status: "bot", releaseReason: "agent" });
    expect(released.body.conversation).not.toHaveProperty("agentId");
    const beforeAnswer = (await sinkNow(user)).length;
    await shopperSays(channel, user, "how much is the linen shirt?");
    await waitFor(user, beforeAnswer, (m) => textOf(m).includes("39.00"));
    for (const m of await sinkNow(user)) expect(m.body).not.toHaveProperty("tag");
  });

  it("lists waiting conversations newest first", async () => {
    const a = await greeted(channel);
    const b = await greeted(channel);
    await shopperSays(channel, a.user, "talk to a human please");
    await waitFor(a.user, 0, isHandoverNotice);
    // WhatsApp timestamps are whole seconds: the second shopper writes in a later one
    await new Promise((r) => setTimeout(r, 1100));
    await shopperSays(channel, b.user, "talk to a human please");
    await waitFor(b.user, 0, isHandoverNotice);
    const ids = (await agentApi(url, "GET", "conversations?status=waiting&limit=100")).body.items.map(
      (c: { conversationId: string }) => c.conversationId,
    );
    expect(ids.indexOf(b.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
  });
});

describe("agent replies within Meta's windows", () => {
  it.each([
    [25, { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" }],
    [6 * 24, { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" }],
  ])("Messenger %d h after the shopper's last message: HUMAN_AGENT", async (hours, expected) => {
    const { user, id } = await greeted("messenger");
    await setLastInbound(id, Date.now() - hours * HOUR);
    const res = await agentApi(url, "POST", `${conversationPath(id)}/messages`, {
      text: "Following up on your order",
    });
    expect(res.status).toBe(201);
    expect(res.body.window).toMatchObject({ state: "human_agent" });
    const reply = await waitFor(user, 0, (m) => textOf(m) === "Following up on your order");
    expect(reply.body).toMatchObject({ ...expected, message: { text: "Following up on your order" } });
  });

  it.each([
    ["messenger", 8 * 24],
    ["whatsapp", 25],
    ["whatsapp", 8 * 24],
  ] as const)(
    "%s %d h after: 409 handover.window_closed, nothing sent, the bot keeps it",
    async (channel, hours) => {
      const { user, id } = await greeted(channel);
      await setLastInbound(id, Date.now() - hours * HOUR);
      await expectSilence(
        user,
        async () => {
          const res = await agentApi(url, "POST", `${conversationPath(id)}/messages`, { text: "Hello?" });
          expect(res.status).toBe(409);
          expect(res.body.error.code).toBe("handover.window_closed");
          expect(res.body.error.message).toMatch(channel === "messenger" ? /7 days/ : /24 hours/);
        },
        1000,
      );
      expect((await agentApi(url, "GET", conversationPath(id))).body.conversation.status).toBe("bot");
    },
  );
});

describe("access", () => {
  it("an agent token of another shop gets 404 for this shop's conversation", async () => {
    const { id } = await greeted("whatsapp");
    await putToken(db, "other-shop-agent-token", { shopId: "other-shop", role: "agent" });
    const other = "other-shop-agent-token";
    for (const [method, path] of [
      ["GET", conversationPath(id)],
      ["POST", `${conversationPath(id)}/takeover`],
      ["POST", `${conversationPath(id)}/release`],
    ] as const) {
      expect((await agentApi(url, method, path, undefined, other)).status).toBe(404);
    }
    expect(
      (await agentApi(url, "POST", `${conversationPath(id)}/messages`, { text: "hi" }, other)).status,
    ).toBe(404);
    const list = await agentApi(url, "GET", "conversations?status=bot&limit=100", undefined, other);
    expect(list.body.items).toEqual([]);
    expect((await agentApi(url, "GET", conversationPath(id))).body.conversation.status).toBe("bot");
  });

  it("401 without a token, 403 with an admin token, 400 for bad input, 404 for unknown ids", async () => {
    const res = await fetch(`${url}/api/agent/conversations`);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
    expect((await agentApi(url, "GET", "conversations", undefined, ADMIN_TOKEN)).status).toBe(403);
    expect((await agentApi(url, "GET", "conversations?status=closed")).status).toBe(400);
    const { id } = await greeted("messenger");
    const empty = await agentApi(url, "POST", `${conversationPath(id)}/messages`, { text: "  " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe("text");
    const long = await agentApi(url, "POST", `${conversationPath(id)}/messages`, { text: "x".repeat(2001) });
    expect(long.status).toBe(400);
    expect((await agentApi(url, "GET", conversationPath("whatsapp:000"))).status).toBe(404);
    expect((await agentApi(url, "GET", conversationPath("telegram:1"))).status).toBe(404);
  });
});

describe("Messenger Page Inbox and idle release", () => {
  it("an echo from another app takes the conversation over (agent page-inbox)", async () => {
    const { user, id } = await greeted("messenger");
    const mid = `m_pageinbox_${user}`;
    const echo = {
      object: "page",
      entry: [
        {
          id: PAGE_ID,
          time: Date.now(),
          messaging: [
            {
              sender: { id: PAGE_ID },
              recipient: { id: user },
              timestamp: Date.now(),
              message: { is_echo: true, app_id: 263902037430900, mid, text: "Hi, this is Sam from the shop" },
            },
          ],
        },
      ],
    };
    expect((await postWebhook(url, "messenger", metaJson(echo))).status).toBe(200);
    const detail = await agentApi(url, "GET", conversationPath(id));
    expect(detail.body.conversation).toMatchObject({ status: "agent", agentId: "page-inbox" });
    expect(detail.body.messages.at(-1)).toMatchObject({
      author: "agent",
      agentId: "page-inbox",
      text: "Hi, this is Sam from the shop",
    });
    await expectSilence(user, () => shopperSays("messenger", user, "thanks Sam"));
  });

  it("a conversation idle with a person goes back to the bot by itself (scheduled function)", async () => {
    const { user, id } = await greeted("whatsapp");
    await shopperSays("whatsapp", user, "I want to speak to someone");
    await waitFor(user, 0, isHandoverNotice);
    expect((await agentApi(url, "POST", `${conversationPath(id)}/takeover`)).status).toBe(200);
    // two hours idle: move the conversation's idle clock and its timer into the past
    await backdateIdle(db, id, 2 * HOUR);
    const deadline = Date.now() + 30_000;
    let status = "agent";
    while (Date.now() < deadline && status !== "bot") {
      await new Promise((r) => setTimeout(r, 500));
      const item = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.conversation(DEFAULT_SHOP_ID, id) }),
      );
      status = item.Item?.status;
    }
    expect(status).toBe("bot");
    const conv = (await agentApi(url, "GET", conversationPath(id))).body.conversation;
    expect(conv).toMatchObject({ status: "bot", releaseReason: "idle" });
  }, 45_000);
});
