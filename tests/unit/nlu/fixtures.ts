/**
 * A small shop for the NLU tests, made up here (the demo catalogue may change): tees in colours and sizes,
 * a linen shirt, sneakers in shoe sizes, a mug without variants, a tote bag, and two merchant answers.
 */
import type { Answer, Product } from "../../../lib/catalog/types";
import { buildIndex, type NluIndex } from "../../../lib/nlu";

const product = (over: Partial<Product> & Pick<Product, "id" | "title">): Product => ({
  price: { amount: 1999, currency: "USD" },
  stock: 10,
  category: "tops",
  tags: [],
  attributes: {},
  ...over,
});

const teeTitle = {
  en: "Classic Tee",
  ar: "تيشيرت كلاسيكي",
  zh: "经典T恤",
  tl: "Klasikong T-shirt",
  id: "Kaos Klasik",
};
const sneakerTitle = {
  en: "Canvas Sneakers",
  ar: "حذاء رياضي قماشي",
  zh: "帆布鞋",
  tl: "Canvas na Sneakers",
  id: "Sepatu Kanvas",
};

export const products: Product[] = [
  ...[
    ["red", "S"],
    ["red", "M"],
    ["white", "M"],
    ["white", "L"],
    ["black", "M"],
  ].map(([color = "", size = ""]) =>
    product({
      id: `TEE-${color.toUpperCase()}-${size}`,
      groupId: "TEE",
      title: teeTitle,
      tags: ["cotton", "summer"],
      attributes: { color, size, material: "cotton" },
      brand: "Basics",
    }),
  ),
  ...[
    ["white", "M"],
    ["blue", "XL"],
  ].map(([color = "", size = ""]) =>
    product({
      id: `LINEN-${color.toUpperCase()}-${size}`,
      groupId: "LINEN",
      title: { en: "Linen Shirt", ar: "قميص كتان", zh: "亚麻衬衫", tl: "Polong Linen", id: "Kemeja Linen" },
      tags: ["linen", "beach"],
      attributes: { color, size, material: "linen" },
    }),
  ),
  ...["40", "41", "42"].map((size) =>
    product({
      id: `SNEAKER-WHITE-${size}`,
      groupId: "SNEAKER",
      title: sneakerTitle,
      category: "shoes",
      tags: ["canvas", "casual"],
      attributes: { color: "white", size, material: "canvas" },
    }),
  ),
  product({
    id: "MUG-WHITE",
    title: {
      en: "Stoneware Mug",
      ar: "كوب فخاري",
      zh: "粗陶马克杯",
      tl: "Stoneware na Mug",
      id: "Mug Stoneware",
    },
    category: "home",
    tags: ["kitchen", "gift"],
    attributes: { color: "white", material: "stoneware" },
  }),
  product({
    id: "TOTE",
    title: {
      en: "Canvas Tote Bag",
      ar: "حقيبة توت قماشية",
      zh: "帆布托特包",
      tl: "Canvas na Tote Bag",
      id: "Tas Tote Kanvas",
    },
    category: "bags",
    tags: ["canvas", "eco"],
    attributes: { color: "natural", material: "canvas" },
  }),
];

export const answers: Answer[] = [
  {
    id: "shipping",
    questions: {
      en: ["how much is shipping?", "do you ship for free?", "delivery fee?"],
      id: ["ongkirnya berapa?", "gratis ongkir?"],
      zh: ["运费多少？", "包邮吗"],
    },
    answer: { en: "Shipping is free over $50." },
  },
  {
    id: "returns",
    questions: {
      en: ["can I return an item?", "what is your return policy"],
      ar: ["هل يمكنني إرجاع المنتج؟"],
      tl: ["pwede po ba ibalik?"],
    },
    answer: { en: "Unworn items can be returned within 30 days." },
  },
];

let cached: NluIndex | undefined;

/** The fixture shop's index, built once per test file. */
export function fixtureIndex(): NluIndex {
  cached ??= buildIndex(products, answers);
  return cached;
}
