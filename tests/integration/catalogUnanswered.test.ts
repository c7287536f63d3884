/** Unanswered questions on DynamoDB Local: grouping, counts, newest first on GSI1. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listUnanswered, recordUnanswered } from "../../lib/store/unanswered";
import { type TestDb, useFreshTable } from "../helpers/db";

let db: TestDb;
useFreshTable((d) => {
  db = d;
});

const T0 = Date.parse("2026-03-01T10:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const newShop = () => `shop-${randomUUID()}`;

describe("unanswered questions", () => {
  it("groups by normalised text, counts, keeps the latest wording and orders newest first", async () => {
    const shop = newShop();
    await recordUnanswered(db, shop, "Do you ship to Cebu?", "en", at(0));
    await recordUnanswered(db, shop, "do you ship to cebu", "en", at(5));
    await recordUnanswered(db, shop, "Do you have size 42?", "en", at(6));
    await recordUnanswered(db, shop, "DO YOU SHIP TO CEBU!!! 🙏", "en", at(7));
    await recordUnanswered(db, shop, "Do you have size 38?", "tl", at(8));
    await recordUnanswered(db, shop, "运费多少？", "zh", new Date(T0 + 3 * 60_000));

    const items = await listUnanswered(db, shop, 10);
    expect(items).toEqual([
      {
        key: "do you have size #",
        text: "Do you have size 38?",
        locale: "tl",
        count: 2,
        firstAt: at(6),
        lastAt: at(8),
      },
      {
        key: "do you ship to cebu",
        text: "DO YOU SHIP TO CEBU!!! 🙏",
        locale: "en",
        count: 3,
        firstAt: at(0),
        lastAt: at(7),
      },
      { key: "运费多少", text: "运费多少？", locale: "zh", count: 1, firstAt: at(3), lastAt: at(3) },
    ]);
    expect(await listUnanswered(db, shop, 1)).toHaveLength(1);
  });

  it("counts a late, older report without moving the times back", async () => {
    const shop = newShop();
    await recordUnanswered(db, shop, "gift wrap?", "en", at(10));
    await recordUnanswered(db, shop, "Gift wrap", "en", at(2));
    expect(await listUnanswered(db, shop)).toEqual([
      expect.objectContaining({ text: "gift wrap?", count: 2, firstAt: at(10), lastAt: at(10) }),
    ]);
  });

  it("counts concurrent reports exactly", async () => {
    const shop = newShop();
    await Promise.all(
      Array.from({ length: 20 }, () => recordUnanswered(db, shop, "where is my order", "en", at(1))),
    );
    expect((await listUnanswered(db, shop))[0]?.count).toBe(20);
  });

  it("records nothing for text with nothing to group by", async () => {
    const shop = newShop();
    expect(await recordUnanswered(db, shop, "👍👍", "en", at(0))).toBeUndefined();
    expect(await listUnanswered(db, shop)).toEqual([]);
  });

  it("keeps shops apart", async () => {
    const [a, b] = [newShop(), newShop()];
    await recordUnanswered(db, a, "only in a", "en", at(0));
    expect(await listUnanswered(db, b)).toEqual([]);
  });
});
