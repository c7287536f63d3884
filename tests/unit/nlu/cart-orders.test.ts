/**
 * What carts, checkout, orders and reminders need from the NLU: taking items out, clearing the cart,
 * cancelling an order, opting out of messages, order ids, yes/no replies and quantities in replies.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Answer, Product } from "../../../lib/catalog/types";
import type { Locale } from "../../../lib/i18n";
import { buildIndex, findOrderId, type Intent, readQuantity, readYesNo, understand } from "../../../lib/nlu";
import { ORDER_ID_PATTERN } from "../../../lib/orders/ids";
import { fixtureIndex } from "./fixtures";

const ALL: Locale[] = ["en", "ar", "zh", "tl", "id"];
const read = (text: string, locale: Locale = "en") =>
  understand(text, { index: fixtureIndex(), locale, allowed: ALL, fallback: "en" });

describe("new intents, in every locale", () => {
  it.each<[Locale, string, Intent, string?]>([
    // remove_from_cart, with the item when it is named
    ["en", "please remove the mug from my cart", "remove_from_cart", "MUG-WHITE"],
    ["en", "I don't want the linen shirt anymore", "remove_from_cart", "LINEN"],
    ["ar", "احذف الكوب الفخاري من السلة", "remove_from_cart", "MUG-WHITE"],
    ["ar", "شيل قميص الكتان", "remove_from_cart", "LINEN"],
    ["zh", "把马克杯从购物车删掉", "remove_from_cart", "MUG-WHITE"],
    ["zh", "亚麻衬衫不要了", "remove_from_cart", "LINEN"],
    ["tl", "pakialis po yung mug sa cart", "remove_from_cart", "MUG-WHITE"],
    ["tl", "tanggalin mo yung linen", "remove_from_cart", "LINEN"],
    ["id", "hapus mug stoneware dari keranjang", "remove_from_cart", "MUG-WHITE"],
    ["id", "kaos klasiknya gak jadi kak", "remove_from_cart", "TEE"],
    // clear_cart
    ["en", "empty my cart please", "clear_cart"],
    ["en", "let's start over", "clear_cart"],
    ["ar", "امسح كل شي في سلتي", "clear_cart"],
    ["zh", "清空购物车", "clear_cart"],
    ["zh", "全部删除吧", "clear_cart"],
    ["tl", "alisin lahat sa cart ko", "clear_cart"],
    ["tl", "pakiclear po ng cart", "clear_cart"],
    ["id", "kosongkan keranjang saya", "clear_cart"],
    ["id", "hapus semua isi keranjang", "clear_cart"],
    // cancel_order
    ["en", "cancel my order", "cancel_order"],
    ["ar", "ابي الغي طلبي", "cancel_order"],
    ["zh", "取消订单", "cancel_order"],
    ["tl", "pa-cancel po ng order ko", "cancel_order"],
    ["id", "batalkan pesanan saya", "cancel_order"],
    // stop
    ["en", "stop", "stop"],
    ["en", "STOP sending me messages", "stop"],
    ["en", "unsubscribe", "stop"],
    ["en", "don't message me again", "stop"],
    ["ar", "توقف", "stop"],
    ["ar", "لا ترسلوا لي رسائل", "stop"],
    ["zh", "退订", "stop"],
    ["zh", "别再给我发消息了", "stop"],
    ["tl", "stop po", "stop"],
    ["tl", "wag na kayong mag-message sa akin", "stop"],
    ["id", "berhenti", "stop"],
    ["id", "jangan kirim pesan lagi", "stop"],
  ])("%s: %s → %s", (locale, text, intent, group) => {
    const u = read(text, locale);
    expect(u.intent).toBe(intent);
    if (group) expect(u.product?.groupId ?? u.product?.productId).toBe(group);
  });

  it("takes out the variant named", () => {
    const u = read("delete the white tee in L");
    expect(u).toMatchObject({ intent: "remove_from_cart", attributes: { color: "white", size: "L" } });
    expect(u.product?.productId).toBe("TEE-WHITE-L");
  });

  it("a number with a word of removal takes that many out", () => {
    expect(read("remove 2 of the red tee")).toMatchObject({ intent: "remove_from_cart", quantity: 2 });
  });

  // "stop" inside another request is that request, not an opt-out
  it.each<[string, Intent]>([
    ["stop the bot, I want a real person", "human"],
    ["the zipper stopped working", "complaint"],
    ["how much is shipping", "faq"],
  ])("%s → %s", (text, intent) => {
    expect(read(text).intent).toBe(intent);
  });
});

describe("order ids", () => {
  it.each<[string, string | undefined]>([
    ["CC-7K3F9Q", "CC-7K3F9Q"],
    ["cc-7k3f9q", "CC-7K3F9Q"],
    ["cc7k3f9q", "CC-7K3F9Q"],
    ["order #CC-7K3F9Q please", "CC-7K3F9Q"],
    ["ＣＣ－７Ｋ３Ｆ９Ｑ", "CC-7K3F9Q"],
    ["取消订单CC-7K3F9Q", "CC-7K3F9Q"],
    ["CC 7K3F9Q", "CC-7K3F9Q"],
    // not an id: inside a longer word, seven characters, a letter or digit outside the alphabet, no prefix,
    // a word after a space
    ["accc7k3f9q", undefined],
    ["CC-7K3F9QX", undefined],
    ["CC-7K3U9Q", undefined],
    ["CC-7K3F90", undefined],
    ["CC-7K3F1Q", undefined],
    ["7K3F9Q", undefined],
    ["order 12345", undefined],
    ["cc street", undefined],
  ])("%s → %s", (text, id) => {
    const found = findOrderId(text);
    expect(found).toBe(id);
    // what the NLU finds is an id lib/orders can have made
    if (found) expect(found).toMatch(ORDER_ID_PATTERN);
  });

  it.each<[Locale, string, Intent]>([
    ["en", "I want to cancel order CC-7K3F9Q", "cancel_order"],
    ["en", "where is my order cc7k3f9q?", "order_status"],
    ["ar", "الغوا الطلب CC-7K3F9Q", "cancel_order"],
    ["zh", "帮我取消订单CC-7K3F9Q", "cancel_order"],
    ["tl", "ikansela nyo po ang order CC-7K3F9Q", "cancel_order"],
    ["id", "tolong batalin pesanan CC-7K3F9Q", "cancel_order"],
  ])("%s: %s → %s with the id", (locale, text, intent) => {
    const u = read(text, locale);
    expect(u).toMatchObject({ intent, orderId: "CC-7K3F9Q", locale });
    // regression: the id's digits were read as a quantity ("cancel my order CC-7K3F9Q" → quantity 3)
    expect(u.quantity).toBeUndefined();
  });

  it("leaves orderId out when there is none", () => {
    expect(read("cancel my order").orderId).toBeUndefined();
  });
});

describe("readYesNo", () => {
  it.each<[string, "yes" | "no" | undefined, Locale?]>([
    ["yes", "yes"],
    ["Yep!", "yes"],
    ["ok", "yes"],
    ["confirm", "yes"],
    ["sure", "yes"],
    ["go ahead", "yes"],
    ["yes please", "yes"],
    ["ok thanks", "yes"],
    ["👍", "yes"],
    ["نعم", "yes"],
    ["أكيد", "yes"],
    ["تمام لو سمحت", "yes"],
    ["是", "yes"],
    ["好的", "yes"],
    ["确认", "yes"],
    ["好的谢谢", "yes"],
    ["oo", "yes"],
    ["opo", "yes"],
    ["sige po", "yes"],
    ["ya", "yes"],
    ["iya kak", "yes"],
    ["oke", "yes"],
    ["no", "no"],
    ["nope", "no"],
    ["no thanks", "no"],
    ["cancel", "no"],
    ["👎", "no"],
    ["لا", "no"],
    ["لا شكرا", "no"],
    ["不", "no"],
    ["不要", "no"],
    ["不用了谢谢", "no"],
    ["hindi", "no"],
    ["huwag na po", "no"],
    ["di po", "no", "tl"],
    ["tidak", "no"],
    ["gak", "no"],
    ["batal", "no"],
    ["gak jadi kak", "no"],
    // more than a yes or a no, both, or neither
    ["yes but in blue", undefined],
    ["no, the red one", undefined],
    ["not sure", undefined],
    ["yes no", undefined],
    ["yes I want the red tee in size M please", undefined],
    ["how much is it", undefined],
    ["", undefined],
    ["di po", undefined, "id"],
  ])("%s → %s", (text, expected, locale) => {
    expect(readYesNo(text, locale)).toBe(expected);
  });
});

describe("readQuantity", () => {
  it.each<[string, number | undefined]>([
    ["3", 3],
    ["٣", 3],
    ["３", 3],
    ["x2", 2],
    ["3 pcs", 3],
    ["three", 3],
    ["dua", 2],
    ["tatlo po", 3],
    ["两件", 2],
    ["三", 3],
    ["一", 1],
    ["قطعتين", 2],
    ["I'll take 4", 4],
    ["size 3", undefined],
    ["0", undefined],
    ["1000", undefined],
    ["can I get 3 of the red tee in M please", undefined],
    ["hello", undefined],
  ])("%s → %s", (text, expected) => {
    expect(readQuantity(text)).toBe(expected);
  });
});

describe("on the demo catalogue", () => {
  const dir = join(import.meta.dirname, "../../../lib/catalog/demo");
  const products = JSON.parse(readFileSync(join(dir, "products.json"), "utf8")) as Product[];
  const answers = JSON.parse(readFileSync(join(dir, "answers.json"), "utf8")) as Answer[];
  const index = buildIndex(products, answers);
  const demo = (text: string, locale: Locale) =>
    understand(text, { index, locale, allowed: ALL, fallback: "en" });

  it.each<[Locale, string]>([
    ["en", "add 2 of the red tee in M"],
    ["ar", "أضف 2 من التيشيرت الأحمر مقاس M"],
    ["zh", "加两件红色T恤M码到购物车"],
    ["tl", "pakidagdag ng 2 pulang tee size M"],
    ["id", "tambah 2 kaos merah ukuran M"],
  ])("%s: %s → add_to_cart, 2, red, M, the tee", (locale, text) => {
    const u = demo(text, locale);
    expect(u).toMatchObject({ intent: "add_to_cart", quantity: 2, attributes: { color: "red", size: "M" } });
    expect(u.product?.groupId).toBe("TEE");
    expect(u.product?.productId).toBe("TEE-RED-M");
  });

  it("asks about the cancellation fee (the FAQ), but cancels an order", () => {
    expect(demo("is there a cancellation fee", "en")).toMatchObject({
      intent: "faq",
      answer: { answerId: "cancel-order" },
    });
    expect(demo("how do I cancel an order", "en").intent).toBe("cancel_order");
  });

  it("a return is not taking an item out of the cart", () => {
    expect(demo("I don't want it anymore, can I return it?", "en")).toMatchObject({
      intent: "faq",
      answer: { answerId: "returns" },
    });
    expect(demo("这件衣服不想要了，可以退吗", "zh").intent).toBe("faq");
  });
});
