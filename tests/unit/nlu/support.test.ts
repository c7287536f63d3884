/**
 * Customer-support requests and product words beyond the titles: answers found by topic however a question
 * is worded (and in whichever language the merchant wrote the examples), complaints that name a policy
 * topic, requests to buy that name nothing, word forms (English endings, Arabic suffixes), synonyms.
 */
import { describe, expect, it } from "vitest";
import type { Answer, Product } from "../../../lib/catalog/types";
import type { Locale } from "../../../lib/i18n";
import { buildIndex, type Intent, understand } from "../../../lib/nlu";
import { keyOf } from "../../../lib/nlu/text";

const ALL: Locale[] = ["en", "ar", "zh", "tl", "id"];

const product = (over: Partial<Product> & Pick<Product, "id" | "title">): Product => ({
  price: { amount: 2999, currency: "USD" },
  stock: 5,
  category: "accessories",
  tags: [],
  attributes: {},
  ...over,
});

const products: Product[] = [
  product({
    id: "WATCH",
    title: { en: "Minimalist Watch", ar: "ساعة بتصميم بسيط", id: "Jam Tangan Minimalis" },
    attributes: { color: "silver" },
  }),
  product({
    id: "BELT",
    title: { en: "Leather Belt", ar: "حزام جلد", id: "Ikat Pinggang Kulit", tl: "Leather na Sinturon" },
    attributes: { color: "brown" },
  }),
  product({
    id: "BACKPACK",
    category: "bags",
    title: { en: "Leather Backpack", ar: "حقيبة ظهر جلدية", id: "Ransel Kulit" },
    attributes: { color: "brown" },
  }),
  product({
    id: "HIJAB",
    title: { en: "Jersey Hijab", ar: "حجاب جيرسي", id: "Hijab Jersey" },
    attributes: { color: "black" },
  }),
];

/** Example questions in English only: other languages reach them through the shared topics. */
const answers: Answer[] = [
  {
    id: "refunds",
    questions: { en: ["how long does a refund take", "can i get a refund"] },
    answer: { en: "…" },
  },
  {
    id: "cancel-order",
    questions: { en: ["can i cancel my order?", "is there a cancellation fee"] },
    answer: { en: "…" },
  },
  { id: "how-to-order", questions: { en: ["how do i order?", "how to buy"] }, answer: { en: "…" } },
  { id: "payment", questions: { en: ["how can i pay?", "payment methods?"] }, answer: { en: "…" } },
  {
    id: "contact",
    questions: { en: ["how can i contact you?", "do you have a phone number"] },
    answer: { en: "…" },
  },
];

const index = buildIndex(products, answers);
const read = (text: string, locale: Locale = "en") =>
  understand(text, { index, locale, allowed: ALL, fallback: "en" });

describe("policy questions however they are worded", () => {
  it.each<[string, Locale, string]>([
    ["I would really appreciate some assistance getting reimbursed for purchase 5521", "en", "refunds"],
    ["could you tell me whether there is a penalty when i call off an order", "en", "cancel-order"],
    ["no idea how buying from your website works, can you walk me through it", "en", "how-to-order"],
    ["what options do i have to settle the bill", "en", "payment"],
    ["is there some way to get in touch with your support people", "en", "contact"],
    ["kalau batalin pesanan kena denda gak kak", "id", "cancel-order"],
    ["kapan uang saya dikembalikan", "id", "refunds"],
    ["كيف اتواصل معكم؟", "ar", "contact"],
    ["退款要多久", "zh", "refunds"],
  ])("%s → faq %s", (text, locale, answerId) => {
    const u = read(text, locale);
    expect(u.intent).toBe("faq");
    expect(u.answer?.answerId).toBe(answerId);
  });

  it.each<[string, Intent]>([
    ["my payment failed and the money was taken twice", "complaint"],
    ["i'd like to lodge a complaint about the way i was treated", "complaint"],
    ["where is my order 99812, it still has not shipped", "order_status"],
    // a request to cancel is the cancel_order action now that the bot cancels orders itself; what it costs
    // stays the policy question above
    ["mau batalin pesanan kemarin kak", "cancel_order"],
    ["i need to speak with someone from your team, not a bot", "human"],
  ])("%s → %s, not a policy question", (text, intent) => {
    expect(read(text).intent).toBe(intent);
  });

  it("a long request to buy that names nothing asks how buying works", () => {
    const u = read("i want to buy a few items from you but i do not know how");
    expect(u.intent).toBe("faq");
    expect(u.answer?.answerId).toBe("how-to-order");
  });

  it("a short one is about the item in view", () => {
    expect(read("i'll take it").intent).toBe("add_to_cart");
  });
});

describe("product words beyond the titles", () => {
  it.each<[string, Locale, string]>([
    ["ساعتكم بكم؟", "ar", "WATCH"],
    ["حزامكم متوفر؟", "ar", "BELT"],
    ["الشنطة الظهر الجلد بكم", "ar", "BACKPACK"],
    ["sabuk kulit ready?", "id", "BELT"],
    ["kerudung jersey hitam ada?", "id", "HIJAB"],
  ])("%s → %s", (text, locale, id) => {
    expect(read(text, locale).product?.productId).toBe(id);
  });

  it("a colour word is not a misspelt product word (hijau ≠ hijab)", () => {
    expect(read("ada yang hijau?", "id").product).toBeUndefined();
  });

  it("the shop's one item of a kind is the product, even when the kind is browsed", () => {
    const u = read("عندكم ساعة؟", "ar");
    expect(u.product?.productId).toBe("WATCH");
  });
});

describe("word forms", () => {
  it.each([
    ["cancelling", "cancel"],
    ["cancelled", "cancel"],
    ["shipping", "ship"],
    ["purchasing", "purchase"],
    ["changed", "change"],
  ])("%s and %s share a key", (a, b) => {
    expect(keyOf(a, "lat")).toBe(keyOf(b, "lat"));
  });

  it("keeps Tagalog words with a linker whole", () => {
    expect(keyOf("puting", "lat")).toBe("puting");
  });

  it("drops the Arabic article and a feminine relative ending", () => {
    expect(keyOf("الجلديه", "ara")).toBe("جلد");
  });
});
