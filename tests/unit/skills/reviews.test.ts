import { describe, expect, it } from "vitest";
import { reviewsSkill } from "../../../lib/skills/reviews";
import { parsePayload } from "../../../lib/turn/payloads";
import type { SkillContext } from "../../../lib/turn/skill";
import { NOW, skillTurn } from "../../helpers/skills";

const tap = (raw: string, c: SkillContext) =>
  reviewsSkill.onPayload?.(parsePayload(raw) ?? { kind: "cart" }, c);

function delivered() {
  const s = skillTurn();
  const at = NOW.toISOString();
  const line = (productId: string, title: string) => ({
    productId,
    title,
    quantity: 1,
    unitPrice: { amount: 1000, currency: "USD" },
    lineTotal: { amount: 1000, currency: "USD" },
  });
  s.shop.orders_.push({
    shopId: "demo",
    orderId: "CC-2345ZZ",
    conversationId: s.turn.conversation.conversationId,
    channel: "messenger",
    userId: "PSID-1",
    locale: "en",
    status: "delivered",
    items: [line("MUG-WHITE", "Mug"), line("CAP-BLACK", "Cap")],
    total: { amount: 2000, currency: "USD" },
    customer: {},
    payment: { method: "cod", status: "paid" },
    createdAt: at,
    updatedAt: at,
    history: [],
    cartRev: 1,
  });
  return s;
}

describe("reviews skill (in memory)", () => {
  it("a star tap rates, asks for a comment; the comment is stored and the next product is asked", async () => {
    const { c, shop } = delivered();
    const rated = await tap("RATE:CC-2345ZZ:MUG-WHITE:5", c);
    expect(rated?.reply.text).toContain("Thanks for rating Mug!");
    expect(rated?.awaiting).toEqual({ kind: "review", orderId: "CC-2345ZZ", productId: "MUG-WHITE" });
    const next = await reviewsSkill.onAnswer?.(
      { text: "  Lovely mug " },
      rated?.awaiting ?? { kind: "cancel", orderId: "" },
      c,
    );
    expect(shop.reviews[0]).toMatchObject({ stars: 5, comment: "Lovely mug" });
    expect(next?.reply.text).toContain("How do you like Cap?");
  });

  it("Skip stores no comment; when every product is rated it thanks once more", async () => {
    const { c } = delivered();
    await tap("RATE:CC-2345ZZ:MUG-WHITE:4", c);
    await tap("RATE:CC-2345ZZ:CAP-BLACK:3", c);
    const done = await tap("REVIEWSKIP:CC-2345ZZ:CAP-BLACK", c);
    expect(done?.reply.choices).toBeUndefined();
  });

  it("an order not delivered yet, or not the shopper's, is not rated", async () => {
    const { c, shop } = delivered();
    const order = shop.orders_[0];
    if (order) order.status = "shipped";
    expect((await tap("RATE:CC-2345ZZ:MUG-WHITE:5", c))?.reply.text).not.toContain("Thanks");
    if (order) order.conversationId = "whatsapp:1";
    expect((await tap("RATE:CC-2345ZZ:MUG-WHITE:5", c))?.reply.text).toContain("can't find order");
    expect(shop.reviews).toEqual([]);
  });

  it("a message clearly about something else is not taken as the comment", async () => {
    const { c } = delivered();
    const r = await reviewsSkill.onAnswer?.(
      { text: "show my cart", meaning: { intent: "view_cart", confidence: 0.9 } as never },
      { kind: "review", orderId: "CC-2345ZZ", productId: "MUG-WHITE" },
      c,
    );
    expect(r).toBeUndefined();
  });
});
