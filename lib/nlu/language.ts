/**
 * The shopper's language. Script decides Arabic and Chinese; English, Tagalog and Indonesian share the Latin
 * script and a good part of their shopping words ("size", "order", "ready"), so they are told apart by
 * function words ("po", "yung", "kak", "yang", "the") and, failing those, by character trigram profiles
 * learnt from the training examples. Only the shop's locales are considered.
 *
 * The conversation's language is sticky: short or neutral messages ("ok", "2", "👍", a product name, a
 * Taglish "how much?") keep it; a message clearly in another language, or a request ("in English please",
 * "بالعربي", "中文", "Tagalog po", "bahasa indonesia"), switches it.
 */
import type { Locale } from "../i18n";
import { LazySet } from "./lazy";
import { PhraseLexicon } from "./lexicon";
import { localeTokens } from "./model/codec";
import { STATIC_MODEL_DATA } from "./model/data";
import { type Token, tokenize } from "./text";

export type LatinLocale = "en" | "tl" | "id";
const LATIN: readonly LatinLocale[] = ["en", "tl", "id"];

/** Function and chat words typical of one language; weight 2 for the unmistakable ones. */
const MARKERS: Record<LatinLocale, Record<string, number>> = {
  en: weights(
    "the is are do does have has how what which where when can could would you your my me i im it this that these with for of and want need please show tell much many there any still get give will was were been about some",
    "the you your what does would please",
    // English words run through Taglish and Indonesian chats: they count for less
    0.6,
  ),
  tl: weights(
    "po opo ang ng mga yung iyong ba ko mo ako ikaw kayo natin namin naman lang nga na pa sa si ni ito iyan yan yun dito diyan doon meron mayroon wala gusto magkano paano saan kailan pwede puwede pede sige oo hindi di ano anong alin ilan kasi talaga din rin salamat kumusta kamusta bili pabili bumili kuha kunin padala bayad pakita patingin tingin gaano ate kuya sana kayong niyo ninyo",
    "po opo ang ng mga yung ba ko naman lang magkano pwede puwede meron wala sige salamat ate kuya",
  ),
  id: weights(
    "yang dan di ke dari ini itu saya aku kamu anda mau ingin beli ada tidak gak nggak ga enggak bisa apa bagaimana gimana kapan dimana mana berapa harga ukuran warna kirim bayar pesan keranjang tolong ya kak kakak gan sis min dong deh sih kok aja saja juga lagi masih sudah udah belum sama buat untuk dengan lihat liat minta kalau kalo terima kasih makasih selamat pagi siang sore malam barang",
    "yang saya aku kak kakak gan dong deh sih aja udah sudah belum gak nggak enggak makasih terima berapa bisa",
  ),
};

function weights(all: string, strong: string, scale = 1): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of all.split(" ")) out[w] = scale;
  for (const w of strong.split(" ")) out[w] = 2 * scale;
  // "po" (Tagalog politeness) and "kak" (Indonesian "sis/bro") appear in no other language's chat
  for (const w of ["po", "opo", "kak", "kakak", "gan", "dong", "sih"]) if (w in out) out[w] = 3;
  return out;
}

type Profile = { logp: Map<string, number>; unseen: number };

/** Character trigram log-probabilities per Latin locale, from the tokens of its training examples. */
export function trigramProfiles(
  examples: (locale: LatinLocale) => Iterable<readonly Token[]>,
): Record<LatinLocale, Profile> {
  const out = {} as Record<LatinLocale, Profile>;
  for (const locale of LATIN) {
    // words first, then their trigrams once per distinct word: the same counts, a fifth of the work
    const words = new Map<string, number>();
    for (const tokens of examples(locale))
      for (const t of tokens) if (t.script === "lat") words.set(t.text, (words.get(t.text) ?? 0) + 1);
    const counts = new Map<string, number>();
    let total = 0;
    for (const [word, n] of words) {
      const p = ` ${word} `;
      for (let i = 0; i + 3 <= p.length; i++) {
        const g = p.slice(i, i + 3);
        counts.set(g, (counts.get(g) ?? 0) + n);
        total += n;
      }
    }
    const vocab = counts.size + 1000;
    const logp = new Map<string, number>();
    for (const [g, c] of counts) logp.set(g, Math.log((c + 1) / (total + vocab)));
    out[locale] = { logp, unseen: Math.log(1 / (total + vocab)) };
  }
  return out;
}

let profiles: Record<LatinLocale, Profile> | undefined;

/** The profiles of the training examples (lib/nlu/model/data.ts), made at the first Latin-script message. */
export function latinProfiles(): Record<LatinLocale, Profile> {
  profiles ??= trigramProfiles((l) => localeTokens(STATIC_MODEL_DATA, l));
  return profiles;
}

function latinTrigrams(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.script !== "lat") continue;
    const p = ` ${t.text} `;
    for (let i = 0; i + 3 <= p.length; i++) out.push(p.slice(i, i + 3));
  }
  return out;
}

export interface Detection {
  locale: Locale;
  /** 0..1: how clear the signal was */
  confidence: number;
  /** marker words of the detected language (0 for a script decision) */
  markers?: number;
}

const isArabicLetter = (c: string) =>
  /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/.test(c);
const isHan = (c: string) => /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/.test(c);

/** Detects the locale of `text` among `allowed`; undefined when nothing is clear. */
export function detectLanguage(text: string, allowed: readonly Locale[]): Detection | undefined {
  return detectTokens(text, tokenize(text), allowed);
}

function detectTokens(
  text: string,
  tokens: readonly Token[],
  allowed: readonly Locale[],
): Detection | undefined {
  const letters = [...text].filter((c) => /\p{L}/u.test(c));
  if (letters.length === 0) return undefined;
  const arabic = letters.filter(isArabicLetter).length;
  const han = letters.filter(isHan).length;
  if (arabic / letters.length > 0.3 && allowed.includes("ar")) {
    return { locale: "ar", confidence: Math.min(1, 0.5 + arabic / letters.length / 2) };
  }
  if (han / letters.length > 0.3 && allowed.includes("zh")) {
    return { locale: "zh", confidence: Math.min(1, 0.5 + han / letters.length / 2) };
  }
  const candidates = LATIN.filter((l) => allowed.includes(l));
  const words = tokens.filter((t) => t.script === "lat");
  if (words.length === 0 || candidates.length === 0) return undefined;

  const markers = new Map<LatinLocale, number>(candidates.map((l) => [l, 0]));
  for (const w of words) {
    for (const l of candidates) markers.set(l, (markers.get(l) ?? 0) + (MARKERS[l][w.text] ?? 0));
    // Indonesian possessive -nya and Tagalog verb prefixes are strong on their own
    if (w.text.length > 5 && w.text.endsWith("nya") && markers.has("id"))
      markers.set("id", (markers.get("id") ?? 0) + 1);
    if (/^(mag|nag|pag|maka|naka|pina|ipa)[a-z]{3,}/.test(w.text) && markers.has("tl")) {
      markers.set("tl", (markers.get("tl") ?? 0) + 0.5);
    }
  }
  const grams = latinTrigrams(words);
  const tri = new Map<LatinLocale, number>();
  for (const l of candidates) {
    const { logp, unseen } = latinProfiles()[l];
    let s = 0;
    for (const g of grams) s += logp.get(g) ?? unseen;
    tri.set(l, grams.length > 0 ? s / grams.length : 0);
  }
  const ranked = candidates
    .map((l) => ({ l, m: markers.get(l) ?? 0, t: tri.get(l) ?? 0 }))
    // markers first; trigrams break ties and decide when no marker word is there
    .map((x) => ({ ...x, score: x.m + 1.5 * (x.t - Math.max(...[...tri.values()])) }))
    .sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  if (!best) return undefined;
  if (candidates.length === 1)
    return best.m > 0 ? { locale: best.l, confidence: 0.6, markers: best.m } : undefined;
  const margin = best.score - (second?.score ?? 0);
  if (best.m === 0) {
    // trigrams alone: only for longer messages with a clear difference
    if (grams.length < 12 || margin < 0.9) return undefined;
    return { locale: best.l, confidence: Math.min(0.6, 0.3 + margin / 4), markers: 0 };
  }
  if (margin < 0.5) return undefined;
  return { locale: best.l, confidence: Math.min(1, 0.35 + margin / (words.length + 1)), markers: best.m };
}

/** Language names, for "in English please", "بالعربي", "中文", "Tagalog po", "bahasa indonesia". */
export const LANGUAGE_NAMES = new PhraseLexicon<Locale>()
  .add(
    "en",
    "english",
    "eng",
    "ingles",
    "inggris",
    "bahasa inggris",
    "英文",
    "英语",
    "انجليزي",
    "الانجليزي",
    "بالانجليزي",
    "انجليزيه",
    "الانجليزيه",
    "بالانجليزيه",
    "انقليزي",
    "بالانقليزي",
  )
  .add(
    "ar",
    "arabic",
    "arab",
    "bahasa arab",
    "arabo",
    "عربي",
    "العربي",
    "بالعربي",
    "العربيه",
    "بالعربيه",
    "عربيه",
    "阿拉伯语",
    "阿拉伯文",
  )
  .add(
    "zh",
    "chinese",
    "mandarin",
    "bahasa mandarin",
    "bahasa cina",
    "bahasa china",
    "intsik",
    "中文",
    "汉语",
    "普通话",
    "华语",
    "简体",
    "صيني",
    "الصيني",
    "بالصيني",
    "الصينيه",
    "بالصينيه",
  )
  .add(
    "tl",
    "tagalog",
    "filipino",
    "pilipino",
    "taglish",
    "bahasa tagalog",
    "他加禄语",
    "菲律宾语",
    "تاغالوغ",
    "الفلبينيه",
    "فلبيني",
  )
  .add(
    "id",
    "bahasa indonesia",
    "bahasa indo",
    "indonesian",
    "bahasa",
    "印尼语",
    "印度尼西亚语",
    "الاندونيسيه",
    "اندونيسي",
    "بالاندونيسي",
  );

/** Words that may surround a language name in a request to switch. */
export const FILLER: ReadonlySet<string> = new LazySet(() =>
  tokenize(
    "please pls plz po can could you speak talk reply answer respond use in only just lang language ok okay i me we prefer let us lets switch to sorry mag magsalita salita sa tayo nalang na pwede puwede ba bisa pakai pake gunakan pakailah dong aja saja ya kak min tolong boleh ganti ke dalam 用 说 讲 请 可 以 吗 能 换 成 回 复 我 你 会 吧 好 文 跟 聊 تكلم تكلمني كلمني ممكن لو سمحت رد ردوا علي من فضلك باللغه اللغه لغه ابي ابغى بدي تحكي احكي معي",
  ).map((t) => t.key),
);

/** The locale a message asks to switch to ("in English please"), if it is such a request. */
export function requestedLocale(text: string, allowed: readonly Locale[]): Locale | undefined {
  return requestedFromTokens(tokenize(text), allowed);
}

function requestedFromTokens(tokens: readonly Token[], allowed: readonly Locale[]): Locale | undefined {
  const keys = tokens.map((t) => t.key);
  const names = LANGUAGE_NAMES.findAll(keys);
  const [name] = names;
  if (!name || names.length > 1 || !allowed.includes(name.value)) return undefined;
  const others = keys.filter((_, i) => i < name.start || i >= name.end);
  if (others.length > 6 || !others.every((k) => FILLER.has(k))) return undefined;
  return name.value;
}

export interface LocaleDecision {
  locale: Locale;
  /** the shopper asked for this language */
  requested: boolean;
}

/** The locale after a message, with the stickiness rules; `tokens` of `text` when the caller has them. */
export function decideLocale(
  text: string,
  previous: Locale | undefined,
  allowed: readonly Locale[],
  fallback: Locale,
  tokens: readonly Token[] = tokenize(text),
): LocaleDecision {
  const base =
    previous && allowed.includes(previous) ? previous : allowed.includes(fallback) ? fallback : allowed[0];
  const keep: LocaleDecision = { locale: base ?? fallback, requested: false };
  const requested = requestedFromTokens(tokens, allowed);
  if (requested) return { locale: requested, requested: true };
  const detected = detectTokens(text, tokens, allowed);
  if (!detected || detected.locale === keep.locale) return keep;
  if (!previous) return { locale: detected.locale, requested: false };
  // A script change (Latin ⇄ Arabic ⇄ Han) with real words is clear.
  if (detected.locale === "ar" || detected.locale === "zh") {
    const letters = [...text].filter((c) => /\p{L}/u.test(c)).length;
    return letters >= 2 ? { locale: detected.locale, requested: false } : keep;
  }
  // Into a Latin language: Arabic and Chinese shoppers type "ok", "size M", "checkout" too, and Taglish or
  // Indonesian chats are full of English; only several function words of the other language switch.
  const words = tokens.filter((t) => t.script === "lat").length;
  if ((previous === "tl" || previous === "id") && tokens.some((t) => (MARKERS[previous][t.text] ?? 0) >= 2))
    return keep;
  const markers = detected.markers ?? 0;
  const fromScript = previous === "ar" || previous === "zh";
  const needed = fromScript ? 3 : detected.locale === "en" ? 2.4 : 3;
  if (words >= 3 && markers >= needed && detected.confidence >= 0.5)
    return { locale: detected.locale, requested: false };
  return keep;
}

/** The conversation's locale after `text`: a clear detection or a request switches, otherwise it stays. */
export function nextLocale(
  text: string | undefined,
  previous: Locale | undefined,
  allowed: readonly Locale[],
  fallback: Locale,
): Locale {
  if (!text) return previous && allowed.includes(previous) ? previous : fallback;
  return decideLocale(text, previous, allowed, fallback).locale;
}
