import { describe, expect, it } from "vitest";
import type { Cart } from "../../../lib/model/cart";
import { CartDraft } from "../../../lib/turn/cartDraft";

const at = new Date("2026-12-03T10:00:00.000Z");
const cart = (lines: Array<[string, number]>, rev = 4): Cart => ({
  shopId: "s",
  conversationId: "messenger:1",
  rev,
  lines: lines.map(([productId, quantity], i) => ({
    productId,
    quantity,
    addedAt: `2026-12-01T00:00:0${i}.000Z`,
  })),
});

describe("CartDraft", () => {
  it("one turn's changes make one new revision", () => {
    const d = new CartDraft(cart([["A", 1]]), true, ["A"]);
    d.add("A", 2, at);
    d.add("B", 1, at);
    d.decrement("A", at);
    expect(d.view().rev).toBe(5);
    expect(d.view().lines.map((l) => [l.productId, l.quantity])).toEqual([
      ["A", 2],
      ["B", 1],
    ]);
    expect(d.change()).toMatchObject({ loaded: { rev: 4, exists: true }, linesChanged: true, removed: [] });
  });

  it("a new or expired cart starts above any revision an ordered cart had (the clock)", () => {
    const fresh = new CartDraft(cart([], 0), false, []);
    fresh.add("A", 1, at);
    expect(fresh.view().rev).toBe(at.getTime() + 1);
    const expired = new CartDraft(cart([], 12), true, ["OLD"], true);
    expired.add("A", 1, at);
    expect(expired.view().rev).toBe(at.getTime() + 1);
    // the expired item's old lines are removed by the commit
    expect(expired.change()?.removed).toEqual(["OLD"]);
  });

  it("refuses more than 99 of one product and leaves the cart as it was", () => {
    const d = new CartDraft(cart([["A", 98]]), true, ["A"]);
    expect(() => d.add("A", 2, at)).toThrowError(/At most 99/);
    expect(d.change()).toBeUndefined();
  });

  it("collecting checkout answers writes the checkout without a new revision", () => {
    const d = new CartDraft(cart([["A", 1]]), true, ["A"]);
    d.setCheckout({ step: "phone", name: "Ana", startedAt: at.toISOString() });
    expect(d.change()).toMatchObject({ linesChanged: false, cart: { rev: 4, checkout: { step: "phone" } } });
  });

  it("after an order's own transaction emptied it, the turn writes nothing", () => {
    const d = new CartDraft(cart([["A", 1]]), true, ["A"]);
    d.ordered();
    expect(d.view()).toMatchObject({ lines: [], rev: 5 });
    expect(d.change()).toBeUndefined();
  });

  it("clearing removes every line and the checkout", () => {
    const d = new CartDraft(
      {
        ...cart([
          ["A", 1],
          ["B", 2],
        ]),
        checkout: { step: "name", startedAt: "x" },
      },
      true,
      ["A", "B"],
    );
    d.clear(at);
    expect(d.change()).toMatchObject({ removed: ["A", "B"], cart: { lines: [], checkout: undefined } });
  });
});
