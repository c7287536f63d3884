/**
 * "A referral that ends in an order shows in the funnel for its source", through the HTTP stack (signed
 * webhook deliveries → serverless-offline → DynamoDB Local → the Graph API sink) and `GET /api/admin/analytics`:
 * a Messenger m.me link, a click-to-WhatsApp ad, and a Messenger ad followed by an m.me link (the last referral
 * wins). The stack is shared with other test files, so every referral carries a ref or ad id of its own and the
 * counts of its source are exact.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { messengerPostback, messengerQuickReply, whatsappButton } from "../../lib/dev/deliveries";
import { adminApi, type Json, joined, orderIdIn, payloadsOf, turn } from "../helpers/chat";
import { fixtureFor, messengerText, metaJson, newPsid, newWaId, whatsappText } from "../helpers/meta";

const url = inject("stackUrl");
const tag = randomBytes(4).toString("hex").toUpperCase();

/** The report's entry of one source (undefined when it has no counts). */
async function funnelOf(source: string): Promise<Json> {
  const r = await adminApi(url, "GET", `analytics?source=${encodeURIComponent(source)}`);
  expect(r.status).toBe(200);
  return r.body.sources.find((s: Json) => s.source === source);
}

/** A fixture delivery for `user`, sent now (the fixtures carry 2016 and 2023 times), with `edits` applied. */
function referralFixture(
  channel: "messenger" | "whatsapp",
  file: string,
  user: string,
  edits: Record<string, string>,
): string {
  const value = JSON.parse(fixtureFor(channel, file, user)) as Json;
  const now = Date.now();
  for (const entry of value.entry) {
    if (channel === "messenger") {
      entry.time = now;
      for (const m of entry.messaging) {
        m.timestamp = now;
        const referral = m.referral ?? m.message?.referral ?? m.postback?.referral;
        Object.assign(referral, edits);
      }
    } else {
      for (const change of entry.changes) {
        for (const m of change.value.messages) {
          m.timestamp = String(Math.floor(now / 1000));
          if (m.text) m.text.body = "hi";
          Object.assign(m.referral, edits);
        }
      }
    }
  }
  return metaJson(value);
}

describe("a referral that ends in an order shows in the funnel for its source", () => {
  it("Messenger: an m.me link, a category's cards, a tap on Add, checkout with name, phone, address, yes", async () => {
    const psid = newPsid();
    const ref = `e2e-mme-${tag}`;
    const source = `ref:${ref}`;
    expect(await funnelOf(source)).toBeUndefined();
    // the m.me link opens the thread: a referral event without a message
    const greeting = await turn(
      url,
      "messenger",
      psid,
      referralFixture("messenger", "referral_mme.json", psid, { ref }),
    );
    expect(joined(greeting)).not.toBe("");
    // a category's product cards are a product view
    const cards = await turn(
      url,
      "messenger",
      psid,
      messengerQuickReply({ psid, payload: "CAT:home", title: "Home" }),
    );
    expect(joined(cards)).toMatch(/Home/);
    expect(
      joined(await turn(url, "messenger", psid, messengerPostback({ psid, payload: "ADD:MUG-WHITE" }))),
    ).toMatch(/Added 1 × Stoneware Mug/);
    expect(joined(await turn(url, "messenger", psid, messengerText({ psid, text: "checkout" })))).toMatch(
      /What name/,
    );
    expect(joined(await turn(url, "messenger", psid, messengerText({ psid, text: "Ana Cruz" })))).toMatch(
      /phone/,
    );
    expect(
      joined(await turn(url, "messenger", psid, messengerQuickReply({ psid, payload: "+15551234567" }))),
    ).toMatch(/Where should we deliver/);
    await turn(url, "messenger", psid, messengerText({ psid, text: "12 Rizal Avenue, Makati City" }));
    const placed = joined(await turn(url, "messenger", psid, messengerText({ psid, text: "yes" })));
    const orderId = orderIdIn(placed);
    expect(placed).toMatch(/is placed/);
    const order = (await adminApi(url, "GET", `orders/${orderId}`)).body;

    const funnel = await funnelOf(source);
    expect(funnel.totals).toEqual({
      conversations: 1,
      productViews: 1,
      addToCart: 1,
      checkouts: 1,
      orders: 1,
      revenue: order.total.amount,
      cancelled: 0,
      cancelledRevenue: 0,
      handovers: 0,
    });
    expect(funnel.rates).toMatchObject({ conversion: 1, cartToCheckout: 1, checkoutToOrder: 1 });
    expect(funnel.days).toHaveLength(1);
    const report = (await adminApi(url, "GET", "analytics")).body;
    expect(report.currency).toBe(order.total.currency);
    expect(report.sources.some((s: Json) => s.source === source)).toBe(true);
    const today = report.days.find((d: Json) => d.day === funnel.days[0].day);
    expect(today.orders).toBeGreaterThanOrEqual(1);
    expect(today.revenue).toBeGreaterThanOrEqual(order.total.amount);
  }, 60_000);

  it("WhatsApp: a click-to-WhatsApp ad, a tap on Add, checkout with an address, and the confirm button", async () => {
    const waId = newWaId();
    const adId = `9${randomBytes(6).readUIntBE(0, 6)}`;
    const source = `ad:${adId}`;
    await turn(
      url,
      "whatsapp",
      waId,
      referralFixture("whatsapp", "split_message_referral.json", waId, {
        source_type: "ad",
        source_id: adId,
      }),
    );
    expect(joined(await turn(url, "whatsapp", waId, whatsappButton({ waId, id: "ADD:MUG-WHITE" })))).toMatch(
      /Added/,
    );
    expect(joined(await turn(url, "whatsapp", waId, whatsappText({ waId, text: "checkout" })))).toMatch(
      /deliver/,
    );
    const summary = await turn(
      url,
      "whatsapp",
      waId,
      whatsappText({ waId, text: "Jl. Sudirman 5, Jakarta 10220" }),
    );
    const confirm = summary.flatMap(payloadsOf).find((p) => p.startsWith("CONFIRM:"));
    expect(confirm).toBeDefined();
    const placed = joined(await turn(url, "whatsapp", waId, whatsappButton({ waId, id: confirm as string })));
    const order = (await adminApi(url, "GET", `orders/${orderIdIn(placed)}`)).body;

    expect((await funnelOf(source)).totals).toEqual({
      conversations: 1,
      productViews: 0,
      addToCart: 1,
      checkouts: 1,
      orders: 1,
      revenue: order.total.amount,
      cancelled: 0,
      cancelledRevenue: 0,
      handovers: 0,
    });
  }, 60_000);

  it("Messenger: an ad brings the shopper, a later m.me link takes the next events (the last referral wins)", async () => {
    const psid = newPsid();
    const adId = `8${randomBytes(6).readUIntBE(0, 6)}`;
    const ref = `e2e-later-${tag}`;
    await turn(
      url,
      "messenger",
      psid,
      referralFixture("messenger", "message_with_ads_referral.json", psid, {
        ad_id: adId,
        ref: `ad-ref-${tag}`,
      }),
    );
    await turn(url, "messenger", psid, referralFixture("messenger", "referral_mme.json", psid, { ref }));
    expect(
      joined(await turn(url, "messenger", psid, messengerPostback({ psid, payload: "ADD:MUG-WHITE" }))),
    ).toMatch(/Added/);
    expect((await funnelOf(`ad:${adId}`)).totals).toMatchObject({ conversations: 1, addToCart: 0 });
    // the link is a new arrival from its source: it counts a conversation there too
    expect((await funnelOf(`ref:${ref}`)).totals).toMatchObject({ conversations: 1, addToCart: 1 });
    expect(await funnelOf(`ref:ad-ref-${tag}`)).toBeUndefined();
  }, 60_000);
});
