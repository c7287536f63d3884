/**
 * Meta's data deletion callback against DynamoDB Local: a shopper with conversations in two shops on both
 * channels (record with profile, transcript, redelivery claims, cart with a checkout in progress, idle timer,
 * bot state, a pending outbox send, an order) is deleted; a scan of the whole table then finds none of their
 * id, name, phone or address, the order is kept with its totals and without the shopper, another shopper is
 * untouched, and the status page reports the deletion.
 */
import { ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { DynamoStorage } from "../../lib/bot/dynamoStorage";
import type { Product } from "../../lib/catalog/types";
import { signRequest } from "../../lib/channels/meta/signedRequest";
import type { HttpRequest } from "../../lib/http/request";
import type { PricedLine } from "../../lib/orders/types";
import { botStateKey } from "../../lib/privacy/deletion";
import { handlePrivacy, type PrivacyDeps } from "../../lib/privacy/routes";
import { putAgentNotice } from "../../lib/store/agentNotices";
import { addToCart, type CartScope, saveCheckout } from "../../lib/store/carts";
import { putProduct } from "../../lib/store/catalog";
import { appendTranscript, touchInbound, updateConversation } from "../../lib/store/conversations";
import { DELETED_MARKER } from "../../lib/store/deletion";
import { putWhatsAppIdentity } from "../../lib/store/identities";
import { claimInbound } from "../../lib/store/inbound";
import { keys } from "../../lib/store/keys";
import { getOrder, placeOrder } from "../../lib/store/orders";
import { linkOutboundRef, recordOutbound } from "../../lib/store/outbound";
import { enqueueOutbox } from "../../lib/store/outbox";
import { rateProduct, setReviewComment } from "../../lib/store/reviews";
import { type TestDb, useFreshTable } from "../helpers/db";

let db: TestDb;
useFreshTable((t) => {
  db = t;
});

const SECRET = "test-app-secret";
const USER = "6591234567";
const OTHER = "6597654321";
const NAME = "Ana Reyes-Delacroix";
const PHONE = "+65 9123 4567";
const ADDRESS = "12 Orchard Road, #04-01, Singapore 238826";
const BSUID = "SG.839201746512";
const now = new Date("2026-05-01T10:00:00.000Z");
const MUG: Product = {
  id: "MUG",
  title: { en: "Stoneware Mug" },
  price: { amount: 1250, currency: "USD" },
  stock: 50,
  category: "home",
  tags: [],
  attributes: {},
};

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field
type Json = any;
let deps: PrivacyDeps;
let orderId = "";

const request = (
  method: string,
  path: string,
  body = "",
  headers: Record<string, string> = {},
): HttpRequest => ({
  method,
  path,
  headers: { host: "api.example.com", "x-forwarded-proto": "https", ...headers },
  query: {},
  pathParams: {},
  rawBody: Buffer.from(body),
});

const form = (signed: string) => `signed_request=${encodeURIComponent(signed)}`;
const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** A shopper's whole footprint in one shop and channel. */
async function shopper(
  shopId: string,
  channel: "messenger" | "whatsapp",
  userId: string,
  withOrder: boolean,
) {
  const conversationId = `${channel}:${userId}`;
  const at = now.toISOString();
  await touchInbound(db, { shopId, conversationId, channel, userId, at, name: NAME, accountId: "100" });
  const mid =
    channel === "whatsapp" ? `wamid.${Buffer.from(userId).toString("base64")}${userId}` : `m_${userId}_1`;
  await claimInbound(db, channel, mid, now.getTime());
  await appendTranscript(db, shopId, conversationId, [
    { at, direction: "in", author: "shopper", text: `my number is ${PHONE}`, externalId: mid },
    { at, direction: "out", author: "bot", text: `Deliver to ${ADDRESS}?`, externalId: `${mid}-out` },
  ]);
  await updateConversation(
    db,
    shopId,
    conversationId,
    {
      profile: { name: NAME, phone: PHONE, address: { text: ADDRESS } },
      status: "waiting",
      idleSince: at,
    },
    { releaseAt: new Date(now.getTime() + 3_600_000).toISOString() },
  );
  const scope: CartScope = { shopId, conversationId, expiryDays: 7, now };
  const cart = await addToCart(db, scope, "MUG", 2);
  if (withOrder) {
    const line: PricedLine = {
      productId: "MUG",
      title: "Stoneware Mug",
      quantity: 2,
      unitPrice: MUG.price,
      lineTotal: { amount: 2500, currency: "USD" },
    };
    const placed = await placeOrder(
      db,
      {
        shopId,
        conversationId,
        channel,
        userId,
        locale: "en",
        items: [line],
        total: { amount: 2500, currency: "USD" },
        customer: { name: NAME, phone: PHONE, address: { text: ADDRESS } },
        payment: { method: "cod", status: "pending" },
        cartRev: cart.rev,
      },
      cart,
      now,
    );
    if (placed.kind !== "placed") throw new Error(`order not placed: ${placed.kind}`);
    orderId = placed.order.orderId;
    // a rating with a comment in the shopper's words (reviews live in the order's partition)
    await rateProduct(db, { shopId, orderId, productId: "MUG", conversationId, stars: 4, at: now });
    await setReviewComment(db, shopId, orderId, "MUG", `Lovely mug, thanks ${NAME}`, now);
    // a new cart after the order, with a checkout in progress
    await addToCart(db, scope, "MUG", 1);
    // the order's shipped notification, sent outside a turn: its transcript line, its status reference by
    // wamid (which encodes the phone number) and the order's notification record
    await recordOutbound(db, {
      shopId,
      conversationId,
      channel,
      orderId,
      purpose: "order_shipped",
      category: "utility",
      day: at.slice(0, 10),
      message: {
        at,
        direction: "out",
        author: "bot",
        text: "Your order is on its way.",
        externalId: `${mid}-shipped`,
        status: "sent",
      },
    });
    // two replies queued before Meta gave them an id: one still waiting, one the outbox then sent (its
    // reference moved to the platform id)
    for (const sendId of [`${mid}#q1`, `${mid}#q2`]) {
      await recordOutbound(db, {
        shopId,
        conversationId,
        channel,
        purpose: "agent_reply",
        day: at.slice(0, 10),
        pendingSendId: sendId,
        message: { at, direction: "out", author: "agent", text: "On it.", status: "queued" },
      });
    }
    expect(await linkOutboundRef(db, channel, `${mid}#q2`, `${mid}-linked`)).toBe(true);
    // an agents' notice about the conversation, and the shopper's WhatsApp username alias
    await putAgentNotice(db, shopId, { kind: "returned_to_bot", conversationId, at });
    await putWhatsAppIdentity(db, shopId, BSUID, conversationId);
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.conversation(shopId, conversationId),
        UpdateExpression: "SET bsuid = :b",
        ExpressionAttributeValues: { ":b": BSUID },
      }),
    );
  }
  await saveCheckout(db, scope, {
    step: "confirm",
    name: NAME,
    phone: PHONE,
    address: { text: ADDRESS },
    startedAt: at,
  });
  await new DynamoStorage(db, shopId).write({
    [`${channel}/conversations/${conversationId}/`]: { dialog: { lastAddress: ADDRESS }, eTag: "*" },
  });
  const to =
    channel === "whatsapp"
      ? { to: userId, type: "text", text: { body: `Hi ${NAME}` } }
      : {
          recipient: { id: userId },
          message: { text: `Hi ${NAME}` },
        };
  await enqueueOutbox(db, {
    id: `${mid}#000`,
    channel,
    accountId: "100",
    shopId,
    body: to,
    nextAttemptAt: at,
  });
}

async function scanAll(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(new ScanCommand({ TableName: db.table, ExclusiveStartKey: start }));
    items.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return items;
}

beforeAll(async () => {
  deps = {
    db,
    config: { secrets: { META_APP_SECRET: SECRET } as PrivacyDeps["config"]["secrets"] },
    now: () => now.getTime(),
  };
  for (const shop of ["s1", "s2"]) await putProduct(db, shop, MUG);
  await shopper("s1", "whatsapp", USER, true);
  await shopper("s2", "messenger", USER, false);
  await shopper("s1", "whatsapp", OTHER, false);
});

describe("POST /webhooks/data-deletion", () => {
  it("refuses a bad signature (401), a malformed request (400), another media type (415), a huge body (413)", async () => {
    const signed = signRequest({ algorithm: "HMAC-SHA256", issued_at: 1, user_id: USER }, "wrong-secret");
    const cases: Array<[HttpRequest, number]> = [
      [request("POST", "/webhooks/data-deletion", form(signed), FORM), 401],
      [request("POST", "/webhooks/data-deletion", "signed_request=abc", FORM), 400],
      [request("POST", "/webhooks/data-deletion", "", FORM), 400],
      [request("POST", "/webhooks/data-deletion", form(signed), { "content-type": "application/json" }), 415],
      [request("POST", "/webhooks/data-deletion", `signed_request=${"a".repeat(9000)}`, FORM), 413],
      [request("GET", "/webhooks/data-deletion"), 405],
    ];
    for (const [req, status] of cases) {
      const res = await handlePrivacy(req, deps);
      expect(res.statusCode, JSON.stringify(res.body)).toBe(status);
      expect(String(res.body)).not.toContain(SECRET);
    }
    // nothing was deleted by a refused request
    expect(JSON.stringify(await scanAll())).toContain(NAME);
  });

  it("deletes everything personal of the user, keeps the order without them, and reports it", async () => {
    const before = await scanAll();
    // the derived items are there to be deleted
    const b64 = Buffer.from(USER).toString("base64");
    for (const et of ["OutboundRef", "Notification", "AgentNotice", "WhatsAppIdentity"]) {
      const naming = before.filter(
        (i) => i._et === et && /6591234567|NjU5MTIzNDU2Nw/.test(JSON.stringify(i)),
      );
      expect(naming.length, `${et} items naming the user before`).toBeGreaterThan(0);
    }
    expect(b64).toBe("NjU5MTIzNDU2Nw==");
    const otherItems = before.filter((i) => JSON.stringify(i).includes(OTHER));
    expect(otherItems.length).toBeGreaterThan(5);

    // issued at the time of the request (issue 14: older ones are refused)
    const signed = signRequest(
      { algorithm: "HMAC-SHA256", issued_at: now.getTime() / 1000, user_id: USER },
      SECRET,
    );
    const res = await handlePrivacy(request("POST", "/webhooks/data-deletion", form(signed), FORM), deps);
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(String(res.body)) as Json;
    expect(body.confirmation_code).toMatch(/^[A-Z2-7]{16}$/);
    expect(body.url).toBe(`https://api.example.com/data-deletion/${body.confirmation_code}`);

    const after = await scanAll();
    for (const item of after) {
      const text = JSON.stringify(item);
      if (text.includes(OTHER)) continue; // the other shopper shares the name in this test, not the id
      for (const needle of [
        USER,
        Buffer.from(USER).toString("base64"),
        NAME,
        PHONE,
        ADDRESS,
        "Orchard",
        BSUID,
      ]) {
        expect(text, `${String(item.pk)} ${String(item.sk)} still holds ${needle}`).not.toContain(needle);
      }
    }
    expect(after.some((i) => JSON.stringify(i).includes(USER))).toBe(false);
    // the other shopper keeps everything
    expect(after.filter((i) => JSON.stringify(i).includes(OTHER))).toHaveLength(otherItems.length);
    // the bot state and the user index are gone
    const gone = [
      botStateKey("s1", "whatsapp", `whatsapp:${USER}`),
      keys.userConversation(USER, "s1", `whatsapp:${USER}`),
    ];
    for (const k of gone) expect(after.some((i) => i.pk === k.pk && i.sk === k.sk)).toBe(false);

    const order = await getOrder(db, "s1", orderId);
    expect(order?.total).toEqual({ amount: 2500, currency: "USD" });
    expect(order?.items).toHaveLength(1);
    expect(order?.status).toBe("pending");
    expect(order?.customer).toEqual({});
    expect(order?.userId).toBe(DELETED_MARKER);
    expect(order?.conversationId).toBe(DELETED_MARKER);

    const page = await handlePrivacy(request("GET", `/data-deletion/${body.confirmation_code}`), deps);
    expect(page.statusCode).toBe(200);
    expect(page.headers?.["content-type"]).toMatch(/text\/html/);
    expect(String(page.body)).toContain("completed");
    const status = await handlePrivacy(
      request("GET", `/data-deletion/${body.confirmation_code}`, "", { accept: "application/json" }),
      deps,
    );
    expect(JSON.parse(String(status.body))).toMatchObject({
      code: body.confirmation_code,
      status: "completed",
      conversations: 2,
      ordersAnonymized: 1,
    });
  });

  it("answers a repeated request with a new code and nothing left to delete; unknown codes are 404", async () => {
    // a new request (a second later), not the same one replayed
    const signed = signRequest(
      { algorithm: "HMAC-SHA256", issued_at: now.getTime() / 1000 + 1, user_id: USER },
      SECRET,
    );
    const res = await handlePrivacy(request("POST", "/webhooks/data-deletion", form(signed), FORM), deps);
    const body = JSON.parse(String(res.body)) as Json;
    const status = await handlePrivacy(
      request("GET", `/data-deletion/${body.confirmation_code}`, "", { accept: "application/json" }),
      deps,
    );
    expect(JSON.parse(String(status.body))).toMatchObject({ conversations: 0, ordersAnonymized: 0 });
    for (const code of ["AAAAAAAAAAAAAAAA", "nope", "<script>"]) {
      expect((await handlePrivacy(request("GET", `/data-deletion/${code}`), deps)).statusCode).toBe(404);
    }
  });

  it("a request that failed half-way is carried out when Meta sends it again, and only then counts as used", async () => {
    const user = "6590001122";
    await shopper("s2", "whatsapp", user, false);
    const signed = signRequest(
      { algorithm: "HMAC-SHA256", issued_at: now.getTime() / 1000, user_id: user },
      SECRET,
    );
    // the network fails on the first batch of deletes (DynamoDB Local cannot fail on its own)
    let failed = false;
    const flaky: PrivacyDeps = {
      ...deps,
      db: {
        ...db,
        doc: {
          send: (command: { constructor: { name: string } }) => {
            if (!failed && command.constructor.name === "BatchWriteCommand") {
              failed = true;
              return Promise.reject(new Error("socket hang up"));
            }
            return db.doc.send(command as never);
          },
        } as unknown as typeof db.doc,
      },
    };
    const post = (d: PrivacyDeps) =>
      handlePrivacy(request("POST", "/webhooks/data-deletion", form(signed), FORM), d);
    expect((await post(flaky)).statusCode).toBe(500);
    expect(failed).toBe(true);
    expect(JSON.stringify(await scanAll())).toContain(user);
    const retried = await post(deps);
    expect(retried.statusCode).toBe(200);
    expect(JSON.stringify(await scanAll())).not.toContain(user);
    expect((await post(deps)).statusCode).toBe(409);
  });
});
