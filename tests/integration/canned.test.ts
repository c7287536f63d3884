/**
 * Canned replies per locale against DynamoDB Local, through the agent API's handler: texts in the five
 * locales with `{name}` and `{orderId}`, rendered in the conversation's language or English; a reply stored
 * before texts were per locale (a plain string) is listed and used as English, and saved in the new shape.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentDeps, handleAgent } from "../../lib/agent/routes";
import type { HttpRequest } from "../../lib/http/request";
import { putProduct } from "../../lib/store/catalog";
import { updateConversation } from "../../lib/store/conversations";
import { keys } from "../../lib/store/keys";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { freshTable, type TestDb } from "../helpers/db";
import { offlineDeps } from "../helpers/deps";
import { placedOrder, shopperConversation } from "../helpers/orders";

const SHOP = DEFAULT_SHOP_ID;
const now = Date.parse("2026-03-10T12:00:00.000Z");
let table: TestDb;
let deps: AgentDeps;

beforeAll(async () => {
  table = await freshTable();
  deps = await offlineDeps(table, () => now);
});
afterAll(async () => {
  await table.drop();
});

async function call(method: string, path: string, body?: unknown) {
  const req: HttpRequest = {
    method,
    path: `/api/agent/${path}`,
    headers: {
      authorization: "Bearer dev-agent-token",
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    query: {},
    pathParams: {},
    rawBody: Buffer.from(body === undefined ? "" : JSON.stringify(body)),
  };
  const res = await handleAgent(req, deps);
  return { status: res.statusCode, json: res.body ? JSON.parse(String(res.body)) : undefined };
}

/** A shopper named `name` speaking `locale`, with one order. */
async function shopper(name: string, locale: string) {
  const { conversationId } = await shopperConversation(table, SHOP, "whatsapp", now - 60_000, name);
  await updateConversation(table, SHOP, conversationId, { locale });
  const order = await placedOrder(table, SHOP, conversationId, [["CANNED-TEE", 1]], {
    at: now - 30_000,
    locale,
  });
  return { conversationId, orderId: order.orderId };
}

const render = (id: string, conversationId: string) =>
  call("POST", `canned/${id}/render`, { conversationId });

describe("canned replies per locale", () => {
  beforeAll(async () => {
    await putProduct(table, SHOP, {
      id: "CANNED-TEE",
      title: { en: "Tee" },
      price: { amount: 1500, currency: "USD" },
      stock: 10,
      category: "e2e",
      tags: [],
      attributes: {},
    });
  });

  it("keeps a text per locale and renders the conversation's, English when it has none", async () => {
    const texts = {
      en: "Hi {name}, order {orderId} is on its way.",
      ar: "مرحبا {name}، طلبك {orderId} في الطريق.",
      zh: "{name}您好，订单 {orderId} 已发货。",
      tl: "Hi {name}, papunta na ang order {orderId}.",
      id: "Halo {name}, pesanan {orderId} sedang dikirim.",
    };
    const put = await call("PUT", "canned/shipped", { title: "Shipped", text: texts });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect((await call("GET", "canned")).json.items).toEqual([
      expect.objectContaining({ id: "shipped", text: texts }),
    ]);

    const layla = await shopper("Layla Haddad", "ar");
    expect((await render("shipped", layla.conversationId)).json).toEqual({
      text: `مرحبا Layla Haddad، طلبك ${layla.orderId} في الطريق.`,
      locale: "ar",
      fallback: false,
      variables: { name: "Layla Haddad", orderId: layla.orderId },
    });
    const wei = await shopper("Li Wei", "zh");
    expect((await render("shipped", wei.conversationId)).json.text).toBe(
      `Li Wei您好，订单 ${wei.orderId} 已发货。`,
    );

    // only English and Indonesian: a Tagalog shopper gets English, flagged as a fallback
    const partial = await call("PUT", "canned/thanks", {
      title: "Thanks",
      text: { en: "Thank you, {name}!", id: "Terima kasih, {name}!" },
    });
    expect(partial.status).toBe(200);
    const jose = await shopper("Jose Cruz", "tl");
    expect((await render("thanks", jose.conversationId)).json).toMatchObject({
      text: "Thank you, Jose Cruz!",
      locale: "en",
      fallback: true,
    });
    const sari = await shopper("Sari Dewi", "id");
    expect((await render("thanks", sari.conversationId)).json).toMatchObject({
      text: "Terima kasih, Sari Dewi!",
      locale: "id",
    });
  });

  it("refuses an unknown variable or locale in any locale's text, and writes nothing", async () => {
    const bad = await call("PUT", "canned/typo", {
      title: "Typo",
      text: { en: "Hi {name}", ar: "مرحبا {nmae}" },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error.details)).toContain("text.ar");
    expect((await call("PUT", "canned/typo", { title: "Typo", text: { fr: "Salut" } })).status).toBe(400);
    expect((await call("GET", "canned")).json.items.map((c: { id: string }) => c.id)).not.toContain("typo");
  });

  it("reads a reply stored with a plain text as English, and saves it per locale", async () => {
    await table.doc.send(
      new PutCommand({
        TableName: table.table,
        Item: {
          ...keys.cannedReply(SHOP, "legacy"),
          _et: "CannedReply",
          _v: 1,
          id: "legacy",
          title: "Legacy",
          text: "Hello {name}, this is an old reply.",
        },
      }),
    );
    const listed = (await call("GET", "canned")).json.items.find((c: { id: string }) => c.id === "legacy");
    expect(listed).toEqual({
      id: "legacy",
      title: "Legacy",
      text: { en: "Hello {name}, this is an old reply." },
    });
    const wei = await shopper("Chen Jing", "zh");
    expect((await render("legacy", wei.conversationId)).json).toMatchObject({
      text: "Hello Chen Jing, this is an old reply.",
      locale: "en",
      fallback: true,
    });
    // the manager sends back what it read, with a Chinese text added: stored in the new shape
    const saved = await call("PUT", "canned/legacy", {
      ...listed,
      text: { ...listed.text, zh: "{name}您好，这是旧的回复。" },
    });
    expect(saved.status).toBe(200);
    const raw = await table.doc.send(
      new GetCommand({ TableName: table.table, Key: keys.cannedReply(SHOP, "legacy") }),
    );
    expect(raw.Item?.text).toEqual({
      en: "Hello {name}, this is an old reply.",
      zh: "{name}您好，这是旧的回复。",
    });
    expect((await render("legacy", wei.conversationId)).json.text).toBe("Chen Jing您好，这是旧的回复。");
  });
});
