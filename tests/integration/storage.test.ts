/**
 * The botbuilder `Storage` contract, one suite for every implementation (as botbuilder-js's own
 * `storageBaseTests`): MemoryStorage is the reference, DynamoStorage must behave the same on DynamoDB Local.
 */
import { randomUUID } from "node:crypto";
import {
  AutoSaveStateMiddleware,
  ConversationState,
  MemoryStorage,
  type Storage,
  type StoreItem,
  type StoreItems,
  TestAdapter,
} from "botbuilder-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DynamoStorage } from "../../lib/bot/dynamoStorage";
import { freshTable } from "../helpers/db";

type Db = Awaited<ReturnType<typeof freshTable>>;

const cart = (over: Record<string, unknown> = {}) => ({
  locale: "ar",
  greeted: true,
  cart: { items: [{ productId: "TEE-RED-M", quantity: 2, unitPrice: { amount: 1999, currency: "USD" } }] },
  tags: ["cotton", "summer", ""],
  matrix: [
    [1, 2],
    [3, [4, 5]],
  ],
  note: "مرحبا · 你好 · Kumusta · Halo · 🛒👕",
  nothing: null,
  zero: 0,
  flag: false,
  ...over,
});

async function readOne(storage: Storage, key: string): Promise<StoreItem | undefined> {
  return (await storage.read([key]))[key];
}

/** Every `Storage` implementation must pass this suite. `factory` gives an empty storage per test. */
function storageContract(name: string, factory: () => Storage): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(() => {
      storage = factory();
    });

    it("reads an unknown key as absent (an empty result, not an error)", async () => {
      const items = await storage.read(["unknown"]);
      expect(items).toEqual({});
      expect(await storage.read([])).toEqual({});
    });

    it("rejects null keys and null changes like botbuilder's MemoryStorage", async () => {
      await expect(storage.read(null as unknown as string[])).rejects.toThrow(ReferenceError);
      await expect(storage.write(null as unknown as StoreItems)).rejects.toThrow(ReferenceError);
    });

    it("writes no items without an error", async () => {
      await expect(storage.write({})).resolves.toBeUndefined();
    });

    it("creates items and reads them back (nested objects, arrays, unicode) with an eTag", async () => {
      const value = cart();
      await storage.write({ conv: value, other: { id: 2 } });
      const items = await storage.read(["conv", "other"]);
      expect(items.conv).toEqual({ ...value, eTag: expect.any(String) });
      expect(items.other).toEqual({ id: 2, eTag: expect.any(String) });
      expect(items.conv?.eTag).not.toBe("");
    });

    it("does not change the object it was given", async () => {
      const value = { count: 1, eTag: "*" };
      await storage.write({ k: value });
      expect(value).toEqual({ count: 1, eTag: "*" });
    });

    it.each([
      ["punctuation", "!@#$%^&*()~/\\><,.?';\"`~"],
      ["unicode", "whatsapp/conversations/مرحبا 你好 🛒"],
      ["botbuilder-style", "messenger/conversations/messenger:9876543210987654"],
      ["looks like our own key", "BOTSTATE#x#STATE"],
    ])("handles %s keys", async (_label, key) => {
      await storage.write({ [key]: { id: 1 } });
      expect(await readOne(storage, key)).toEqual({ id: 1, eTag: expect.any(String) });
    });

    it("updates with the current eTag and changes the eTag", async () => {
      await storage.write({ k: { count: 1 } });
      const first = await readOne(storage, "k");
      await storage.write({ k: { ...first, count: 2 } });
      const second = await readOne(storage, "k");
      expect(second?.count).toBe(2);
      expect(second?.eTag).toEqual(expect.any(String));
      expect(second?.eTag).not.toBe(first?.eTag);
    });

    it("rejects a stale eTag and leaves the stored value unchanged", async () => {
      await storage.write({ k: { count: 1 } });
      const stale = await readOne(storage, "k");
      await storage.write({ k: { ...stale, count: 2 } });
      const current = await readOne(storage, "k");
      await expect(storage.write({ k: { ...stale, count: 99 } })).rejects.toThrow(/eTag conflict/);
      expect(await readOne(storage, "k")).toEqual(current);
    });

    it("forces a write with the eTag '*'", async () => {
      await storage.write({ k: { count: 1 } });
      const stale = await readOne(storage, "k");
      await storage.write({ k: { ...stale, count: 2 } });
      await storage.write({ k: { count: 3, eTag: "*" } });
      expect((await readOne(storage, "k"))?.count).toBe(3);
    });

    it.each([
      ["no eTag property", {}],
      ["an undefined eTag", { eTag: undefined }],
      ["an empty eTag", { eTag: "" }],
      ["a null eTag", { eTag: null }],
    ])("writes unconditionally with %s", async (_label, tag) => {
      await storage.write({ k: { count: 1 } });
      await storage.write({ k: { count: 2 } });
      await storage.write({ k: { count: 3, ...tag } });
      const item = await readOne(storage, "k");
      expect(item?.count).toBe(3);
      expect(item?.eTag).toEqual(expect.any(String));
    });

    it("writes an item with an eTag when the key does not exist (deleted meanwhile)", async () => {
      await storage.write({ k: { count: 1 } });
      const read = await readOne(storage, "k");
      await storage.delete(["k"]);
      await storage.write({ k: { ...read, count: 2 } });
      expect((await readOne(storage, "k"))?.count).toBe(2);
    });

    it("deletes an unknown key without an error", async () => {
      await expect(storage.delete(["unknown_key"])).resolves.toBeUndefined();
    });

    it("deletes, after which the key reads as absent", async () => {
      await storage.write({ gone: { count: 1 }, kept: { count: 2 } });
      await storage.delete(["gone"]);
      const items = await storage.read(["gone", "kept"]);
      expect(items.gone).toBeUndefined();
      expect(items.kept?.count).toBe(2);
    });

    it("reads and deletes many keys at once (more than one DynamoDB batch)", async () => {
      const keys = Array.from({ length: 120 }, (_, i) => `batch/${i}`);
      await storage.write(Object.fromEntries(keys.map((k, i) => [k, { i, tag: `#${i}` }])));
      const items = await storage.read([...keys, "batch/unknown", "batch/0"]);
      expect(Object.keys(items).sort()).toEqual([...keys].sort());
      keys.forEach((k, i) => {
        expect(items[k]).toEqual({ i, tag: `#${i}`, eTag: expect.any(String) });
      });
      await storage.delete(keys);
      expect(await storage.read(keys)).toEqual({});
    });

    it("lets exactly one of concurrent writes with the same read eTag win", async () => {
      await storage.write({ k: { count: 0 } });
      const seen = await readOne(storage, "k");
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) => storage.write({ k: { ...seen, count: i + 1 } })),
      );
      const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i + 1] : []));
      expect(won).toHaveLength(1);
      expect((await readOne(storage, "k"))?.count).toBe(won[0]);
    });
  });
}

storageContract("MemoryStorage", () => new MemoryStorage());

describe("DynamoStorage", () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshTable();
  });
  afterAll(async () => {
    await db?.drop();
  });

  // Each test gets its own shop, so tests on the one table cannot see each other's keys.
  storageContract("DynamoStorage", () => new DynamoStorage(db, `shop-${randomUUID()}`));

  it("keeps shops apart: the same key in two shops is two items", async () => {
    const a = new DynamoStorage(db, `a-${randomUUID()}`);
    const b = new DynamoStorage(db, `b-${randomUUID()}`);
    await a.write({ "messenger/conversations/1": { shop: "a" } });
    expect(await b.read(["messenger/conversations/1"])).toEqual({});
    await b.write({ "messenger/conversations/1": { shop: "b" } });
    expect((await a.read(["messenger/conversations/1"]))["messenger/conversations/1"]?.shop).toBe("a");
    await b.delete(["messenger/conversations/1"]);
    expect((await a.read(["messenger/conversations/1"]))["messenger/conversations/1"]?.shop).toBe("a");
  });

  it("keeps ConversationState across turns of a TestAdapter conversation", async () => {
    const storage = new DynamoStorage(db, `shop-${randomUUID()}`);
    const bot = () => {
      const state = new ConversationState(storage);
      const visits = state.createProperty<{ count: number; said: string[] }>("visits");
      return new TestAdapter(async (context) => {
        const v = await visits.get(context, { count: 0, said: [] });
        v.count += 1;
        v.said.push(context.activity.text ?? "");
        await context.sendActivity(`turn ${v.count}: ${v.said.join(",")}`);
      }).use(new AutoSaveStateMiddleware(state));
    };
    await bot()
      .send("hi")
      .assertReply("turn 1: hi")
      .send("مرحبا")
      .assertReply("turn 2: hi,مرحبا")
      .startTest();
    // A new adapter and ConversationState (a new Lambda container): only the table remembers.
    await bot().send("again").assertReply("turn 3: hi,مرحبا,again").startTest();
    const stored = await storage.read(["test/conversations/Convo1/"]);
    expect(stored["test/conversations/Convo1/"]?.visits).toEqual({
      count: 3,
      said: ["hi", "مرحبا", "again"],
    });
  });
});
