/**
 * The admin a merchant can run the shop from (issue 15), through the HTTP stack (serverless-offline → webhooks
 * and admin API → DynamoDB Local → the Graph API sink):
 * - analytics after one placed and one cancelled order show one order and its revenue, and say what they count;
 * - "shipped" takes a tracking number and link, stored on the order; the last change can be undone in time;
 * - an unanswered question carries its conversation, and is dismissed or turned into an answer;
 * - settings are patched one section at a time, with per-field errors and nothing written on an error.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { whatsappButton, whatsappText } from "../../lib/dev/deliveries";
import { adminApi, type Json, joined, orderIdIn, payloadsOf, say, turn } from "../helpers/chat";
import { fixtureFor, metaJson, newWaId } from "../helpers/meta";

const url = inject("stackUrl");
const letters = (n: number) => [...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join("");

/** A click-to-WhatsApp ad delivery for `waId` with ad `adId`, sent now. */
function adDelivery(waId: string, adId: string): string {
  const value = JSON.parse(fixtureFor("whatsapp", "split_message_referral.json", waId)) as Json;
  for (const entry of value.entry) {
    for (const change of entry.changes) {
      for (const m of change.value.messages) {
        m.timestamp = String(Math.floor(Date.now() / 1000));
        if (m.text) m.text.body = "hi";
        Object.assign(m.referral, { source_type: "ad", source_id: adId });
      }
    }
  }
  return metaJson(value);
}

/** A shopper who came by the ad orders a mug through the chat; the order as the admin API shows it. */
async function orderByChat(adId: string): Promise<Json> {
  const waId = newWaId();
  await turn(url, "whatsapp", waId, adDelivery(waId, adId));
  await turn(url, "whatsapp", waId, whatsappButton({ waId, id: "ADD:MUG-WHITE" }));
  await turn(url, "whatsapp", waId, whatsappText({ waId, text: "checkout" }));
  const summary = await turn(
    url,
    "whatsapp",
    waId,
    whatsappText({ waId, text: "Jl. Sudirman 5, Jakarta 10220" }),
  );
  const confirm = summary.flatMap(payloadsOf).find((p) => p.startsWith("CONFIRM:")) as string;
  const placed = joined(await turn(url, "whatsapp", waId, whatsappButton({ waId, id: confirm })));
  const order = await adminApi(url, "GET", `orders/${orderIdIn(placed)}`);
  expect(order.status).toBe(200);
  return order.body;
}

const totalsOf = async (source: string) =>
  (await adminApi(url, "GET", `analytics?source=${encodeURIComponent(source)}`)).body;

describe("the admin a merchant can run the shop from", () => {
  it("analytics count only orders not cancelled; a cancellation undone counts again", async () => {
    const adId = `7${randomBytes(6).readUIntBE(0, 6)}`;
    const source = `ad:${adId}`;
    const kept = await orderByChat(adId);
    const cancelled = await orderByChat(adId);
    const cancel = await adminApi(url, "PATCH", `orders/${cancelled.orderId}`, { status: "cancelled" });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(cancel.body.undoUntil).toEqual(expect.any(String));

    let report = await totalsOf(source);
    expect(report.note).toMatch(/only orders not cancelled/);
    expect(report.totals).toMatchObject({
      orders: 1,
      revenue: kept.total.amount,
      cancelled: 1,
      cancelledRevenue: cancelled.total.amount,
    });

    // undone: the order is pending again, its stock taken again, and it counts again
    const undone = await adminApi(url, "POST", `orders/${cancelled.orderId}/undo`);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.status).toBe("pending");
    expect(undone.body.history.at(-1)).toMatchObject({ status: "pending", undo: true });
    report = await totalsOf(source);
    expect(report.totals).toMatchObject({ orders: 2, cancelled: 0, cancelledRevenue: 0 });
    // an undo is not undone
    const again = await adminApi(url, "POST", `orders/${cancelled.orderId}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("order.undo_expired");
  }, 120_000);

  it("shipped takes a tracking number and link; undo takes them back; bad tracking is a 400", async () => {
    const order = await orderByChat(`6${randomBytes(6).readUIntBE(0, 6)}`);
    const path = `orders/${order.orderId}`;
    expect((await adminApi(url, "PATCH", path, { status: "confirmed" })).status).toBe(200);
    const bad = await adminApi(url, "PATCH", path, {
      status: "shipped",
      tracking: { number: "", url: "javascript:alert(1)" },
    });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.error.details.map((d: Json) => d.path))].sort()).toEqual([
      "tracking.number",
      "tracking.url",
    ]);
    expect(
      (await adminApi(url, "PATCH", path, { status: "cancelled", tracking: { number: "X1" } })).status,
    ).toBe(400);
    const tracking = { number: "JNE 0123456789", url: "https://www.jne.co.id/tracking/0123456789" };
    const shipped = await adminApi(url, "PATCH", path, { status: "shipped", tracking });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body).toMatchObject({ status: "shipped", tracking, undoUntil: expect.any(String) });
    expect((await adminApi(url, "GET", path)).body.tracking).toEqual(tracking);
    // a typo fixed on the shipped order
    const fixed = await adminApi(url, "PATCH", path, { tracking: { number: "JNE 0123456780" } });
    expect(fixed.body.tracking).toEqual({ number: "JNE 0123456780" });

    const undone = await adminApi(url, "POST", `${path}/undo`);
    expect(undone.status).toBe(200);
    expect(undone.body.status).toBe("confirmed");
    expect((await adminApi(url, "GET", path)).body).not.toHaveProperty("tracking");
  }, 90_000);

  it("an unanswered question links to its conversation, and is dismissed or turned into an answer", async () => {
    // made-up names no product or answer has: the bot cannot answer these
    const word = letters(8);
    const first = newWaId();
    const second = newWaId();
    const q1 = `Do you engrave pet tags for a dog called Zorb${word}?`;
    const q2 = `Do you engrave pet tags for a cat called Quix${word}?`;
    await say(url, "whatsapp", first, "hi");
    await say(url, "whatsapp", first, q1);
    await say(url, "whatsapp", second, "hi");
    await say(url, "whatsapp", second, q2);
    const list = (await adminApi(url, "GET", "unanswered?limit=200")).body.items as Json[];
    const asked = list.find((q) => q.text === q1);
    const other = list.find((q) => q.text === q2);
    expect(asked).toMatchObject({ conversationId: `whatsapp:${first}`, locale: "en" });
    expect(other).toMatchObject({ conversationId: `whatsapp:${second}` });

    const answerId = `engrave-${word}`;
    const noText = await adminApi(url, "POST", `unanswered/${encodeURIComponent(asked.key)}/answer`, {
      answerId,
    });
    expect(noText.status).toBe(400);
    const made = await adminApi(url, "POST", `unanswered/${encodeURIComponent(asked.key)}/answer`, {
      answerId,
      answer: { en: "Yes, we engrave pet tags: send us the name." },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.answer.questions.en).toEqual([asked.text]);
    expect((await adminApi(url, "GET", `answers/${answerId}`)).status).toBe(200);

    expect((await adminApi(url, "DELETE", `unanswered/${encodeURIComponent(other.key)}`)).status).toBe(204);
    expect((await adminApi(url, "DELETE", `unanswered/${encodeURIComponent(other.key)}`)).status).toBe(404);
    const after = (await adminApi(url, "GET", "unanswered?limit=200")).body.items as Json[];
    expect(after.find((q) => q.key === asked.key || q.key === other.key)).toBeUndefined();
    await adminApi(url, "DELETE", `answers/${answerId}`);
  }, 90_000);

  it("settings are patched one section at a time, field by field", async () => {
    const before = (await adminApi(url, "GET", "settings")).body;
    const bad = await adminApi(url, "PATCH", "settings", {
      greeting: { en: "" },
      handover: { idleReleaseMinutes: 0 },
      paymentMethods: [],
      colour: "red",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: "colour", message: "unknown field" }]);
    const invalid = await adminApi(url, "PATCH", "settings", {
      greeting: { en: "" },
      handover: { idleReleaseMinutes: 0 },
      paymentMethods: [],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: Json) => d.path).sort()).toEqual([
      "greeting.en",
      "handover.idleReleaseMinutes",
      "paymentMethods",
    ]);
    expect((await adminApi(url, "GET", "settings")).body.version).toBe(before.version);

    // one field of the handover rules: the others stay
    const ok = await adminApi(url, "PATCH", "settings", {
      handover: { maxUnansweredTurns: before.handover.maxUnansweredTurns },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.handover).toEqual(before.handover);
    expect(ok.body.version).toBe(before.version + 1);
    expect(ok.body.greeting).toEqual(before.greeting);
  });

  it("a product with variants is edited as one: shared fields once, price and stock per variant", async () => {
    const group = `E2E-GRP-${letters(6).toUpperCase()}`;
    for (const [size, stock] of [
      ["S", 3],
      ["M", 5],
    ] as const) {
      const put = await adminApi(url, "PUT", `products/${group}-${size}`, {
        id: `${group}-${size}`,
        groupId: group,
        title: { en: "Linen Tee" },
        price: { amount: 1900, currency: "USD" },
        stock,
        category: "e2e",
        attributes: { color: "white", size: size.toLowerCase() },
      });
      expect(put.status, JSON.stringify(put.body)).toBe(201);
    }
    const read = await adminApi(url, "GET", `product-groups/${group}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ groupId: group, shared: { title: { en: "Linen Tee" } }, differs: [] });
    const variant = (size: string) => (read.body.variants as Json[]).find((v) => v.id === `${group}-${size}`);
    const s = variant("S");
    const m = variant("M");
    expect([s.stock, m.stock]).toEqual([3, 5]);

    const bad = await adminApi(url, "PUT", `product-groups/${group}`, {
      shared: { title: { en: "" } },
      variants: [{ id: s.id, price: { amount: 19.5, currency: "USD" } }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: Json) => d.path)).toEqual(
      expect.arrayContaining(["shared.title.en", "variants.0.price.amount"]),
    );

    const saved = await adminApi(url, "PUT", `product-groups/${group}`, {
      shared: { title: { en: "Linen Tee, relaxed fit" } },
      variants: [
        { id: s.id, version: s.version, price: { amount: 2100, currency: "USD" } },
        {
          id: m.id,
          version: m.version,
          price: { amount: 2100, currency: "USD" },
          stock: 7,
          stockExpected: 5,
        },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // variants come sorted by id: M, then S
    expect(saved.body.variants.map((v: Json) => [v.id, v.price.amount, v.stock])).toEqual([
      [m.id, 2100, 7],
      [s.id, 2100, 3],
    ]);
    expect((await adminApi(url, "GET", `products/${m.id}`)).body.title.en).toBe("Linen Tee, relaxed fit");

    // the page's versions are stale now: nothing is written
    const stale = await adminApi(url, "PUT", `product-groups/${group}`, {
      variants: [{ id: s.id, version: s.version, price: { amount: 1, currency: "USD" } }],
    });
    expect(stale.status).toBe(412);
    expect((await adminApi(url, "GET", `products/${s.id}`)).body.price.amount).toBe(2100);
    for (const v of [s, m]) await adminApi(url, "DELETE", `products/${v.id}`);
  });
});
