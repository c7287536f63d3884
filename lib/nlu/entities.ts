/**
 * Colours, sizes, categories and the kind of product question, found in a message's token keys. Catalogue
 * spellings come first (a shop selling "olive" finds "olive", not "green"), then the built-in lexicons.
 */
import type { PhraseLexicon } from "./lexicon";
import type { Token } from "./text";
import type { QuestionKind } from "./types";
import {
  COLORS,
  HAN_COLOR_CHARS,
  HAN_SIZE_SUFFIX,
  SIZE_LETTERS,
  SIZE_MARKERS,
  SIZES,
} from "./vocab/attributes";
import { CATEGORY_WORDS } from "./vocab/categories";
import { QUESTION_KINDS } from "./vocab/cues";

export interface Span<V> {
  value: V;
  start: number;
  end: number;
}

/** Catalogue-specific lexicons, built with the index. */
export interface CatalogLexicons {
  /** colour spellings of the catalogue → canonical colour */
  colors?: PhraseLexicon<string>;
  /** size spellings of the catalogue (not single letters or bare numbers) → canonical size */
  sizes?: PhraseLexicon<string>;
  /** the catalogue's category names → category */
  categories?: PhraseLexicon<string>;
}

const HAN_COLOR_FOLLOWERS = new Set(["的", "色", "款"]);

export function findColor(
  tokens: readonly Token[],
  keys: readonly string[],
  lex: CatalogLexicons = {},
): Span<string> | undefined {
  const m = lex.colors?.findAll(keys)[0] ?? COLORS.findAll(keys)[0];
  if (m) return m;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t?.script !== "han") continue;
    const color = HAN_COLOR_CHARS[t.text];
    if (!color) continue;
    const next = tokens[i + 1];
    const alone = tokens.every((x, j) => j === i || x.script !== "han");
    if (alone || (next?.script === "han" && HAN_COLOR_FOLLOWERS.has(next.text))) {
      return { value: color, start: i, end: next && HAN_COLOR_FOLLOWERS.has(next.text) ? i + 2 : i + 1 };
    }
  }
  return undefined;
}

/** Where the size word before token `i` starts ("size 42", "ukuran 40", "EU 38"), if there is one. */
function markerBefore(keys: readonly string[], i: number): number | undefined {
  for (let k = 1; k <= 2 && i - k >= 0; k++) {
    const m = SIZE_MARKERS.matchAt(keys, i - k);
    if (m && m.end === i) return i - k;
  }
  return undefined;
}

/**
 * The size mentioned: a size word or code, "2XL", a capital S/M/L or one after a size word, or a number
 * after a size word. Bare numbers are left to `numericSize`, which knows the product's sizes.
 */
export function findSize(
  tokens: readonly Token[],
  keys: readonly string[],
  lex: CatalogLexicons = {},
): Span<string> | undefined {
  const m = lex.sizes?.findAll(keys)[0] ?? SIZES.findAll(keys)[0];
  // "the blue one size S": "one size" followed by a size letter is "one" + "size S", not the free size
  const after = m && m.value === "FREE" ? tokens[m.end] : undefined;
  const letter = after?.script === "lat" ? SIZE_LETTERS[after.text] : undefined;
  if (m && letter) return { value: letter, start: m.end - 1, end: m.end + 1 };
  if (m) return m;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    const next = tokens[i + 1];
    if (
      t.script === "num" &&
      next?.glued &&
      next.text === "xl" &&
      (t.text === "2" || t.text === "3" || t.text === "4")
    ) {
      return { value: t.text === "2" ? "XXL" : "XXXL", start: i, end: i + 2 };
    }
    if (t.script === "num") {
      const suffix = next?.script === "han" && HAN_SIZE_SUFFIX.has(next.text);
      const marker = markerBefore(keys, i);
      if (suffix || marker !== undefined)
        return { value: t.text, start: marker ?? i, end: suffix ? i + 2 : i + 1 };
    }
    const letter = t.script === "lat" ? SIZE_LETTERS[t.text] : undefined;
    if (letter) {
      const marker = markerBefore(keys, i);
      const capital = t.raw === t.raw.toUpperCase();
      if (marker !== undefined || capital || tokens.length <= 2)
        return { value: letter, start: marker ?? i, end: i + 1 };
    }
  }
  return undefined;
}

/** A bare number that is one of the product's sizes ("sepatu ini 42 ada?"), when no quantity word is next. */
export function numericSize(tokens: readonly Token[], sizes: ReadonlySet<string>): Span<string> | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t?.script === "num" && sizes.has(t.text) && Number(t.text) >= 20)
      return { value: t.text, start: i, end: i + 1 };
  }
  return undefined;
}

/** Category concepts (tops, shoes …) and catalogue category names mentioned, left to right. */
export function findCategories(keys: readonly string[], lex: CatalogLexicons = {}): Span<string>[] {
  const own = lex.categories?.findAll(keys) ?? [];
  const concepts = CATEGORY_WORDS.findAll(keys).filter(
    (c) => !own.some((o) => o.start < c.end && c.start < o.end),
  );
  return [...own.map((o) => ({ ...o, value: `=${o.value}` })), ...concepts].sort((a, b) => a.start - b.start);
}

const KIND_ORDER: QuestionKind[] = ["price", "material", "stock", "sizes", "colors", "description"];

/** The kind of product question, by the words used; a named size or colour makes "sizes"/"colors" a stock check. */
export function questionKind(
  keys: readonly string[],
  mentioned: { color: boolean; size: boolean },
  entities: readonly { start: number; end: number }[] = [],
): { kind?: QuestionKind; spans: Span<QuestionKind>[] } {
  // "size M" names a size, it does not ask about sizes
  const spans = QUESTION_KINDS.findAll(keys).filter(
    (s) => !entities.some((e) => e.start < s.end && s.start < e.end),
  );
  const kinds = new Set(spans.map((s) => s.value));
  if (kinds.has("sizes") && mentioned.size) {
    kinds.delete("sizes");
    kinds.add("stock");
  }
  if (kinds.has("colors") && mentioned.color && !kinds.has("sizes")) {
    kinds.delete("colors");
    kinds.add("stock");
  }
  const kind = KIND_ORDER.find((k) => kinds.has(k));
  return kind ? { kind, spans } : { spans };
}
