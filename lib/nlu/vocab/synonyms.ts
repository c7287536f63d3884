/**
 * Everyday words for product nouns that titles seldom use: a merchant writes "Jam Tangan" or "حقيبة", a
 * shopper types "arloji" or "شنطة". Each entry maps a title word to words that mean the same item; the
 * product index files a title under them too. One-word synonyms only (a title's multi-word names are
 * already matched word by word), and never words with a common other meaning ("jam" is also an hour).
 */
export const PRODUCT_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  watch: ["wristwatch", "arloji", "relos", "腕表"],
  relo: ["arloji", "watch"],
  belt: ["sabuk", "皮带", "sinturon"],
  sinturon: ["belt", "sabuk"],
  حزام: ["سير"],
  حقيبه: ["شنطه", "جنطه"],
  backpack: ["rucksack", "knapsack", "ransel", "背包", "书包"],
  ransel: ["backpack"],
  hijab: ["jilbab", "kerudung", "khimar", "طرحه", "خمار", "belo"],
  حجاب: ["طرحه", "خمار"],
  sunglasses: ["shades", "kacamata", "نظارات", "墨镜"],
  نظاره: ["نظارات"],
  earrings: ["anting", "hikaw", "حلق", "earring"],
  scarf: ["selendang", "shawl", "شال", "围巾", "bandana"],
  mug: ["cangkir", "gelas", "tasa", "فنجان", "مج", "杯子", "cup"],
  cushion: ["pillowcase", "bantal", "مخده", "枕套"],
  blanket: ["selimut", "كمبل", "毛毯"],
  مناشف: ["منشفه", "فوطه"],
  towel: ["tuwalya", "handuk", "towels"],
  basket: ["bakul", "سله"],
  hat: ["sumbrero", "sombrero", "topi", "帽子"],
  cap: ["كاب", "كاب", "topi", "sumbrero", "帽子"],
  jeans: ["maong", "jins", "denim", "牛仔"],
  sandals: ["tsinelas", "نعال", "شبشب", "slippers", "slides"],
  sneakers: ["trainers", "kicks", "كوتشي", "جزمه", "rubbershoes"],
  kaos: ["kaus", "tshirt"],
  tee: ["tshirt", "t-shirt"],
  skirt: ["palda", "تنوره"],
  candle: ["kandila", "lilin", "شمعه"],
  diffuser: ["pengharum", "معطر"],
};
