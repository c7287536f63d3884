import { describe, expect, it } from "vitest";
import { cartSkill, fromWhatsAppOrder } from "../../../lib/skills/cart";
import { parsePayload } from "../../../lib/turn/payloads";
import { skillTurn } from "../../helpers/skills";

const tap = (raw: string, c: ReturnType<typeof skillTurn>["c"]) => {
  const p = parsePayload(raw);
  if (!p) throw new Error(`not a payload: ${raw}`);
  return cartSkill.onPayload?.(p, c);
};

describe("cart skill (in memory)", () => {
  it("a card's Add puts one in the cart, says so with the total, and counts it", async () => {
    const { c, turn } = skillTurn();
    const r = await tap("ADD:TEE-RED-M", c);
    expect(r?.reply.text).toContain("Added 1 × Classic Tee");
    expect(r?.reply.text).toContain("$19.99");
    expect(r?.cartTotal).toBe(1999);
    expect(turn.cart.view().lines).toEqual([
      expect.objectContaining({ productId: "TEE-RED-M", quantity: 1 }),
    ]);
    expect(turn.funnel.addToCart).toBe(1);
    expect(turn.cart.change()?.linesChanged).toBe(true);
  });

  it("gives what is left of a short item and says how many", async () => {
    const { c, turn } = skillTurn();
    const r = await tap("ADD:LINEN-BLUE-M:5", c);
    expect(turn.cart.quantityOf("LINEN-BLUE-M")).toBe(2);
    expect(r?.reply.text).toContain("Only 2 of");
  });

  it("a sold-out item is not added and offers the variants in stock", async () => {
    const { c, turn } = skillTurn();
    const r = await tap("ADD:TEE-RED-L", c);
    expect(turn.cart.view().lines).toEqual([]);
    expect(r?.reply.text).toContain("sold out");
    expect(r?.reply.cards?.length).toBeGreaterThan(0);
    expect(turn.cart.change()).toBeUndefined();
  });

  it("asks the colour, then the size, then adds the variant chosen", async () => {
    const { c, turn } = skillTurn();
    const colour = await tap("PICK:TEE:2::", c);
    expect(colour?.reply.text).toBe("Which colour?");
    const red = colour?.reply.choices?.find((ch) => ch.payload.includes(":red:"));
    const size = await tap(red?.payload ?? "", c);
    expect(size?.reply.text).toBe("Which size?");
    const m = size?.reply.choices?.find((ch) => ch.payload.endsWith(":M"));
    await tap(m?.payload ?? "", c);
    expect(turn.cart.quantityOf("TEE-RED-M")).toBe(2);
  });

  it("+1, −1 and Remove change the line; the last one empties the cart", async () => {
    const { c, turn } = skillTurn({ lines: [["MUG-WHITE", 1]] });
    const mug = turn.cart.view().lines[0]?.productId ?? "";
    await tap(`INC:${mug}`, c);
    expect(turn.cart.quantityOf(mug)).toBe(2);
    await tap(`DEC:${mug}`, c);
    expect(turn.cart.quantityOf(mug)).toBe(1);
    const r = await tap(`DEL:${mug}`, c);
    expect(turn.cart.view().lines).toEqual([]);
    expect(r?.reply.text).toContain("Your cart is empty.");
    expect(turn.cart.change()?.removed).toEqual([mug]);
  });

  it("viewing an empty cart offers the categories", async () => {
    const { c } = skillTurn();
    const r = await tap("CART", c);
    expect(r?.reply.text).toBe("Your cart is empty.");
    expect(r?.reply.choices?.every((ch) => ch.payload.startsWith("CAT:"))).toBe(true);
  });

  it("a WhatsApp cart replaces the chat cart at our prices and says what differs", async () => {
    const { c, turn } = skillTurn({ channel: "whatsapp", lines: [["HOODIE-GREY-M", 1]] });
    const r = fromWhatsAppOrder(
      [
        { retailerId: "TEE-RED-M", quantity: 2, itemPrice: 5, currency: "USD" },
        { retailerId: "NOPE", quantity: 1 },
      ],
      c,
    );
    expect(turn.cart.view().lines.map((l) => [l.productId, l.quantity])).toEqual([["TEE-RED-M", 2]]);
    expect(r.reply.text).toContain("We don't sell item NOPE here.");
    expect(r.reply.text).toContain("costs $19.99 here");
    expect(turn.cart.change()?.removed).toEqual(["HOODIE-GREY-M"]);
  });

  it("an unknown product's Add is not this skill's answer", async () => {
    const { c } = skillTurn();
    expect(await tap("ADD:NOT-A-PRODUCT", c)).toBeUndefined();
  });
});
