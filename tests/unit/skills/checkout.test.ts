import { describe, expect, it } from "vitest";
import { understand } from "../../../lib/nlu";
import { checkoutSkill } from "../../../lib/skills/checkout";
import { TurnConflict } from "../../../lib/store/turn";
import { parsePayload } from "../../../lib/turn/payloads";
import type { Awaiting, SkillContext } from "../../../lib/turn/skill";
import { skillTurn } from "../../helpers/skills";

const tap = (raw: string, c: SkillContext) =>
  checkoutSkill.onPayload?.(parsePayload(raw) ?? { kind: "cart" }, c);
const type = (text: string, awaiting: Awaiting, c: SkillContext) =>
  checkoutSkill.onAnswer?.(
    {
      text,
      meaning: understand(text, {
        index: c.shop.index,
        locale: c.locale,
        allowed: c.shop.settings.locales,
        fallback: "en",
      }),
    },
    awaiting,
    c,
  );

describe("checkout skill (in memory)", () => {
  it("Messenger: name, phone, address, then a summary at fresh prices naming the cart revision", async () => {
    const { c, turn } = skillTurn({ lines: [["TEE-RED-M", 2]], rev: 7 });
    const name = await tap("CHECKOUT", c);
    expect(name?.awaiting).toEqual({ kind: "checkout", step: "name" });
    expect(turn.funnel.checkouts).toBe(1);
    const phone = await type("Maria Santos", name?.awaiting as Awaiting, c);
    expect(phone?.awaiting).toEqual({ kind: "checkout", step: "phone" });
    const address = await type("+63 917 555 0101", phone?.awaiting as Awaiting, c);
    expect(address?.awaiting).toEqual({ kind: "checkout", step: "address" });
    const summary = await type("12 Orchard Road, Makati City", address?.awaiting as Awaiting, c);
    expect(summary?.awaiting).toEqual({ kind: "checkout", step: "confirm" });
    expect(summary?.reply.text).toContain("Maria Santos, +639175550101, 12 Orchard Road, Makati City");
    expect(summary?.reply.text).toContain("$39.98");
    expect(summary?.reply.choices?.[0]?.payload).toBe("CONFIRM:7");
    // collecting answers changes the checkout, not the cart's revision
    expect(turn.cart.change()).toMatchObject({
      linesChanged: false,
      cart: { rev: 7, checkout: { step: "confirm" } },
    });
  });

  it("WhatsApp knows the phone and the profile name: the address is the only question", async () => {
    const { c } = skillTurn({
      channel: "whatsapp",
      lines: [["MUG-WHITE", 1]],
      conversation: { name: "Ana" },
    });
    const r = await tap("CHECKOUT", c);
    expect(r?.awaiting).toEqual({ kind: "checkout", step: "address" });
  });

  it("a bad phone number is asked again; 'no' stops the checkout and keeps the cart", async () => {
    const { c, turn } = skillTurn({
      lines: [["MUG-WHITE", 1]],
      checkout: { step: "phone", name: "Ana", startedAt: "x" },
    });
    const again = await type("12 34", { kind: "checkout", step: "phone" }, c);
    expect(again?.reply.text).toContain("doesn't look like a phone number");
    const stopped = await type("no", { kind: "checkout", step: "phone" }, c);
    expect(stopped?.reply.text).toContain("I stopped the checkout");
    expect(turn.cart.view().checkout).toBeUndefined();
    expect(turn.cart.view().lines).toHaveLength(1);
  });

  it("a question clearly about something else leaves the checkout question unanswered", async () => {
    const { c } = skillTurn({
      lines: [["MUG-WHITE", 1]],
      checkout: { step: "address", name: "Ana", phone: "+1555", startedAt: "x" },
    });
    expect(await type("show my cart", { kind: "checkout", step: "address" }, c)).toBeUndefined();
  });

  const atConfirm = () => {
    const s = skillTurn({
      lines: [["TEE-RED-M", 2]],
      rev: 9,
      checkout: {
        step: "confirm",
        name: "Ana",
        phone: "+15550001",
        address: { text: "1 Main St, Springfield" },
        payment: "cod",
        rev: 9,
        prices: { "TEE-RED-M": 1999 },
        startedAt: "x",
      },
    });
    return s;
  };

  it("confirming places one order: stock down, cart emptied by the order, funnel, profile, basket", async () => {
    const { c, turn, shop } = atConfirm();
    const before = shop.shop.catalogue.byId.get("TEE-RED-M")?.stock ?? 0;
    const r = await tap("CONFIRM:9", c);
    expect(r?.reply.text).toMatch(/Order CC-\w{6} is placed: \$39\.98/);
    expect(shop.shop.catalogue.byId.get("TEE-RED-M")?.stock).toBe(before - 2);
    expect(turn.cart.view().lines).toEqual([]);
    expect(turn.cart.change()).toBeUndefined();
    expect(turn.irrevocable).toBe(true);
    expect(turn.funnel).toMatchObject({ orders: 1, revenue: 3998 });
    expect(turn.patch.profile?.address?.text).toBe("1 Main St, Springfield");
    expect(turn.basket).toEqual(["TEE"]);
  });

  it("'yes' at the summary confirms the revision it showed; a second confirm finds the order", async () => {
    const { c, shop } = atConfirm();
    await type("yes", { kind: "checkout", step: "confirm" }, c);
    const { c: again } = skillTurn({ lines: [], rev: 10 });
    again.ports = shop;
    const r = await tap("CONFIRM:9", again);
    expect(r?.reply.text).toContain("is already placed");
    expect(shop.orders_).toHaveLength(1);
  });

  it("a price changed since the summary shows the summary again, at the new price", async () => {
    const { c, shop } = atConfirm();
    const p = shop.shop.catalogue.byId.get("TEE-RED-M");
    if (p) p.price = { ...p.price, amount: 2499 };
    const r = await tap("CONFIRM:9", c);
    expect(r?.reply.text).toContain("now costs $24.99");
    expect(shop.orders_).toHaveLength(0);
  });

  it("stock gone since the summary: the cart is fixed and the shopper told", async () => {
    const { c, shop, turn } = atConfirm();
    const p = shop.shop.catalogue.byId.get("TEE-RED-M");
    if (p) p.stock = 1;
    const r = await tap("CONFIRM:9", c);
    expect(r?.reply.text).toContain("only 1 left");
    expect(turn.cart.quantityOf("TEE-RED-M")).toBe(1);
    expect(shop.orders_).toHaveLength(0);
  });

  it("a cart changed by another turn makes the turn run again", async () => {
    const { c, shop } = atConfirm();
    shop.placeOrder = async () => ({ kind: "cart_changed" });
    await expect(tap("CONFIRM:9", c)).rejects.toBeInstanceOf(TurnConflict);
  });
});
