/**
 * A delivered order leads to a rating that changes the product's average, through the HTTP stack (signed
 * webhook deliveries → serverless-offline → DynamoDB Local → the Graph API sink) and the admin API.
 */
import { describe, expect, inject, it } from "vitest";
import { whatsappButton, whatsappMessage } from "../../lib/dev/deliveries";
import { addToCart, saveCheckout } from "../../lib/store/carts";
import { getReview } from "../../lib/store/reviews";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { adminApi, joined, orderIdIn, payloadsOf, seenBy, textOf, turn } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { newWaId, recipientOf, type SinkMessage, sinkFor, whatsappText } from "../helpers/meta";

const url = inject("stackUrl");
const db = useStackDb();

/** The part of a WhatsApp body this test reads beyond ../helpers/chat. */
interface Body {
  interactive?: { type?: string };
}

/** A WhatsApp list row tap: `interactive.type = list_reply` with the row's id and title. */
const whatsappListReply = (o: { waId: string; id: string; title?: string }) =>
  whatsappMessage({
    waId: o.waId,
    message: {
      type: "interactive",
      interactive: { type: "list_reply", list_reply: { id: o.id, title: o.title ?? o.id } },
    },
  });

describe("reviews through the stack", () => {
  it("a delivered order leads to a rating that changes the product's average", async () => {
    const id = `E2E-REVIEW-${Date.now().toString(36).toUpperCase()}`;
    const put = await adminApi(url, "PUT", `products/${id}`, {
      id,
      title: { en: "Review Lamp" },
      price: { amount: 2500, currency: "USD" },
      stock: 5,
      category: "home",
      tags: [],
      attributes: {},
      rating: { average: 4, count: 1 },
    });
    expect(put.status).toBe(201);

    // the shopper's cart and checkout, ready to confirm (as the concurrent-checkout test prepares them)
    const wa = newWaId();
    const now = new Date();
    const scope = { shopId: DEFAULT_SHOP_ID, conversationId: `whatsapp:${wa}`, expiryDays: 7, now };
    const cart = await addToCart(db, scope, id, 1);
    await saveCheckout(db, scope, {
      step: "confirm",
      rev: cart.rev,
      name: "Rita",
      phone: `+${wa}`,
      address: { text: "1 Main Street, Springfield" },
      payment: "cod",
      startedAt: now.toISOString(),
    });
    await turn(url, "whatsapp", wa, whatsappText({ waId: wa, text: "hi" }));
    const placed = joined(
      await turn(url, "whatsapp", wa, whatsappButton({ waId: wa, id: `CONFIRM:${cart.rev}` })),
    );
    const orderId = orderIdIn(placed) as string;
    expect(placed).toMatch(/is placed/);

    // the merchant moves it along; each step is told, the last one with the rating question
    for (const status of ["confirmed", "shipped"]) {
      const before = await seenBy(url, wa);
      expect((await adminApi(url, "PATCH", `orders/${orderId}`, { status })).status).toBe(200);
      await sinkFor(url, wa, { count: before + 1 });
    }
    const before = await seenBy(url, wa);
    const done = await adminApi(url, "PATCH", `orders/${orderId}`, { status: "delivered" });
    expect(done.status).toBe(200);
    expect((done.body.history as Array<{ notified?: string }>).at(-1)?.notified).toBe("sent");
    const told = (await sinkFor(url, wa, { count: before + 2 })).slice(before);
    expect(told.map(recipientOf)).toEqual([wa, wa]);
    expect(textOf(told[0] as SinkMessage)).toBe(`Order ${orderId} is delivered.`);
    const question = told[1] as SinkMessage;
    expect(textOf(question)).toBe("How do you like Review Lamp? Tap 1–5 ⭐");
    expect((question.body as Body).interactive?.type).toBe("list");
    const five = payloadsOf(question).find((p) => p.endsWith(":5"));
    expect(five).toBe(`RATE:${orderId}:${id}:5`);
    expect((await adminApi(url, "GET", `orders/${orderId}`)).body.reviewAskedAt).toEqual(expect.any(String));

    const thanks = joined(
      await turn(
        url,
        "whatsapp",
        wa,
        whatsappListReply({ waId: wa, id: five as string, title: "⭐⭐⭐⭐⭐ 5" }),
      ),
    );
    expect(thanks).toContain("Thanks for rating Review Lamp!");
    expect(thanks).toContain("Want to add a comment?");
    expect((await adminApi(url, "GET", `products/${id}`)).body.rating).toEqual({ average: 4.5, count: 2 });

    const after = joined(
      await turn(url, "whatsapp", wa, whatsappText({ waId: wa, text: "Bright and warm, love it" })),
    );
    expect(after).toContain("Thanks for your comment!");
    expect((await getReview(db, DEFAULT_SHOP_ID, orderId, id))?.comment).toBe("Bright and warm, love it");

    // the card shows the new average at the next message
    const card = joined(
      await turn(url, "whatsapp", wa, whatsappButton({ waId: wa, id: `PRODUCT:${id}` }), 2),
    );
    expect(card).toContain("★ 4.5 (2)");
  }, 90_000);
});
