/**
 * The team inbox's API (issue 15), through the HTTP stack (serverless-offline → webhooks and agent API →
 * DynamoDB Local → the Graph API sink): the list shows the shopper's name from their checkout, channel,
 * language, last message, unread count and why the conversation left the bot; search and filters; read;
 * assignment and "mine"; internal notes that never reach the shopper; canned replies with variables.
 */
import { randomBytes } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, inject, it } from "vitest";
import { keys } from "../../lib/store/keys";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { putToken } from "../../lib/store/tokens";
import { agentApi, type Json, say } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { newPsid, sinkFor } from "../helpers/meta";
import { placedOrder } from "../helpers/orders";

const url = inject("stackUrl");
const db = useStackDb();
/** letters only: a name to search for that no other test uses */
const tag = [...randomBytes(5)].map((b) => String.fromCharCode(97 + (b % 26))).join("");
const NAME = `Maria Santos ${tag}`;
const path = (id: string) => `conversations/${encodeURIComponent(id)}`;

/** A Messenger shopper who asked for a person and checked out before (their profile has their name). */
async function waitingShopper(): Promise<{ user: string; id: string }> {
  const user = newPsid();
  const id = `messenger:${user}`;
  await say(url, "messenger", user, "hi");
  await say(url, "messenger", user, "I want to talk to a person");
  // what the checkout stores on the conversation when an order is placed (lib/skills/checkout.ts)
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.conversation(DEFAULT_SHOP_ID, id),
      UpdateExpression: "SET profile = :p",
      ExpressionAttributeValues: { ":p": { name: NAME, phone: "+6591234567" } },
    }),
  );
  return { user, id };
}

const listed = async (query: string, id: string): Promise<Json | undefined> => {
  const r = await agentApi(url, "GET", `conversations?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items.find((c: Json) => c.conversationId === id);
};

describe("the team inbox API", () => {
  it("lists with name, channel, language, last message, unread and handover kind; search, filters, read", async () => {
    const { user, id } = await waitingShopper();
    const item = await listed("status=waiting&limit=100", id);
    expect(item).toMatchObject({
      displayName: NAME,
      channel: "messenger",
      language: "en",
      status: "waiting",
      handoverReason: "asked",
      handoverKind: "asked",
      unread: 2,
      lastMessage: { author: "bot", text: expect.stringMatching(/person will reply/) },
    });

    // search by name (any case) and by the last message; filters that exclude it
    expect(
      await listed(`status=all&q=${encodeURIComponent(`santos ${tag.toUpperCase()}`)}`, id),
    ).toBeDefined();
    expect(await listed(`status=waiting&q=${tag}&channel=whatsapp`, id)).toBeUndefined();
    expect(await listed(`status=waiting&q=${tag}&language=zh`, id)).toBeUndefined();
    expect(await listed(`status=bot&q=${tag}`, id)).toBeUndefined();
    expect((await agentApi(url, "GET", "conversations?status=closed")).status).toBe(400);
    expect((await agentApi(url, "GET", "conversations?status=all&after=x")).status).toBe(400);

    // read: unread starts again; the shopper's next message is one unread
    expect((await agentApi(url, "POST", `${path(id)}/read`)).status).toBe(200);
    expect((await listed(`status=waiting&q=${tag}`, id))?.unread).toBe(0);
    await say(url, "messenger", user, "still there?");
    expect(await listed(`status=waiting&q=${tag}`, id)).toMatchObject({
      unread: 1,
      lastMessage: expect.objectContaining({ text: expect.any(String) }),
    });
  }, 60_000);

  it("assigns to me or a colleague; mine lists only mine; an unknown colleague is refused", async () => {
    const { id } = await waitingShopper();
    const colleagueToken = `dev-agent-colleague-${tag}`;
    await putToken(db, colleagueToken, { shopId: DEFAULT_SHOP_ID, role: "agent" });
    const colleague = await agentApi(url, "PUT", "me", { name: `Ben ${tag}` }, colleagueToken);
    expect(colleague.status).toBe(200);
    expect((await agentApi(url, "PUT", "me", { name: "" })).status).toBe(400);
    const me = await agentApi(url, "PUT", "me", { name: "Ana" });
    const agents = (await agentApi(url, "GET", "agents")).body;
    expect(agents.items.map((a: Json) => a.name)).toEqual(expect.arrayContaining(["Ana", `Ben ${tag}`]));

    const toMe = await agentApi(url, "POST", `${path(id)}/assign`, { agentId: "me" });
    expect(toMe.status, JSON.stringify(toMe.body)).toBe(200);
    expect(toMe.body.conversation).toMatchObject({ status: "agent", agentId: me.body.agentId });
    expect(await listed(`status=agent&mine=true&q=${tag}`, id)).toMatchObject({
      assignee: { agentId: me.body.agentId, name: "Ana" },
    });

    const toBen = await agentApi(url, "POST", `${path(id)}/assign`, { agentId: colleague.body.agentId });
    expect(toBen.body.conversation.agentId).toBe(colleague.body.agentId);
    expect(await listed(`status=agent&mine=true&q=${tag}`, id)).toBeUndefined();
    expect(await listed(`status=agent&mine=1&q=${tag}`, id)).toBeUndefined();
    const bens = await agentApi(
      url,
      "GET",
      `conversations?status=agent&mine=true&q=${tag}`,
      undefined,
      colleagueToken,
    );
    expect(bens.body.items.map((c: Json) => c.conversationId)).toContain(id);

    const unknown = await agentApi(url, "POST", `${path(id)}/assign`, { agentId: "agent-0000000000000000" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: "agentId", message: expect.any(String) }]);
  }, 60_000);

  it("internal notes stay with the team; canned replies fill in the shopper's name and order", async () => {
    const { user, id } = await waitingShopper();
    const sent = (await sinkFor(url, user, { count: 0 })).length;
    const note = await agentApi(url, "POST", `${path(id)}/notes`, { text: `VIP customer ${tag}, be kind` });
    expect(note.status).toBe(201);
    expect((await agentApi(url, "POST", `${path(id)}/notes`, { text: " " })).status).toBe(400);
    const notes = (await agentApi(url, "GET", `${path(id)}/notes`)).body.items;
    expect(notes).toEqual([expect.objectContaining({ text: `VIP customer ${tag}, be kind` })]);
    const detail = (await agentApi(url, "GET", path(id))).body;
    expect(JSON.stringify(detail.messages)).not.toContain("VIP customer");
    await new Promise((r) => setTimeout(r, 500));
    expect((await sinkFor(url, user, { count: 0 })).length).toBe(sent);

    const cannedId = `shipped-${tag}`;
    const bad = await agentApi(url, "PUT", `canned/${cannedId}`, {
      title: "Shipped",
      text: { en: "Hi {nme}" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("text.en");
    const put = await agentApi(url, "PUT", `canned/${cannedId}`, {
      title: "Shipped",
      text: {
        en: "Hi {name}, your order {orderId} is on its way.",
        zh: "{name}，你的订单 {orderId} 已发货。",
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await agentApi(url, "GET", "canned?locale=zh")).body.items.map((c: Json) => c.id)).toContain(
      cannedId,
    );
    const order = await placedOrder(db, DEFAULT_SHOP_ID, id, [["MUG-WHITE", 1]], { at: Date.now() });
    const rendered = await agentApi(url, "POST", `canned/${cannedId}/render`, { conversationId: id });
    expect(rendered.status).toBe(200);
    expect(rendered.body).toMatchObject({
      locale: "en",
      text: `Hi ${NAME}, your order ${order.orderId} is on its way.`,
    });
    const inZh = await agentApi(url, "POST", `canned/${cannedId}/render`, {
      conversationId: id,
      locale: "zh",
    });
    expect(inZh.body.text).toBe(`${NAME}，你的订单 ${order.orderId} 已发货。`);
    expect((await agentApi(url, "DELETE", `canned/${cannedId}`)).status).toBe(204);
    expect((await agentApi(url, "DELETE", `canned/${cannedId}`)).status).toBe(404);
  }, 60_000);
});
