/**
 * The agent API against DynamoDB Local and a fake Graph API, with a controlled clock: the WhatsApp template
 * after 24 h, replies Meta refuses (502) or answers slowly (202, outbox), listing pages, assignment, the empty
 * cart of a conversation (carts with lines and orders: adminOrders.test.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AgentDeps, handleAgent } from "../../lib/agent/routes";
import type { ShopSettings } from "../../lib/catalog/types";
import { createGraphClient } from "../../lib/channels/meta/graph";
import { parseConfig } from "../../lib/config";
import type { HttpRequest } from "../../lib/http/request";
import { getConversation } from "../../lib/store/conversations";
import { dueOutbox } from "../../lib/store/outbox";
import { DEFAULT_SETTINGS, getSettings, putSettings } from "../../lib/store/settings";
import { createShopDirectory, DEFAULT_SHOP_ID, defaultAccounts } from "../../lib/store/shops";
import { putToken } from "../../lib/store/tokens";
import { freshTable, type TestDb } from "../helpers/db";
import { PAGE_ID, PHONE_NUMBER_ID } from "../helpers/meta";
import { shopperConversation } from "../helpers/orders";
import { type FakeGraph, type GraphReply, startFakeGraph } from "./fakeGraph";

let table: TestDb;
let fake: FakeGraph;
let deps: AgentDeps;
let now = Date.parse("2026-03-10T12:00:00.000Z");
const HOUR = 3_600_000;
const SHOP = DEFAULT_SHOP_ID;
const ok: GraphReply = { status: 200, body: { message_id: "m_1", messages: [{ id: "wamid.1" }] } };

beforeAll(async () => {
  table = await freshTable();
  fake = await startFakeGraph(() => ok);
  const config = await parseConfig({ META_GRAPH_URL: fake.url, LOG_LEVEL: "error" });
  deps = {
    db: table,
    config,
    graph: createGraphClient({ baseUrl: fake.url, timeoutMs: 300, baseDelayMs: 10 }),
    directory: createShopDirectory(table, defaultAccounts(config)),
    now: () => now,
  };
});

afterAll(async () => {
  await fake.close();
  await table.drop();
});

beforeEach(() => {
  fake.reply = () => ok;
});

async function setHandover(over: Partial<ShopSettings["handover"]>): Promise<void> {
  const { version: _v, catalogVersion: _c, ...rest } = await getSettings(table, SHOP);
  await putSettings(table, SHOP, { ...rest, handover: { ...DEFAULT_SETTINGS.handover, ...over } });
}

function call(method: string, path: string, body?: unknown, token = "dev-agent-token") {
  const req: HttpRequest = {
    method,
    path: `/api/agent/${path}`,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    query: Object.fromEntries(new URLSearchParams(path.split("?")[1] ?? "")),
    pathParams: {},
    rawBody: Buffer.from(body === undefined ? "" : JSON.stringify(body)),
  };
  req.path = req.path.split("?")[0] as string;
  return handleAgent(req, deps).then((res) => ({ ...res, json: JSON.parse(String(res.body ?? "null")) }));
}

/** A conversation whose shopper last wrote `hoursAgo` hours before `now`. */
async function conversation(channel: "messenger" | "whatsapp", hoursAgo = 1): Promise<string> {
  return (await shopperConversation(table, SHOP, channel, now - hoursAgo * HOUR)).conversationId;
}

const path = (id: string, rest = "") => `conversations/${encodeURIComponent(id)}${rest}`;

describe("WhatsApp after the 24 h window", () => {
  it("sends the shop's template to reopen the conversation when one is configured", async () => {
    await setHandover({ whatsappTemplate: { name: "reopen_chat", language: "en_US" } });
    const id = await conversation("whatsapp", 30);
    const res = await call("POST", path(id, "/messages"), { text: "Your order shipped" });
    expect(res.statusCode).toBe(201);
    expect(res.json).toMatchObject({
      delivery: "template",
      message: { author: "agent", kind: "template", text: "[template reopen_chat]" },
      window: { state: "closed" },
    });
    expect(fake.hits.at(-1)?.path).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(fake.hits.at(-1)?.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: id.slice("whatsapp:".length),
      type: "template",
      template: { name: "reopen_chat", language: { code: "en_US" } },
      // its outbox id, which Meta gives back in the template's statuses (send once, docs/outbound.md)
      biz_opaque_callback_data: expect.stringMatching(/^chatcart:agent#/),
    });
    await setHandover({});
  });
});

describe("replies Meta does not take at once", () => {
  it("502 handover.send_failed with Meta's reason when Meta refuses; nothing is stored", async () => {
    fake.reply = () => ({ status: 400, body: { error: { message: "(#10) Outside of allowed window" } } });
    const id = await conversation("messenger");
    const res = await call("POST", path(id, "/messages"), { text: "hello" });
    expect(res.statusCode).toBe(502);
    expect(res.json.error).toMatchObject({ code: "handover.send_failed" });
    expect(res.json.error.message).toMatch(/Outside of allowed window/);
    const detail = await call("GET", path(id));
    expect(detail.json.messages.filter((m: { author: string }) => m.author === "agent")).toEqual([]);
  });

  it("202 queued when the Graph API is slow: the message waits in the outbox", async () => {
    fake.reply = () => "hang";
    const id = await conversation("messenger");
    const res = await call("POST", path(id, "/messages"), { text: "one moment" });
    expect(res.statusCode).toBe(202);
    expect(res.json.delivery).toBe("queued");
    const queued = await dueOutbox(table, Date.now() + 60_000, 200);
    expect(queued.some((q) => (q.body.message as { text?: string })?.text === "one moment")).toBe(true);
  }, 20_000);
});

describe("assignment", () => {
  it("a reply takes the conversation over; another agent's takeover reassigns it; release is idempotent", async () => {
    const id = await conversation("messenger");
    const res = await call("POST", path(id, "/messages"), { text: "hi" });
    expect(res.statusCode).toBe(201);
    const first = await getConversation(table, SHOP, id);
    expect(first).toMatchObject({ status: "agent", lastAgentAt: new Date(now).toISOString() });
    expect(first?.agentId).toMatch(/^agent-[0-9a-f]{16}$/);

    await putToken(table, "second-agent-token", { shopId: SHOP, role: "agent" });
    const taken = await call("POST", path(id, "/takeover"), undefined, "second-agent-token");
    expect(taken.statusCode).toBe(200);
    expect(taken.json.conversation.agentId).toMatch(/^agent-/);
    expect(taken.json.conversation.agentId).not.toBe(first?.agentId);

    expect((await call("POST", path(id, "/release"))).json.conversation.status).toBe("bot");
    const again = await call("POST", path(id, "/release"));
    expect(again.statusCode).toBe(200);
    expect(again.json.conversation.status).toBe("bot");
  });

  it("with pageInbox, a Messenger takeover takes the thread back from the Page Inbox", async () => {
    await setHandover({ pageInbox: true });
    const id = await conversation("messenger");
    const before = fake.hits.length;
    expect((await call("POST", path(id, "/takeover"))).statusCode).toBe(200);
    const hit = fake.hits.slice(before).find((h) => h.path.endsWith("/take_thread_control"));
    expect(hit?.path).toBe(`/v21.0/${PAGE_ID}/take_thread_control`);
    expect(hit?.body).toMatchObject({ recipient: { id: id.slice("messenger:".length) } });
    // WhatsApp has no thread control; without pageInbox nothing is called
    const wa = await conversation("whatsapp");
    const again = fake.hits.length;
    await call("POST", path(wa, "/takeover"));
    await setHandover({});
    const other = await conversation("messenger");
    await call("POST", path(other, "/takeover"));
    expect(fake.hits.slice(again).filter((h) => h.path.endsWith("/take_thread_control"))).toEqual([]);
  });

  it("405 with Allow for a wrong method, 404 for an unknown route", async () => {
    const id = await conversation("whatsapp");
    const res = await call("GET", path(id, "/takeover"));
    expect(res.statusCode).toBe(405);
    expect(res.headers?.allow).toBe("POST");
    expect((await call("GET", "nothing")).statusCode).toBe(404);
  });
});

describe("listing", () => {
  it("pages through a status newest first with the next cursor; a foreign cursor is a 400", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      now += 1000;
      const id = await conversation("whatsapp", 0);
      await call("POST", path(id, "/takeover"));
      ids.push(id);
    }
    const first = await call("GET", "conversations?status=agent&limit=2");
    expect(first.statusCode).toBe(200);
    expect(first.json.items.map((c: { conversationId: string }) => c.conversationId)).toEqual([
      ids[2],
      ids[1],
    ]);
    expect(first.json.items[0].window).toMatchObject({ channel: "whatsapp", state: "open" });
    const second = await call("GET", `conversations?status=agent&limit=2&after=${first.json.next}`);
    expect(second.json.items.map((c: { conversationId: string }) => c.conversationId)[0]).toBe(ids[0]);

    const foreign = Buffer.from(
      JSON.stringify({ pk: "x", sk: "CONV", gsi1pk: "SHOP#other#CONVS#agent", gsi1sk: "x" }),
    ).toString("base64url");
    expect((await call("GET", `conversations?status=agent&after=${foreign}`)).statusCode).toBe(400);
    expect((await call("GET", "conversations?status=agent&limit=0")).statusCode).toBe(400);
  });
});

describe("a conversation's cart and orders", () => {
  it("a shopper who never added anything has an empty cart in the shop's currency and no orders", async () => {
    await setHandover({});
    const { version: _v, catalogVersion: _c, ...settings } = await getSettings(table, SHOP);
    await putSettings(table, SHOP, { ...settings, currency: "SGD" });
    try {
      const id = await conversation("messenger");
      const res = await call("GET", path(id));
      expect(res.statusCode).toBe(200);
      expect(res.json.cart).toEqual({ items: [], total: { amount: 0, currency: "SGD" } });
      expect(res.json.orders).toEqual([]);
    } finally {
      await putSettings(table, SHOP, { ...settings });
    }
  });
});
