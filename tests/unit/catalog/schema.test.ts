/** The admin API's schemas: strict types, field paths in every error. */
import { describe, expect, it } from "vitest";
import { parseAnswer, parseProduct, parseSettings } from "../../../lib/catalog/schema";

const product = (overrides: Record<string, unknown> = {}) => ({
  id: "TEE-RED-M",
  title: { en: "Classic Tee" },
  price: { amount: 1999, currency: "USD" },
  stock: 12,
  ...overrides,
});

const pathsOf = (r: { ok: boolean; errors?: Array<{ path: string }> }) =>
  r.ok ? [] : (r.errors ?? []).map((e) => e.path);

describe("productSchema", () => {
  it("accepts the documented example (docs/interface.md) and fills defaults", () => {
    const r = parseProduct(
      product({
        groupId: "TEE",
        title: { en: "Classic Tee", ar: "تيشيرت", zh: "经典T恤", tl: "Tee", id: "Kaos" },
        description: { en: "Soft" },
        category: "tops",
        tags: ["cotton", "summer"],
        attributes: { color: "red", size: "M" },
        imageUrl: "https://example.com/tee.png",
        rating: { average: 4.6, count: 132 },
      }),
    );
    expect(r.ok).toBe(true);
    expect(parseProduct(product())).toEqual({
      ok: true,
      value: { ...product(), category: "", tags: [], attributes: {} },
    });
  });

  it("drops the store's fields (a client may PUT back what it GOT)", () => {
    const r = parseProduct(product({ version: 3, updatedAt: "2025-01-01T00:00:00Z" }));
    expect(r.ok && "version" in r.value).toBe(false);
  });

  it.each([
    ["a price in dollars", { price: { amount: 19.99, currency: "USD" } }, "price.amount"],
    ["a negative price", { price: { amount: -1, currency: "USD" } }, "price.amount"],
    ["a price as a string", { price: { amount: "1999", currency: "USD" } }, "price.amount"],
    ["a lower-case currency", { price: { amount: 1, currency: "usd" } }, "price.currency"],
    ["a long currency", { price: { amount: 1, currency: "USDT" } }, "price.currency"],
    ["negative stock", { stock: -1 }, "stock"],
    ["fractional stock", { stock: 1.5 }, "stock"],
    ["stock as a string", { stock: "3" }, "stock"],
    ["an unknown locale", { title: { en: "x", fr: "y" } }, "title.fr"],
    ["no title", { title: {} }, "title"],
    ["an empty title", { title: { en: "  " } }, "title.en"],
    ["a bad id", { id: "has space" }, "id"],
    ["a long id", { id: "x".repeat(101) }, "id"],
    ["a javascript: image", { imageUrl: "javascript:alert(1)" }, "imageUrl"],
    ["a tag that is a number", { tags: ["ok", 3] }, "tags.1"],
    ["an unknown field", { prcie: 1 }, "prcie"],
    ["a rating above 5", { rating: { average: 6, count: 1 } }, "rating.average"],
    ["an upper-case attribute name", { attributes: { Color: "red" } }, "attributes.Color"],
  ])("refuses %s with its field path", (_label, overrides, path) => {
    const r = parseProduct(product(overrides));
    expect(r.ok).toBe(false);
    expect(pathsOf(r)).toContain(path);
  });

  it("lists every problem, not just the first", () => {
    const r = parseProduct({
      id: "ok",
      title: { en: "t" },
      price: { amount: 1.5, currency: "x" },
      stock: -2,
    });
    expect(pathsOf(r).sort()).toEqual(["price.amount", "price.currency", "stock"]);
  });

  it.each([null, [], "x", 3])("refuses %j as a product", (value) => {
    expect(parseProduct(value).ok).toBe(false);
  });
});

describe("answerSchema", () => {
  it("accepts questions and answers per locale", () => {
    expect(
      parseAnswer({
        id: "returns",
        questions: { en: ["can I return an item?"], ar: ["هل يمكنني الإرجاع؟"] },
        answer: { en: "Within 30 days.", ar: "خلال 30 يومًا." },
      }).ok,
    ).toBe(true);
  });

  it.each([
    ["questions not in a list", { questions: { en: "can I?" } }, "questions.en"],
    ["an unknown locale", { questions: { xx: ["?"] } }, "questions.xx"],
    ["no answer text", { answer: {} }, "answer"],
  ])("refuses %s", (_label, overrides, path) => {
    const r = parseAnswer({ id: "a", questions: { en: ["q"] }, answer: { en: "a" }, ...overrides });
    expect(pathsOf(r)).toContain(path);
  });
});

describe("settingsSchema", () => {
  const settings = {
    name: "Shop",
    locales: ["en", "ar"],
    defaultLocale: "en",
    currency: "USD",
    paymentMethods: ["cod"],
    handover: { maxUnansweredTurns: 2, pageInbox: false },
  };

  it("accepts settings and ignores version and catalogVersion", () => {
    const r = parseSettings({ ...settings, version: 2, catalogVersion: 40 });
    expect(r).toEqual({ ok: true, value: settings });
  });

  it.each([
    ["a default locale outside locales", { defaultLocale: "zh" }, "defaultLocale"],
    ["an unknown locale", { locales: ["en", "fr"] }, "locales.1"],
    ["a repeated locale", { locales: ["en", "en"] }, "locales"],
    [
      "turns as a string",
      { handover: { maxUnansweredTurns: "2", pageInbox: false } },
      "handover.maxUnansweredTurns",
    ],
    ["no payment method", { paymentMethods: [] }, "paymentMethods"],
    ["a bad currency", { currency: "dollars" }, "currency"],
    [
      "an idle release of 0 minutes",
      { handover: { maxUnansweredTurns: 2, pageInbox: false, idleReleaseMinutes: 0 } },
      "handover.idleReleaseMinutes",
    ],
    [
      "a template without a language",
      { handover: { maxUnansweredTurns: 2, pageInbox: false, whatsappTemplate: { name: "reopen" } } },
      "handover.whatsappTemplate.language",
    ],
    [
      "an unknown time zone",
      { openingHours: { timezone: "Mars/Olympus", days: {} } },
      "openingHours.timezone",
    ],
    [
      "a time of 25:00",
      { openingHours: { timezone: "UTC", days: { mon: [["09:00", "25:00"]] } } },
      "openingHours.days.mon.0.1",
    ],
    [
      "an unknown weekday",
      { openingHours: { timezone: "UTC", days: { monday: [] } } },
      "openingHours.days.monday",
    ],
  ])("refuses %s", (_label, overrides, path) => {
    expect(pathsOf(parseSettings({ ...settings, ...overrides }))).toContain(path);
  });

  it("accepts handover rules, opening hours and a WhatsApp template", () => {
    const full = {
      ...settings,
      handover: {
        maxUnansweredTurns: 3,
        pageInbox: true,
        cartValueAbove: 50_000,
        idleReleaseMinutes: 30,
        whatsappTemplate: { name: "reopen_chat", language: "en_US" },
      },
      openingHours: {
        timezone: "Asia/Manila",
        days: { mon: [["09:00", "18:00"]], fri: [["20:00", "24:00"]] },
      },
    };
    expect(parseSettings(full)).toEqual({ ok: true, value: full });
  });
});
