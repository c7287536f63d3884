/**
 * Products, answers and settings on DynamoDB Local: versions and If-Match, concurrent writers, catalogVersion
 * bumps in the same transaction, pagination, the demo seed.
 */
import { randomUUID } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { DEMO, seedDemo } from "../../lib/catalog/seed";
import type { Answer, Product } from "../../lib/catalog/types";
import { deleteAnswer, getAnswer, listAnswers, putAnswer } from "../../lib/store/answers";
import {
  deleteProduct,
  getProduct,
  listProducts,
  putProduct,
  putProductsBatch,
} from "../../lib/store/catalog";
import { keys } from "../../lib/store/keys";
import { DEFAULT_SETTINGS, getCatalogVersion, getSettings, putSettings } from "../../lib/store/settings";
import { authenticate } from "../../lib/store/tokens";
import { type TestDb, useFreshTable } from "../helpers/db";

let db: TestDb;
useFreshTable((d) => {
  db = d;
});

const newShop = () => `shop-${randomUUID()}`;

const product = (over: Partial<Product> = {}): Product => ({
  id: `P-${randomUUID().slice(0, 8)}`,
  title: { en: "Classic Tee" },
  price: { amount: 1999, currency: "USD" },
  stock: 5,
  category: "tops",
  tags: [],
  attributes: {},
  ...over,
});

const answer = (over: Partial<Answer> = {}): Answer => ({
  id: "returns",
  questions: { en: ["can I return it?"] },
  answer: { en: "Within 30 days." },
  ...over,
});

const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code?: string };
  }
  throw new Error("expected a rejection");
};

describe("products", () => {
  it("creates at version 1, then overwrites at version + 1", async () => {
    const shop = newShop();
    const p = product();
    const first = await putProduct(db, shop, p);
    expect(first.created).toBe(true);
    expect(first.item).toMatchObject({ ...p, version: 1 });
    expect(Date.now() - Date.parse(first.item.updatedAt as string)).toBeLessThan(60_000);

    const second = await putProduct(db, shop, { ...p, stock: 9, version: 77 });
    expect(second).toMatchObject({ created: false, item: { stock: 9, version: 2 } });
    const stored = await getProduct(db, shop, p.id);
    expect(stored).toEqual(second.item);
    expect(stored).not.toHaveProperty("pk");
    expect(stored).not.toHaveProperty("shopId");
  });

  it("writes with a matching If-Match and refuses a stale or missing one", async () => {
    const shop = newShop();
    const p = product();
    await putProduct(db, shop, p);
    expect((await putProduct(db, shop, { ...p, stock: 1 }, 1)).item.version).toBe(2);
    expect((await rejection(putProduct(db, shop, { ...p, stock: 2 }, 1))).code).toBe(
      "admin.version_conflict",
    );
    expect((await rejection(putProduct(db, shop, product(), 1))).code).toBe("admin.version_conflict");
    expect((await rejection(putProduct(db, shop, product(), "*"))).code).toBe("admin.version_conflict");
    expect((await putProduct(db, shop, { ...p, stock: 3 }, "*")).item.version).toBe(3);
    expect((await getProduct(db, shop, p.id))?.stock).toBe(3);
  });

  it("lets exactly one of 10 concurrent PUTs with the same If-Match win", async () => {
    const shop = newShop();
    const p = product();
    await putProduct(db, shop, p);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => putProduct(db, shop, { ...p, stock: 100 + i }, 1)),
    );
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o) => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.map((o) => (o.reason as { code: string }).code)).toEqual(
      Array(9).fill("admin.version_conflict"),
    );
    const stored = await getProduct(db, shop, p.id);
    expect(stored?.version).toBe(2);
    expect(stored?.stock).toBe((won[0] as PromiseFulfilledResult<{ item: Product }>).value.item.stock);
  });

  it("never repeats a version under concurrent writers without If-Match", async () => {
    const shop = newShop();
    const p = product();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => putProduct(db, shop, { ...p, stock: i })),
    );
    expect(results.map((r) => r.item.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await getProduct(db, shop, p.id))?.version).toBe(6);
    expect(await getCatalogVersion(db, shop)).toBe(6);
  });

  it("bumps catalogVersion on every write and delete, not on a failed one", async () => {
    const shop = newShop();
    expect(await getCatalogVersion(db, shop)).toBe(0);
    const p = product();
    await putProduct(db, shop, p);
    await putProduct(db, shop, { ...p, stock: 0 });
    expect(await getCatalogVersion(db, shop)).toBe(2);
    await rejection(putProduct(db, shop, p, 9));
    expect(await getCatalogVersion(db, shop)).toBe(2);
    expect(await deleteProduct(db, shop, p.id)).toBe(true);
    expect(await getCatalogVersion(db, shop)).toBe(3);
    expect(await deleteProduct(db, shop, p.id)).toBe(false);
    expect(await getCatalogVersion(db, shop)).toBe(3);
    expect((await getSettings(db, shop)).catalogVersion).toBe(3);
  });

  it("deletes with If-Match only at that version; a missing product is not a conflict", async () => {
    const shop = newShop();
    const p = product();
    await putProduct(db, shop, p);
    await putProduct(db, shop, p);
    expect((await rejection(deleteProduct(db, shop, p.id, 1))).code).toBe("admin.version_conflict");
    expect(await deleteProduct(db, shop, p.id, 2)).toBe(true);
    expect(await deleteProduct(db, shop, p.id, 2)).toBe(false);
    expect(await getProduct(db, shop, p.id)).toBeUndefined();
  });

  it("lists every product sorted by id, across Query pages", async () => {
    const shop = newShop();
    // ~2 KB each: 700 items are ~1.4 MB, more than one 1 MB Query page
    const long = "x".repeat(2000);
    const many = Array.from({ length: 700 }, (_, i) =>
      product({ id: `SKU-${String(699 - i).padStart(4, "0")}`, description: { en: long }, version: 1 }),
    );
    const before = await getCatalogVersion(db, shop);
    expect((await putProductsBatch(db, shop, many)).failed).toEqual([]);
    expect(await getCatalogVersion(db, shop)).toBe(before + 1);
    const listed = await listProducts(db, shop);
    expect(listed).toHaveLength(700);
    expect(listed[0]?.id).toBe("SKU-0000");
    expect(listed.map((p) => p.id)).toEqual([...listed.map((p) => p.id)].sort());
  });

  it("keeps shops apart", async () => {
    const [a, b] = [newShop(), newShop()];
    await putProduct(db, a, product({ id: "SAME" }));
    expect(await getProduct(db, b, "SAME")).toBeUndefined();
    expect(await listProducts(db, b)).toEqual([]);
  });
});

describe("answers", () => {
  it("are versioned like products and bump catalogVersion", async () => {
    const shop = newShop();
    const a = answer();
    expect((await putAnswer(db, shop, a)).item.version).toBe(1);
    expect((await putAnswer(db, shop, { ...a, answer: { en: "60 days" } }, 1)).item.version).toBe(2);
    expect((await rejection(putAnswer(db, shop, a, 1))).code).toBe("admin.version_conflict");
    expect(await getAnswer(db, shop, a.id)).toMatchObject({ answer: { en: "60 days" }, version: 2 });
    await putAnswer(db, shop, answer({ id: "a-first" }));
    expect((await listAnswers(db, shop)).map((x) => x.id)).toEqual(["a-first", "returns"]);
    expect(await deleteAnswer(db, shop, "a-first")).toBe(true);
    expect(await getCatalogVersion(db, shop)).toBe(4);
  });
});

describe("settings", () => {
  it("reads defaults at version 0 until saved", async () => {
    expect(await getSettings(db, newShop())).toEqual({ ...DEFAULT_SETTINGS, version: 0, catalogVersion: 0 });
  });

  it("saves with versions and If-Match, keeping catalogVersion", async () => {
    const shop = newShop();
    await putProduct(db, shop, product());
    const mine = { ...DEFAULT_SETTINGS, name: "Mine", greeting: { en: "Hi" } };
    const saved = await putSettings(db, shop, mine, 0);
    expect(saved).toEqual({ ...mine, version: 1, catalogVersion: 1 });
    expect((await rejection(putSettings(db, shop, mine, 0))).code).toBe("admin.version_conflict");
    const { greeting: _dropped, ...noGreeting } = mine;
    const again = await putSettings(db, shop, { ...noGreeting, currency: "PHP" }, 1);
    expect(again).toEqual({ ...noGreeting, currency: "PHP", version: 2, catalogVersion: 1 });
    expect(await getSettings(db, shop)).toEqual(again);
    await putProduct(db, shop, product());
    expect(await getSettings(db, shop)).toEqual({ ...again, catalogVersion: 2 });
  });
});

describe("seedDemo", () => {
  it("fills an empty shop with the demo data once, and always writes the tokens", async () => {
    const shop = newShop();
    const config = {
      secrets: { ADMIN_TOKEN: `adm-${randomUUID()}`, AGENT_TOKEN: `agt-${randomUUID()}` } as never,
    };
    const first = await seedDemo(db, config, DEMO, shop);
    expect(first).toEqual({ seeded: true, products: DEMO.products.length, answers: DEMO.answers.length });
    const products = await listProducts(db, shop);
    expect(products).toHaveLength(DEMO.products.length);
    expect(products.every((p) => p.version === 1)).toBe(true);
    expect(await listAnswers(db, shop)).toHaveLength(DEMO.answers.length);
    expect((await getSettings(db, shop)).version).toBe(1);

    await putProduct(db, shop, product({ id: products[0]?.id, stock: 0 }));
    expect((await seedDemo(db, config, DEMO, shop)).seeded).toBe(false);
    expect((await getProduct(db, shop, products[0]?.id as string))?.stock).toBe(0);
    const adminToken = (config.secrets as { ADMIN_TOKEN: string }).ADMIN_TOKEN;
    expect(await authenticate(db, `Bearer ${adminToken}`, "admin", config)).toBe("default");
    // a stored grant that came from the environment holds only while the environment still says so: rotating
    // ADMIN_TOKEN revokes the old one (issue 14)
    await expect(
      authenticate(db, `Bearer ${adminToken}`, "admin", {
        secrets: { ADMIN_TOKEN: `adm-${randomUUID()}`, AGENT_TOKEN: `agt-${randomUUID()}` } as never,
      }),
    ).rejects.toThrow(/not valid/);
  });

  it("stops on a demo file that breaks the schema, naming the field", async () => {
    const data = {
      ...DEMO,
      products: [{ ...(DEMO.products[0] as object), price: { amount: 19.99, currency: "USD" } }],
    };
    const config = { secrets: { ADMIN_TOKEN: randomUUID(), AGENT_TOKEN: randomUUID() } as never };
    await expect(seedDemo(db, config, data, newShop())).rejects.toThrow(
      /products\.json\[0\] is not valid: price\.amount/,
    );
  });

  it("stores the shop item with its entity name", async () => {
    const shop = newShop();
    await putProduct(db, shop, product());
    const item = (await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.shop(shop) }))).Item;
    expect(item).toMatchObject({ _et: "Shop", catalogVersion: 1 });
  });
});
