/**
 * The shopper's language from a short message: the script first (Arabic, Han), then common words of
 * Tagalog and Indonesian against English. Only the shop's locales are considered; without a clear signal
 * the conversation keeps its previous locale ("ok", "👍", "2" change nothing).
 */
import type { Locale } from "../i18n";

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/g;
const HAN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/g;
const LATIN_WORD = /[a-z\u00C0-\u024F']+/g;

const WORDS: Record<"en" | "tl" | "id", Set<string>> = {
  en: new Set(
    "hi hello hey the a an is are do does have has how much what which where when can i you my me want need show price size color colour stock available buy order cart please thanks thank yes no good morning evening shipping return returns".split(
      " ",
    ),
  ),
  tl: new Set(
    "kumusta kamusta po opo salamat magkano ba ito iyan yung ang ng mga sa ko mo ako ikaw gusto bili bumili meron mayroon wala paano saan kailan pwede puwede sige oo hindi naman lang na nga kayo ninyo natin padala bayad".split(
      " ",
    ),
  ),
  id: new Set(
    "halo hai selamat pagi siang sore malam terima kasih berapa harga ini itu yang dan di ke dari saya aku kamu anda mau ingin beli ada tidak bisa apa bagaimana kapan dimana mana ukuran warna stok kirim bayar pesan keranjang tolong ya".split(
      " ",
    ),
  ),
};

export interface Detection {
  locale: Locale;
  /** 0..1: how clear the signal was */
  confidence: number;
}

/** Detects the locale of `text` among `allowed`; undefined when nothing is clear. */
export function detectLanguage(text: string, allowed: readonly Locale[]): Detection | undefined {
  const letters = text.replace(/[\s\d\p{P}\p{S}]/gu, "");
  if (letters.length === 0) return undefined;
  const arabic = text.match(ARABIC)?.length ?? 0;
  const han = text.match(HAN)?.length ?? 0;
  if (arabic / letters.length > 0.3 && allowed.includes("ar")) return { locale: "ar", confidence: 1 };
  if (han / letters.length > 0.3 && allowed.includes("zh")) return { locale: "zh", confidence: 1 };
  const words = text.toLowerCase().match(LATIN_WORD) ?? [];
  if (words.length === 0) return undefined;
  const scores = (["en", "tl", "id"] as const)
    .filter((l) => allowed.includes(l))
    .map((l) => ({ locale: l as Locale, hits: words.filter((w) => WORDS[l].has(w)).length }))
    .sort((a, b) => b.hits - a.hits);
  const [best, second] = scores;
  if (!best || best.hits === 0 || (second && second.hits === best.hits)) return undefined;
  return {
    locale: best.locale,
    confidence: Math.min(1, (best.hits - (second?.hits ?? 0)) / words.length + 0.3),
  };
}

/** The conversation's locale after `text`: a clear detection switches, otherwise it stays. */
export function nextLocale(
  text: string | undefined,
  previous: Locale | undefined,
  allowed: readonly Locale[],
  fallback: Locale,
): Locale {
  const detected = text ? detectLanguage(text, allowed) : undefined;
  return detected?.locale ?? previous ?? fallback;
}
