import { describe, expect, it } from "vitest";
import type { Answer, Product } from "../../../lib/catalog/types";
import { formatMoney } from "../../../lib/content/format";
import { catalogue, compose, composeForPayload, type ReplyContext } from "../../../lib/content/replies";
import type { Locale } from "../../../lib/i18n";

const product = (over: Partial<Product> & { id: string }): Product => ({
  title: { en: "Classic Tee", ar: "تيشيرت كلاسيك", zh: "经典T恤", tl: "Klasikong Tee", id: "Kaos Klasik" },
  description: { en: "Soft cotton tee.", ar: "تيشيرت قطني ناعم." },
  price: { amount: 1999, currency: "USD" },
  stock: 10,
  category: "tops",
  tags: ["cotton"],
  attributes: {},
  rating: { average: 4.5, count: 20 },
  ...over,
});

const products = [
  product({ id: "TEE-RED-M", groupId: "TEE", attributes: { color: "red", size: "M" }, stock: 0 }),
  product({ id: "TEE-RED-L", groupId: "TEE", attributes: { color: "red", size: "L" }, stock: 3 }),
  product({ id: "TEE-BLUE-M", groupId: "TEE", attributes: { color: "blue", size: "M" }, stock: 12 }),
  product({
    id: "BAG-1",
    title: { en: "Beach Tote" },
    category: "bags",
    tags: ["beach", "cotton"],
    price: { amount: 3500, currency: "USD" },
  }),
  product({ id: "HAT-1", title: { en: "Sun Hat" }, category: "accessories", tags: ["beach"], stock: 0 }),
];
const answers: Answer[] = [
  {
    id: "returns",
    questions: { en: ["can I return?"] },
    answer: { en: "Returns within 30 days.", ar: "الإرجاع خلال 30 يومًا." },
  },
];

const ctx = (locale: Locale = "en"): ReplyContext => ({
  locale,
  settings: { defaultLocale: "en", name: "Demo" },
  catalogue: catalogue(products, answers),
});

describe("compose", () => {
  it("answers the price of the variant meant, formatted for the locale", () => {
    const r = compose(
      { intent: "product_question", questionKind: "price", product: { productId: "TEE-BLUE-M" } },
      ctx(),
    );
    expect(r.text).toBe("Classic Tee (Blue · M) is $19.99.");
    expect(r.cards?.[0]?.productId).toBe("TEE-BLUE-M");
  });

  it("resolves a group plus attributes to the variant (the red one in M) and says it is sold out, offering stock", () => {
    const r = compose(
      {
        intent: "product_question",
        questionKind: "stock",
        product: { groupId: "TEE" },
        attributes: { color: "red", size: "M" },
      },
      ctx(),
    );
    expect(r.text).toContain("Sorry, Classic Tee (Red · M) is sold out.");
    expect(r.cards?.map((c) => c.productId).sort()).toEqual(["TEE-BLUE-M", "TEE-RED-L"]);
  });

  it("warns when stock is low", () => {
    const r = compose(
      { intent: "product_question", questionKind: "stock", product: { productId: "TEE-RED-L" } },
      ctx(),
    );
    expect(r.text).toBe("Classic Tee (Red · L): only 3 left!");
  });

  it("lists sizes in stock only", () => {
    const r = compose(
      { intent: "product_question", questionKind: "sizes", product: { groupId: "TEE" } },
      ctx(),
    );
    expect(r.text).toBe("Classic Tee comes in: L, M.");
  });

  it.each([
    ["ar", "سعر تيشيرت كلاسيك (أزرق · M) هو"],
    ["zh", "经典T恤 (蓝色 · M)的价格是"],
    ["id", "Kaos Klasik (Biru · M) harganya"],
  ] as const)("speaks %s", (locale, start) => {
    const r = compose(
      { intent: "product_question", questionKind: "price", product: { productId: "TEE-BLUE-M" } },
      ctx(locale),
    );
    expect(r.text.startsWith(start)).toBe(true);
    expect(r.text).toContain(formatMoney({ amount: 1999, currency: "USD" }, locale));
  });

  it("falls back to the default locale for a missing translation", () => {
    const r = compose({ intent: "faq", answer: { answerId: "returns" } }, ctx("zh"));
    expect(r.text).toBe("Returns within 30 days.");
    expect(compose({ intent: "faq", answer: { answerId: "returns" } }, ctx("ar")).text).toBe(
      "الإرجاع خلال 30 يومًا.",
    );
  });

  it("browses a category with one card per item, in stock only", () => {
    const r = compose({ intent: "browse_category", category: "tops" }, ctx());
    expect(r.cards).toHaveLength(1);
    expect(r.cards?.[0]?.productId).toBe("TEE-BLUE-M");
    expect(compose({ intent: "browse_category", category: "accessories" }, ctx()).text).toBe(
      "Nothing in Accessories right now.",
    );
  });

  it("treats a weak guess as not understood", () => {
    const r = compose({ intent: "browse_category", confidence: 0.32 }, ctx());
    expect(r.unanswered).toBe(true);
    expect(
      compose({ intent: "browse_category", confidence: 0.84, category: "bags" }, ctx()).unanswered,
    ).toBeUndefined();
  });

  it("records what it cannot answer and offers categories and a person", () => {
    const r = compose({ intent: "unknown" }, ctx());
    expect(r.unanswered).toBe(true);
    expect(r.choices?.map((c) => c.payload)).toEqual(["CAT:accessories", "CAT:bags", "CAT:tops", "HUMAN"]);
  });

  it("cards carry add-to-cart and more-like-this buttons and a price subtitle", () => {
    const r = compose({ intent: "product_question", product: { productId: "BAG-1" } }, ctx());
    expect(r.cards?.[0]).toMatchObject({
      title: "Beach Tote",
      subtitle: "$35.00 · ★ 4.5 (20)",
      buttons: [
        { title: "Add to cart", payload: "ADD:BAG-1" },
        { title: "More like this", payload: "MORE:BAG-1" },
      ],
    });
  });
});

describe("composeForPayload", () => {
  it("MORE: suggests other items in stock, never the same item", () => {
    const r = composeForPayload({ kind: "more", productId: "BAG-1" }, ctx());
    const ids = r?.cards?.map((c) => c.productId) ?? [];
    expect(ids).not.toContain("BAG-1");
    expect(ids).not.toContain("HAT-1");
    expect(ids.length).toBeGreaterThan(0);
  });

  it("CAT: browses; unknown payloads are left to the NLU", () => {
    expect(composeForPayload({ kind: "category", category: "bags" }, ctx())?.cards?.[0]?.productId).toBe(
      "BAG-1",
    );
    expect(composeForPayload({ kind: "cart" }, ctx())).toBeUndefined();
  });
});
