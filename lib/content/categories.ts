/**
 * Shopper-facing names of product categories. Categories are merchant data (a Meta `product_type`), so
 * only common ones have names in every locale here; any other shows as the merchant wrote it, capitalised.
 */
import type { Locale } from "../i18n";

const NAMES: Record<string, Record<Locale, string>> = {
  tops: { en: "Tops", ar: "بلوزات وقمصان", zh: "上衣", tl: "Pang-itaas", id: "Atasan" },
  dresses: { en: "Dresses", ar: "فساتين", zh: "连衣裙", tl: "Bestida", id: "Gaun" },
  bottoms: { en: "Bottoms", ar: "بناطيل وتنانير", zh: "下装", tl: "Pang-ibaba", id: "Bawahan" },
  pants: { en: "Pants", ar: "بناطيل", zh: "裤子", tl: "Pantalon", id: "Celana" },
  shoes: { en: "Shoes", ar: "أحذية", zh: "鞋子", tl: "Sapatos", id: "Sepatu" },
  bags: { en: "Bags", ar: "حقائب", zh: "包袋", tl: "Bag", id: "Tas" },
  accessories: { en: "Accessories", ar: "إكسسوارات", zh: "配饰", tl: "Aksesorya", id: "Aksesori" },
  outerwear: { en: "Outerwear", ar: "ملابس خارجية", zh: "外套", tl: "Jacket at coat", id: "Jaket & mantel" },
  swimwear: { en: "Swimwear", ar: "ملابس سباحة", zh: "泳装", tl: "Pang-swimming", id: "Baju renang" },
  home: { en: "Home", ar: "المنزل", zh: "家居", tl: "Pambahay", id: "Rumah" },
  beauty: { en: "Beauty", ar: "تجميل", zh: "美妆", tl: "Pampaganda", id: "Kecantikan" },
  jewellery: { en: "Jewellery", ar: "مجوهرات", zh: "首饰", tl: "Alahas", id: "Perhiasan" },
  watches: { en: "Watches", ar: "ساعات", zh: "手表", tl: "Relo", id: "Jam tangan" },
  sports: { en: "Sports", ar: "رياضة", zh: "运动", tl: "Palakasan", id: "Olahraga" },
  kids: { en: "Kids", ar: "أطفال", zh: "童装", tl: "Pambata", id: "Anak-anak" },
  // the keys lib/catalog/categoryMap.ts maps Google / Meta product categories to
  fragrances: { en: "Fragrances", ar: "عطور", zh: "香水", tl: "Pabango", id: "Parfum" },
  "skin-care": {
    en: "Skin care",
    ar: "العناية بالبشرة",
    zh: "护肤",
    tl: "Pangangalaga sa balat",
    id: "Perawatan kulit",
  },
  clothing: { en: "Clothing", ar: "ملابس", zh: "服装", tl: "Damit", id: "Pakaian" },
  kitchen: { en: "Kitchen", ar: "المطبخ", zh: "厨房用品", tl: "Kusina", id: "Dapur" },
  furniture: { en: "Furniture", ar: "أثاث", zh: "家具", tl: "Muwebles", id: "Furnitur" },
  toys: { en: "Toys", ar: "ألعاب", zh: "玩具", tl: "Laruan", id: "Mainan" },
  books: { en: "Books", ar: "كتب", zh: "图书", tl: "Libro", id: "Buku" },
  phones: { en: "Phones", ar: "هواتف", zh: "手机", tl: "Telepono", id: "Ponsel" },
  electronics: { en: "Electronics", ar: "إلكترونيات", zh: "电子产品", tl: "Elektroniks", id: "Elektronik" },
  groceries: { en: "Groceries", ar: "بقالة", zh: "食品杂货", tl: "Grocery", id: "Bahan makanan" },
  cars: { en: "Cars", ar: "سيارات", zh: "汽车", tl: "Sasakyan", id: "Mobil" },
};

export function categoryLabel(category: string, locale: Locale): string {
  const known = NAMES[category.toLowerCase()];
  if (known) return known[locale];
  const words = category.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
