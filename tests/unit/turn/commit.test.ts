/**
 * What a turn's single commit holds (pure: the items are built, not sent; tests/integration and tests/e2e send
 * them to DynamoDB Local).
 */
import { describe, expect, it } from "vitest";
import type { Db } from "../../../lib/store/client";
import { turnWrites } from "../../../lib/store/turn";
import { skillTurn } from "../../helpers/skills";

const db = { table: "t" } as Db;

describe("a turn's writes", () => {
  it("a first message creates the conversation (only if absent) and lists it under the user", () => {
    const { turn } = skillTurn();
    turn.record({ at: turn.touch.at, direction: "in", author: "shopper", text: "hi" });
    const items = turnWrites(db, turn);
    expect(items[0]?.Update?.ConditionExpression).toBe("attribute_not_exists(pk)");
    expect(items.some((i) => i.Put?.Item?._et === "UserConversation")).toBe(true);
    expect(items.filter((i) => i.Put?.Item?._et === "Message")).toHaveLength(1);
  });

  it("a returning shopper's turn writes only over the revision it read", () => {
    const { turn } = skillTurn({ conversation: { turnRev: 41 } });
    const [conv] = turnWrites(db, turn);
    expect(conv?.Update?.ConditionExpression).toMatch(/^turnRev = :v\d+$/);
    expect(Object.values(conv?.Update?.ExpressionAttributeValues ?? {})).toContain(41);
    expect(Object.values(conv?.Update?.ExpressionAttributeValues ?? {})).toContain(42);
  });

  it("a cart change is conditional on the cart's revision; funnel counters are one item per source and day", () => {
    const { turn } = skillTurn({ conversation: {}, lines: [["MUG-WHITE", 1]], rev: 8 });
    turn.cart.add("MUG-WHITE", 1, turn.now);
    turn.count("addToCart");
    turn.count("productViews");
    const items = turnWrites(db, turn);
    const cart = items.find((i) => i.Update?.Key?.sk === "CART");
    expect(cart?.Update?.ConditionExpression).toMatch(/^rev = :v\d+$/);
    const funnel = items.filter((i) => String(i.Update?.Key?.pk).endsWith("#FUNNEL"));
    expect(funnel).toHaveLength(1);
    expect(funnel[0]?.Update?.UpdateExpression).toMatch(/ADD #n\d+ :v\d+, #n\d+ :v\d+/);
  });

  it("a handover moves the conversation only while it is with the bot, and sets its idle timer", () => {
    const { turn } = skillTurn({ conversation: {} });
    turn.handOver({ reason: "asked", at: turn.touch.at, releaseAt: "2026-12-03T11:00:00.000Z" });
    const items = turnWrites(db, turn);
    expect(items[0]?.Update?.ConditionExpression).toMatch(/AND #n\d+ = :v\d+$/);
    expect(items.some((i) => i.Put?.Item?._et === "HandoverTimer")).toBe(true);
  });

  it("a turn with nothing but the conversation is a single item (sent as one UpdateItem)", () => {
    const { turn } = skillTurn({ conversation: {} });
    expect(turnWrites(db, turn)).toHaveLength(1);
  });
});
