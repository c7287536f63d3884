/**
 * Text normalisation and tokenisation shared by every part of the NLU. Shoppers type on phones: mixed case,
 * full-width or Arabic-Indic digits, Arabic with or without hamza and diacritics, Chinese without spaces. All
 * of it is folded to one form here so the lexicons, the product index and the classifier see the same keys.
 */

export type Script = "lat" | "ara" | "han" | "num" | "sym";

export interface Token {
  /** normalised surface form: lower case, no diacritics, Latin digits */
  text: string;
  /** the matching key: `text` lightly stemmed (plural -s, Indonesian -nya, Arabic article) */
  key: string;
  /** the original spelling (case kept), for single-letter sizes written as "M" */
  raw: string;
  script: Script;
  /** written right after the previous token, with no space: "2xl", "x2", "42码" */
  glued: boolean;
}

const ARABIC_CLASS = "\\u0600-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF";
const HAN_CLASS = "\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF";
const TOKEN_RE = new RegExp(
  `([${ARABIC_CLASS}]+)|([${HAN_CLASS}])|(\\d+)|([$€£¥₱#%])|([^\\s\\d\\p{P}\\p{S}${ARABIC_CLASS}${HAN_CLASS}]+)`,
  "gu",
);
/** Printable ASCII and line breaks: the fast path (other control characters take the full one). */
const ASCII = /^[\t\n\r -~]*$/;
export const HAN_RE = new RegExp(`[${HAN_CLASS}]`);
export const ARABIC_RE = new RegExp(`[${ARABIC_CLASS}]`);

/** Arabic-Indic (U+0660) and Extended Arabic-Indic (U+06F0) digits to Latin ones. */
export function latinDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
  });
}

/** Folds a string to the normalised form (lower case, no marks, Latin digits, Arabic letter variants unified). */
export function fold(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  if (HAN_ONLY.test(s)) return s;
  if (ARABIC_BASIC.test(s)) return foldArabic(s);
  return latinDigits(s.normalize("NFKC"))
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\u0640/g, "") // tatweel
    .replace(/\u0649/g, "\u064A") // alef maqsura → yeh
    .replace(/\u0629/g, "\u0647") // teh marbuta → heh
    .replace(/[\u0671\u0672\u0673\u0675]/g, "\u0627") // alef variants → alef
    .replace(/\u06A9/g, "\u0643") // Persian kaf
    .replace(/[\u06CC\u06D2]/g, "\u064A") // Persian yeh, yeh barree
    .normalize("NFC");
}

const HAN_ONLY = /^[\u3400-\u4DBF\u4E00-\u9FFF]+$/;
const ARABIC_BASIC = /^[\u0600-\u06FF]+$/;

/** `fold` for plain Arabic letters, one pass instead of the Unicode normalisations (hot in buildIndex). */
function foldArabic(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640) continue; // diacritics, tatweel
    if (c >= 0x0660 && c <= 0x0669) out += String(c - 0x0660);
    else if (c >= 0x06f0 && c <= 0x06f9) out += String(c - 0x06f0);
    else if (c === 0x0622 || c === 0x0623 || c === 0x0625 || (c >= 0x0671 && c <= 0x0673) || c === 0x0675)
      out += "\u0627";
    else if (c === 0x0624) out += "\u0648";
    else if (c === 0x0626 || c === 0x0649 || c === 0x06cc || c === 0x06d2) out += "\u064A";
    else if (c === 0x0629) out += "\u0647";
    else if (c === 0x06a9) out += "\u0643";
    else out += s[i];
  }
  return out;
}

const ARABIC_PREFIXES = ["وال", "بال", "فال", "كال", "لل", "ال"];

/** The matching key of a normalised token. Consistent, not linguistically exact: both sides go through it. */
export function keyOf(text: string, script: Script): string {
  if (script === "ara") {
    let w = text;
    for (const p of ARABIC_PREFIXES) {
      if (w.startsWith(p) && w.length - p.length >= 2) {
        w = w.slice(p.length);
        break;
      }
    }
    // feminine relative adjectives: "جلديه" → "جلد" (leather), "قماشيه" → "قماش"; long words only
    if (w.length >= 5 && w.endsWith("يه")) return w.slice(0, -2);
    return w;
  }
  if (script !== "lat") return text;
  let w = text;
  if (w.length >= 6 && w.endsWith("nya")) w = w.slice(0, -3);
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(sses|shes|ches|xes|zes)$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return englishStem(w);
}

/**
 * English verb endings, lightly: "cancelling", "cancelled", "cancel" → "cancel"; "purchasing", "purchased",
 * "purchase" → "purchas"; "shipping" → "ship". Only words of six letters or more, so short words of the
 * other languages ("ikaw", "kode") keep their form; both sides of every match go through it.
 */
function englishStem(w: string): string {
  if (w.length < 6) return w;
  let stem: string | undefined;
  if (w.endsWith("ing")) stem = w.slice(0, -3);
  else if (w.endsWith("ed") && !w.endsWith("eed")) stem = w.slice(0, -2);
  else if (w.endsWith("e")) stem = w.slice(0, -1);
  // a stem of four letters at least: "puting" is Tagalog (white + linker), not "put" + "-ing"
  if (!stem || stem.length < 4 || !/[aeiouy]/.test(stem)) return w;
  // "shipp", "cancell" → "ship", "cancel"
  if (/([bdgklmnprt])\1$/.test(stem)) stem = stem.slice(0, -1);
  else if (stem.endsWith("e")) stem = stem.slice(0, -1);
  return stem;
}

/** Only ASCII letters and spaces: the words are the tokens (most lexicon phrases, many messages). */
const PLAIN = /^[A-Za-z ]*$/;

/** Splits a message into tokens: Latin words, Arabic words, single Han characters, digit runs. */
export function tokenize(input: string): Token[] {
  if (!PLAIN.test(input)) return tokenizeAny(input);
  const out: Token[] = [];
  for (const raw of input.split(" ")) {
    if (raw === "") continue;
    const text = raw.toLowerCase();
    out.push({ text, key: keyOf(text, "lat"), raw, script: "lat", glued: false });
  }
  return out;
}

/** `tokenize` of any text (what `tokenize` does for text of ASCII letters and spaces only, more slowly). */
export function tokenizeAny(input: string): Token[] {
  let prepared = ASCII.test(input)
    ? input
    : latinDigits(input.normalize("NFKC")).replace(/[\u060C\u061B\u061F\u066A-\u066D\u06D4]/g, " ");
  // "what's", "don't": one word; "t-shirt", "pa-mine": two
  if (/['’`]/.test(prepared)) prepared = prepared.replace(/(\p{L})['’`](\p{L})/gu, "$1$2");
  const out: Token[] = [];
  let end = -1;
  for (const m of prepared.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const script: Script = m[1] ? "ara" : m[2] ? "han" : m[3] ? "num" : m[4] ? "sym" : "lat";
    const text = fold(raw);
    if (!text) continue;
    if (script === "lat" && /\d/.test(text)) continue;
    const index = m.index ?? 0;
    const glued = index > 0 && index === end;
    end = index + raw.length;
    out.push({ text, key: keyOf(text, script), raw, script, glued });
  }
  return out;
}

const cache = new Map<string, Token[]>();
const CACHE_LIMIT = 50_000;

/**
 * `tokenize` with a memory: catalogue texts (titles, tags, brands, attribute values) repeat across variants
 * and rebuilds. The tokens returned are shared: never mutate them.
 */
export function tokenizeCached(input: string): Token[] {
  let tokens = cache.get(input);
  if (!tokens) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    tokens = tokenize(input);
    cache.set(input, tokens);
  }
  return tokens;
}

/** The normalised text of a message, tokens joined by single spaces. */
export function normalize(input: string): string {
  return tokenize(input)
    .map((t) => t.text)
    .join(" ");
}
