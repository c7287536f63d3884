import { describe, expect, it } from "vitest";
import type { HandoverRules } from "../../../lib/catalog/types";
import { cartValueRule, decideHandover, type TurnSignals } from "../../../lib/handover/rules";

const rules = (over: Partial<HandoverRules> = {}): HandoverRules => ({
  maxUnansweredTurns: 2,
  pageInbox: false,
  ...over,
});
const turn = (over: Partial<TurnSignals> = {}): TurnSignals => ({ unanswered: false, ...over });

describe("decideHandover", () => {
  it.each(["asked", "complaint"] as const)("hands over at once when the shopper %s", (requested) => {
    expect(decideHandover(turn({ requested }), 0, rules())).toEqual({
      reason: requested,
      unansweredStreak: 0,
    });
  });

  it("counts unanswered turns in a row and hands over at maxUnansweredTurns", () => {
    const first = decideHandover(turn({ unanswered: true }), 0, rules());
    expect(first).toEqual({ unansweredStreak: 1 });
    expect(decideHandover(turn({ unanswered: true }), first.unansweredStreak, rules())).toEqual({
      reason: "unanswered",
      unansweredStreak: 0,
    });
  });

  it("resets the count on an answered turn", () => {
    expect(decideHandover(turn(), 1, rules())).toEqual({ unansweredStreak: 0 });
    expect(decideHandover(turn({ unanswered: true }), 0, rules({ maxUnansweredTurns: 3 }))).toEqual({
      unansweredStreak: 1,
    });
  });

  it("never hands over for unanswered turns when maxUnansweredTurns is 0", () => {
    expect(decideHandover(turn({ unanswered: true }), 50, rules({ maxUnansweredTurns: 0 }))).toEqual({
      unansweredStreak: 51,
    });
  });

  it("hands over on a cart total above cartValueAbove, only when a total is given", () => {
    const r = rules({ cartValueAbove: 50_000 });
    expect(decideHandover(turn({ cartTotal: 50_001 }), 0, r).reason).toBe("cart_value");
    expect(decideHandover(turn({ cartTotal: 50_000 }), 0, r).reason).toBeUndefined();
    expect(decideHandover(turn(), 0, r).reason).toBeUndefined();
  });

  it("prefers the shopper's own request to the other rules", () => {
    const r = rules({ cartValueAbove: 0, maxUnansweredTurns: 1 });
    expect(
      decideHandover(turn({ requested: "complaint", unanswered: true, cartTotal: 9 }), 0, r).reason,
    ).toBe("complaint");
  });
});

describe("cartValueRule", () => {
  it.each([
    [undefined, 1_000_000, false],
    [10_000, 9_999, false],
    [10_000, 10_000, false],
    [10_000, 10_001, true],
    [0, 1, true],
    [0, 0, false],
  ])("cartValueAbove %s, cart %s → %s", (cartValueAbove, total, expected) => {
    expect(cartValueRule({ cartValueAbove }).triggers(total)).toBe(expected);
  });
});

describe("neutral turns (issue 15)", () => {
  it("an emoji the bot had no answer for neither counts nor breaks the run", () => {
    const r = { maxUnansweredTurns: 3, pageInbox: false };
    expect(decideHandover({ unanswered: true, neutral: true }, 2, r)).toEqual({ unansweredStreak: 2 });
    expect(decideHandover({ unanswered: true }, 2, r)).toEqual({ reason: "unanswered", unansweredStreak: 0 });
  });
});
