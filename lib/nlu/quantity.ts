/**
 * Quantities: Latin, Arabic-Indic and Extended Arabic-Indic digits (folded to Latin by the tokenizer),
 * Chinese numerals (两, 十二, 二十五), number words of the five languages, and the patterns around them
 * ("x2", "2 pcs", "dua buah", "2 piraso", "قطعتين", "两件"). Numbers that are prices, sizes, order numbers or
 * durations are not quantities.
 */
import { PhraseLexicon } from "./lexicon";
import { type Token, tokenize } from "./text";

/** Number words, value by phrase. "one"-words are weak: "which one", "this one" are not quantities. */
const NUMBER_WORDS = new PhraseLexicon<number>()
  .add(
    1,
    "one",
    "satu",
    "sebuah",
    "sebiji",
    "sepasang",
    "sepotong",
    "selembar",
    "isa",
    "isang",
    "uno",
    "واحد",
    "واحده",
    "وحده",
  )
  .add(
    2,
    "two",
    "couple",
    "a couple",
    "dua",
    "dalawa",
    "dalawang",
    "dos",
    "اثنين",
    "اثنان",
    "اتنين",
    "ثنين",
    "اثنتين",
    "تنين",
  )
  .add(3, "three", "tiga", "tatlo", "tatlong", "tres", "ثلاث", "ثلاثه", "تلات", "تلاته", "ثلاثة")
  .add(4, "four", "empat", "apat", "apat na", "kwatro", "اربع", "اربعه", "أربعة")
  .add(5, "five", "lima", "limang", "singko", "خمس", "خمسه")
  .add(6, "six", "enam", "anim", "anim na", "سته", "ستة")
  .add(7, "seven", "tujuh", "pito", "pitong", "سبع", "سبعه")
  .add(8, "eight", "delapan", "walo", "walong", "ثمان", "ثمانيه", "تمنيه", "تمانيه")
  .add(9, "nine", "sembilan", "siyam", "siyam na", "تسع", "تسعه")
  .add(10, "ten", "sepuluh", "sampu", "sampung", "عشر", "عشره")
  .add(11, "eleven", "sebelas")
  .add(12, "twelve", "dozen", "a dozen", "dua belas", "selusin", "isang dosena", "dosena");

/** "this one", "which one", "the red one": pronoun uses of "one", never a quantity. */
const NOT_BEFORE_ONE = new Set([
  "this",
  "that",
  "which",
  "the",
  "another",
  "same",
  "other",
  "any",
  "every",
  "no",
  "each",
  "yang",
  "ang",
  "yung",
]);

const COLOR_LIKE =
  /^(red|blue|black|white|green|yellow|pink|grey|gray|brown|navy|big|small|cheap|new|first|last)$/;

const ONE_WORDS = new Set(["one", "satu", "isa", "isang", "uno", "واحد", "واحده", "وحده"]);

/** Arabic dual nouns: "two pieces" in one word. */
const ARABIC_DUALS = new Set(["قطعتين", "حبتين", "زوجين", "علبتين", "كرتونتين", "قطعتان", "حبتان"]);

const HAN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Measure words after a number: units in every language. */
const UNITS = new PhraseLexicon<true>().add(
  true,
  "pcs",
  "pc",
  "piece",
  "pieces",
  "pce",
  "units",
  "unit",
  "pairs",
  "pair",
  "sets",
  "set",
  "items",
  "item",
  "qty",
  "of them",
  "of those",
  "of these",
  "of it",
  "buah",
  "biji",
  "pasang",
  "potong",
  "lembar",
  "helai",
  "pack",
  "bungkus",
  "botol",
  "piraso",
  "pirasong",
  "pares",
  "na piraso",
  "na pares",
  "bote",
  "kahon",
  "قطعه",
  "قطع",
  "حبه",
  "حبات",
  "حبة",
  "زوج",
  "ازواج",
  "علب",
  "علبه",
  "个",
  "件",
  "双",
  "条",
  "只",
  "套",
  "盒",
  "瓶",
  "包",
  "顶",
  "台",
  "副",
  "份",
  "支",
  "枚",
  "对",
  "张",
  "把",
  "本",
);

/** Words before a number that make it a quantity: "x2", "qty 3", "jumlah 2", "عدد 2". */
const PREFIXES = new PhraseLexicon<true>().add(
  true,
  "x",
  "qty",
  "quantity",
  "jumlah",
  "sebanyak",
  "dami",
  "عدد",
  "كميه",
  "الكميه",
  "数量",
);

/** Words that make a nearby number a quantity when nothing else decides. */
const VERBS = new PhraseLexicon<true>().add(
  true,
  "add",
  "want",
  "need",
  "take",
  "buy",
  "order",
  "get",
  "give me",
  "ill take",
  "i will take",
  "mau",
  "beli",
  "pesan",
  "ambil",
  "minta",
  "order",
  "pabili",
  "bili",
  "kuha",
  "kukuha",
  "kukunin",
  "bibili",
  "gusto",
  "mine",
  "ابي",
  "ابغى",
  "ابغي",
  "اريد",
  "بدي",
  "عايز",
  "عاوز",
  "اطلب",
  "اشتري",
  "ضيف",
  "اضف",
  "要",
  "买",
  "来",
  "拿",
  "加",
  "订",
);

/** Words that make a number something else: money, time, order numbers, percentages. */
const NOT_AFTER = new PhraseLexicon<true>().add(
  true,
  "dollar",
  "dollars",
  "usd",
  "bucks",
  "peso",
  "pesos",
  "php",
  "rupiah",
  "rb",
  "ribu",
  "k",
  "juta",
  "rp",
  "sgd",
  "aed",
  "sar",
  "ريال",
  "درهم",
  "دينار",
  "جنيه",
  "دولار",
  "元",
  "块钱",
  "美元",
  "day",
  "days",
  "week",
  "weeks",
  "month",
  "months",
  "hour",
  "hours",
  "hari",
  "minggu",
  "bulan",
  "jam",
  "araw",
  "linggo",
  "buwan",
  "oras",
  "يوم",
  "ايام",
  "اسبوع",
  "اسابيع",
  "شهر",
  "ساعه",
  "天",
  "周",
  "星期",
  "个月",
  "小时",
  "percent",
  "persen",
  "off",
  "%",
  "cm",
  "kg",
  "ml",
  "mm",
  "inch",
  "am",
  "pm",
  "点",
);

const NOT_BEFORE = new PhraseLexicon<true>().add(
  true,
  "$",
  "€",
  "£",
  "¥",
  "₱",
  "rp",
  "php",
  "usd",
  "under",
  "below",
  "less than",
  "over",
  "above",
  "around",
  "budget",
  "within",
  "dibawah",
  "di bawah",
  "kurang dari",
  "maksimal",
  "max",
  "budget ko",
  "mas mura sa",
  "order number",
  "order no",
  "number",
  "nomor",
  "resi",
  "#",
  "اقل من",
  "تحت",
  "بحدود",
  "رقم",
  "预算",
  "订单号",
  "单号",
  "size",
  "ukuran",
  "sukat",
  "saiz",
  "مقاس",
  "سايز",
  "尺码",
  "eu",
  "us",
  "uk",
);

/** Every word the quantity lexicons know, for the spelling corrector. */
export function* quantityWords(): Iterable<string> {
  for (const lex of [NUMBER_WORDS, UNITS, PREFIXES, VERBS, NOT_AFTER, NOT_BEFORE]) yield* lex.words();
}

export interface QuantityMatch {
  value: number;
  start: number;
  end: number;
  /** 3: unit or prefix ("2 pcs", "x2"); 2: next to a buying verb or a product; 1: alone */
  strength: number;
}

/** Parses a run of Chinese numerals ("十二", "二十五", "两"); undefined if `chars` is not one. */
function parseHan(chars: string[]): number | undefined {
  if (chars.length === 0) return undefined;
  let total = 0;
  let digit: number | undefined;
  for (const c of chars) {
    if (c === "十") {
      total += (digit ?? 1) * 10;
      digit = undefined;
    } else {
      const d = HAN_DIGITS[c];
      if (d === undefined || digit !== undefined) return undefined;
      digit = d;
    }
  }
  return total + (digit ?? 0);
}

/**
 * Tokens that belong to a phone number: a run of consecutive digit groups ("0917 555 0101", "+65 6123-4567",
 * the separators dropped by the tokenizer) with 7 digits or more in all. None of them is a quantity.
 */
export function phoneNumberTokens(tokens: readonly Token[]): boolean[] {
  const out = tokens.map(() => false);
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i]?.script !== "num") {
      i++;
      continue;
    }
    let j = i;
    let digits = 0;
    while (j < tokens.length && tokens[j]?.script === "num") digits += tokens[j++]?.text.length ?? 0;
    if (digits >= 7 && j - i >= 2) for (let k = i; k < j; k++) out[k] = true;
    i = j;
  }
  return out;
}

/**
 * Finds the quantity in `tokens`. `blocked[i]` marks tokens already taken by a size or a product name
 * ("size 42", "Air Max 90"), which are never quantities.
 */
export function extractQuantity(
  tokens: readonly Token[],
  blocked: readonly boolean[] = [],
  nouns: ReadonlySet<number> = new Set(),
): QuantityMatch | undefined {
  const keys = tokens.map((t) => t.key);
  const texts = tokens.map((t) => t.text);
  const found: QuantityMatch[] = [];
  const inPhone = phoneNumberTokens(tokens);
  const given = blocked;
  blocked = inPhone.map((p, i) => p || given[i] === true);
  const verbAt = new Set<number>();
  for (const m of VERBS.findEvery(keys)) verbAt.add(m.end);
  // a buying verb ending right before the number, or one or two words before it ("beli yang 2")
  const nearVerb = (start: number) => verbAt.has(start) || verbAt.has(start - 1) || verbAt.has(start - 2);
  const context = (start: number, end: number, value: number, base: number) => {
    if (blocked.slice(start, end).some(Boolean)) return;
    if (NOT_AFTER.matchAt(keys, end) || NOT_AFTER.matchAt(texts, end)) return;
    for (let k = 1; k <= 3 && start - k >= 0; k++) {
      const m = NOT_BEFORE.matchAt(keys, start - k) ?? NOT_BEFORE.matchAt(texts, start - k);
      if (m && m.end === start) return;
    }
    let strength = base;
    if (UNITS.matchAt(keys, end) || UNITS.matchAt(texts, end)) strength = 3;
    else {
      for (let k = 1; k <= 2 && start - k >= 0; k++) {
        const m = PREFIXES.matchAt(keys, start - k);
        if (m && m.end === start) strength = 3;
      }
    }
    if (strength < 2 && (nearVerb(start) || nouns.has(end))) strength = 2;
    if (strength < 1) return;
    if (value < 1 || value > 999) return;
    found.push({ value, start, end, strength });
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.script === "num") {
      if (t.text.length > 3) continue; // order numbers, phone numbers, years
      const next = tokens[i + 1];
      // "2x" (two times) is a quantity; "2xl" is a size and handled there
      if (next?.glued && next.text === "x") {
        context(i, i + 1, Number(t.text), 3);
        continue;
      }
      // "x2": the prefix glued to the number
      const prev = tokens[i - 1];
      const base = prev?.text === "x" && t.glued ? 3 : tokens.length <= 2 ? 2 : 1;
      context(i, i + 1, Number(t.text), base);
      continue;
    }
    if (t.script === "han" && (HAN_DIGITS[t.text] !== undefined || t.text === "十")) {
      let j = i;
      const chars: string[] = [];
      while (j < tokens.length && tokens[j]?.script === "han") {
        const c = tokens[j]?.text ?? "";
        if (HAN_DIGITS[c] === undefined && c !== "十") break;
        chars.push(c);
        j++;
      }
      const value = parseHan(chars);
      // A Chinese numeral is a quantity only with a measure word: "一下", "一起", "一样" are not.
      if (value !== undefined && (UNITS.matchAt(keys, j) || (tokens.length === j - i && value > 1))) {
        context(i, j, value, 3);
      }
      i = j - 1;
      continue;
    }
    if (t.script === "ara" && ARABIC_DUALS.has(t.key)) {
      context(i, i + 1, 2, 3);
      continue;
    }
    const word = NUMBER_WORDS.matchAt(keys, i);
    if (word) {
      const isOne = word.end - word.start === 1 && ONE_WORDS.has(t.key);
      if (isOne && (NOT_BEFORE_ONE.has(keys[i - 1] ?? "") || COLOR_LIKE.test(keys[i - 1] ?? ""))) {
        i = word.end - 1;
        continue;
      }
      const hasUnit = Boolean(UNITS.matchAt(keys, word.end));
      // "one" alone is usually "which one"/"this one": only a quantity with a unit, a verb or on its own
      // "one hoodie", "isang mug": a product right after counts like a unit
      const noun = nouns.has(word.end) || (nouns.has(word.end + 1) && keys[word.end] === "na");
      const base = isOne ? (hasUnit || noun || tokens.length <= 2 ? 2 : nearVerb(i) ? 2 : 0) : 2;
      context(word.start, word.end, word.value, base);
      i = word.end - 1;
    }
  }
  found.sort((a, b) => b.strength - a.strength || a.start - b.start);
  return found[0];
}

/** Longer messages say more than a number: `understand` reads them (its `quantity`). */
const MAX_REPLY_WORDS = 4;

/**
 * The quantity in a short reply to "How many?": "3", "٣", "x2", "3 pcs", "three", "dua", "tatlo po", "两件",
 * "三", "一", "قطعتين", "I'll take 4". Undefined for a longer message, a size ("size 3"), a price or a number
 * outside 1–999. A bare number, which in a message means little, is a quantity here: the bot asked for one.
 */
export function readQuantity(text: string): number | undefined {
  const tokens = tokenize(text.slice(0, 200));
  let words = 0;
  for (const t of tokens) words += t.script === "han" ? 0.5 : t.script === "sym" ? 0 : 1;
  if (tokens.length === 0 || words > MAX_REPLY_WORDS) return undefined;
  // "一" alone: a Chinese numeral needs a measure word in a message ("一下" is no quantity), not in a reply
  const han = tokens.every((t) => t.script === "han") ? parseHan(tokens.map((t) => t.text)) : undefined;
  if (han !== undefined && han >= 1 && han <= 999) return han;
  return extractQuantity(tokens)?.value;
}
