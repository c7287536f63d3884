import { describe, expect, it } from "vitest";
import { understand } from "../../../lib/nlu";
import { checkoutSkill } from "../../../lib/skills/checkout";
import { ordersSkill } from "../../../lib/skills/orders";
import { parsePayload } from "../../../lib/turn/payloads";
import type { SkillContext } from "../../../lib/turn/skill";
import { skillTurn } from "../../helpers/skills";

const tap = (raw: string, c: SkillContext) =>
  ordersSkill.onPayload?.(parsePayload(raw) ?? { kind: "cart" }, c);

async function withOrder() {
  const s = skillTurn({
    lines: [["MUG-WHITE", 1]],
    rev: 3,
    checkout: {
      step: "confirm",
      name: "Ana",
      phone: "+1555",
      address: { text: "1 Main St, Town" },
      payment: "cod",
      rev: 3,
      startedAt: "x",
    },
  });
  await checkoutSkill.onPayload?.({ kind: "confirm", rev: 3 }, s.c);
  const order = s.shop.orders_[0];
  if (!order) throw new Error("no order");
  return { ...s, order };
}

describe("orders skill (in memory)", () => {
  it("'where is my order' shows the latest order with a Cancel button while pending", async () => {
    const { c, order } = await withOrder();
    const meaning = understand("where is my order", {
      index: c.shop.index,
      allowed: c.shop.settings.locales,
      fallback: "en",
    });
    const r = await ordersSkill.onIntent?.(meaning, c);
    expect(r?.reply.text).toContain(`Order ${order.orderId}:`);
    expect(r?.reply.choices?.[0]?.payload).toBe(`CANCEL:${order.orderId}`);
  });

  it("asks before cancelling; yes cancels and the stock goes back", async () => {
    const { c, shop, order } = await withOrder();
    const stock = shop.shop.catalogue.byId.get("MUG-WHITE")?.stock ?? 0;
    const ask = await tap(`CANCEL:${order.orderId}`, c);
    expect(ask?.awaiting).toEqual({ kind: "cancel", orderId: order.orderId });
    const yes = await ordersSkill.onAnswer?.(
      { text: "yes" },
      ask?.awaiting ?? { kind: "cancel", orderId: "" },
      c,
    );
    expect(yes?.reply.text).toBe(`Order ${order.orderId} is cancelled.`);
    expect(shop.shop.catalogue.byId.get("MUG-WHITE")?.stock).toBe(stock + 1);
  });

  it("an order the merchant confirmed meanwhile is not cancelled from the chat", async () => {
    const { c, order } = await withOrder();
    order.status = "confirmed";
    const r = await tap(`CANCELYES:${order.orderId}`, c);
    expect(r?.reply.text).toContain("can't cancel it here");
    expect(order.status).toBe("confirmed");
  });

  it("someone else's order reads as not found", async () => {
    const { c, order } = await withOrder();
    order.conversationId = "messenger:SOMEONE-ELSE";
    expect((await tap(`CANCELYES:${order.orderId}`, c))?.reply.text).toContain("can't find order");
  });

  it("'no' keeps the order", async () => {
    const { c, order } = await withOrder();
    const r = await ordersSkill.onAnswer?.({ text: "no" }, { kind: "cancel", orderId: order.orderId }, c);
    expect(r?.reply.text).toBe(`OK, order ${order.orderId} stays.`);
    expect(order.status).toBe("pending");
  });
});
