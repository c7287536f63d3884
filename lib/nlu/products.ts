/**
 * Fuzzy product matching. Every product group (the variants sharing a `groupId`) gets one entry with the
 * keys of its titles in every locale, its brand, tags, category and attribute values, weighted by field and
 * by rarity (idf over groups). A message's tokens match keys exactly, as compounds ("t shirt" ⇄ "tshirt"),
 * or within one or two edits for tokens of four letters or more; Chinese matches by character unigrams and
 * bigrams. Stopwords and shopping words never match.
 */
import type { Product } from "../catalog/types";
import { LOCALES } from "../i18n";
import { allowedEdits, DeletionIndex, trigrams } from "./fuzzy";
import { type Token, tokenizeCached } from "./text";
import { COLORS, SIZES } from "./vocab/attributes";
import { STOPWORDS } from "./vocab/stopwords";
import { PRODUCT_SYNONYMS } from "./vocab/synonyms";

const FIELD = { title: 1, brand: 1, tag: 0.6, category: 0.35, attribute: 0.3 } as const;
/** A synonym counts a little less than the title's own word. */
const SYNONYM = 0.9;

/** Title word key → the keys of its synonyms (the same tokenizer as messages); made at first use. */
let synonymKeys: ReadonlyMap<string, string[]> | undefined;

function synonymsOf(key: string): readonly string[] {
  if (!synonymKeys) {
    const out = new Map<string, string[]>();
    for (const [word, synonyms] of Object.entries(PRODUCT_SYNONYMS)) {
      const k = tokenizeCached(word)[0]?.key;
      if (!k) continue;
      const keys = synonyms
        .map((w) =>
          tokenizeCached(w)
            .map((t) => t.key)
            .join(""),
        )
        .filter((x) => x && x !== k);
      out.set(k, [...(out.get(k) ?? []), ...keys]);
    }
    synonymKeys = out;
  }
  return synonymKeys.get(key) ?? [];
}

/** Weight of a Han single character against a bigram: "鞋" says less than "跑鞋". */
const HAN_UNIGRAM = 0.5;

interface Posting {
  group: number;
  weight: number;
  /** the group's title words this key stands for (itself, or a compound's parts) */
  titleParts?: string[];
}

export interface ProductGroup {
  id: string;
  groupId?: string;
  products: Product[];
  category: string;
  /** per locale: the title's keys with their weights */
  titleKeys: Map<string, number>[];
  /** per locale: the idf mass of the title's keys */
  titleMass: number[];
}

export interface ProductHit {
  group: ProductGroup;
  score: number;
  /** query token indexes that matched this group's name (not only its attributes) */
  tokens: Set<number>;
  /** the best single matched key is rare (few groups have it) */
  distinctive: boolean;
  /** share of the best-matching locale's title that the message covers, 0..1 */
  titleCoverage: number;
}

/** A key of a text: a word, a Han unigram or bigram, or a compound of two words ("t shirt" → "tshirt"). */
interface TextKey {
  key: string;
  weight: number;
  /** the keys a compound stands for */
  parts?: string[];
}

/** The keys of a text for the product index: Latin/Arabic word keys, compounds, Han unigrams and bigrams. */
function textKeys(tokens: readonly Token[]): TextKey[] {
  const out: TextKey[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    const next = tokens[i + 1];
    if (t.script === "han") {
      if (!STOPWORDS.has(t.key)) out.push({ key: t.key, weight: HAN_UNIGRAM });
      if (next?.script === "han" && !(STOPWORDS.has(t.key) && STOPWORDS.has(next.key))) {
        out.push({ key: t.key + next.key, weight: 1 });
      }
      continue;
    }
    if (t.script === "sym") continue;
    if (!STOPWORDS.has(t.key)) out.push({ key: t.key, weight: 1 });
    // Tagalog linker: "Kandilang Soy", "Klasikong T-shirt" are found as "kandila", "klasiko"
    if (t.script === "lat" && t.key.length >= 6 && t.key.endsWith("ng")) {
      out.push({ key: t.key.slice(0, -2), weight: 1, parts: [t.key] });
    }
    if (
      next &&
      (t.script === "lat" || t.script === "num") &&
      (next.script === "lat" || next.script === "num")
    ) {
      out.push({ key: `${t.text}${next.key}`, weight: 1, parts: [t.key, next.key] });
    }
    // "T恤": a Latin letter glued to Han is part of the Chinese word
    if (t.script === "lat" && next?.script === "han" && next.glued)
      out.push({ key: t.key + next.key, weight: 1 });
  }
  return out;
}

/**
 * An Arabic noun without a possessive ending: "ساعتكم" (your watch) → "ساعه", "حزامك" → "حزام". The feminine
 * ending, written "ت" before the suffix, is restored as the folded "ه" the titles have.
 */
function arabicBase(key: string): string | undefined {
  const m = /^(.{2,}?)(كم|كن|هم|ها|نا|ك|ه|ي)$/.exec(key);
  const stem = m?.[1];
  if (!stem || stem.length < 2) return undefined;
  return stem.endsWith("ت") ? `${stem.slice(0, -1)}ه` : stem;
}

const attributeWords = new Map<string, boolean>();
const isAttributeWord = (key: string): boolean => {
  let yes = attributeWords.get(key);
  if (yes === undefined) {
    yes = COLORS.matchAt([key], 0) !== undefined || SIZES.matchAt([key], 0) !== undefined;
    if (attributeWords.size < 100_000) attributeWords.set(key, yes);
  }
  return yes;
};

export class ProductIndex {
  readonly groups: ProductGroup[] = [];
  private readonly postings = new Map<string, Posting[]>();
  private readonly idfs = new Map<string, number>();
  readonly fuzzy = new DeletionIndex();
  /** product keys by their first trigram (" ho"), with their trigrams: the last resort for typos ("hoody") */
  private readonly byStart = new Map<string, { key: string; grams: Set<string> }[]>();

  constructor(products: readonly Product[]) {
    const byGroup = new Map<string, Product[]>();
    for (const p of products) {
      const g = p.groupId ?? p.id;
      const list = byGroup.get(g);
      if (list) list.push(p);
      else byGroup.set(g, [p]);
    }
    // Variants share titles, tags, brands and attribute values: tokenize each distinct text once.
    const memo = new Map<string, TextKey[]>();
    const compounds = new Set<string>();
    const keysOf = (text: string): TextKey[] => {
      let keys = memo.get(text);
      if (!keys) {
        keys = textKeys(tokenizeCached(text));
        memo.set(text, keys);
      }
      return keys;
    };
    for (const [, variants] of byGroup) {
      const first = variants[0];
      if (!first) continue;
      const index = this.groups.length;
      const perKey = new Map<string, Posting>();
      const add = (k: TextKey, weight: number, title: boolean) => {
        if (k.parts) compounds.add(k.key);
        const w = isAttributeWord(k.key) ? Math.min(weight, FIELD.attribute) : weight;
        const existing = perKey.get(k.key);
        const titleParts = title ? (k.parts ?? [k.key]) : undefined;
        if (existing) {
          existing.weight = Math.max(existing.weight, w);
          if (titleParts) existing.titleParts = titleParts;
        } else perKey.set(k.key, { group: index, weight: w, ...(titleParts ? { titleParts } : {}) });
      };
      const titles: Map<string, number>[] = LOCALES.map(() => new Map());
      // Titles of all variants: a merchant may name variants differently ("Classic Tee – Red").
      const done = new Set<string>();
      for (const v of variants) {
        for (const [i, locale] of LOCALES.entries()) {
          const title = v.title[locale];
          if (!title || done.has(`${locale}:${title}`)) continue;
          done.add(`${locale}:${title}`);
          for (const k of keysOf(title)) {
            add(k, FIELD.title * k.weight, true);
            for (const synonym of synonymsOf(k.key))
              add({ key: synonym, weight: k.weight, parts: [k.key] }, FIELD.title * SYNONYM * k.weight, true);
            if (!k.parts) titles[i]?.set(k.key, isAttributeWord(k.key) ? FIELD.attribute : k.weight);
          }
        }
        for (const tag of v.tags) {
          if (done.has(`#${tag}`)) continue;
          done.add(`#${tag}`);
          for (const k of keysOf(tag)) add(k, FIELD.tag * k.weight, false);
        }
        for (const [name, value] of Object.entries(v.attributes)) {
          if (name === "size" || done.has(`@${value}`)) continue;
          done.add(`@${value}`);
          for (const k of keysOf(value)) add(k, FIELD.attribute * k.weight, false);
        }
      }
      if (first.brand) for (const k of keysOf(first.brand)) add(k, FIELD.brand * k.weight, false);
      for (const k of keysOf(first.category.replace(/[-_]/g, " "))) add(k, FIELD.category * k.weight, false);
      for (const [key, posting] of perKey) {
        const list = this.postings.get(key);
        if (list) list.push(posting);
        else this.postings.set(key, [posting]);
        // compounds ("tshirt") match exactly; typos are looked for in real words only
        if (list || compounds.has(key) || /\d/.test(key)) continue;
        if (key.length >= 4 && !/[\u3400-\u9FFF]/.test(key) && !this.fuzzy.has(key)) {
          this.fuzzy.add(key);
          const start = ` ${key.slice(0, 2)}`;
          const list = this.byStart.get(start) ?? [];
          list.push({ key, grams: trigrams(key) });
          this.byStart.set(start, list);
        }
      }
      this.groups.push({
        id: first.groupId ?? first.id,
        ...(first.groupId ? { groupId: first.groupId } : {}),
        products: variants,
        category: first.category,
        titleKeys: titles,
        titleMass: [],
      });
    }
    const n = this.groups.length;
    for (const [key, list] of this.postings) this.idfs.set(key, Math.log(1 + n / list.length));
    for (const group of this.groups) {
      group.titleMass = group.titleKeys.map((keys) => {
        let mass = 0;
        for (const [key, weight] of keys) mass += (this.idfs.get(key) ?? 0) * weight;
        return mass;
      });
    }
  }

  idf(key: string): number {
    return this.idfs.get(key) ?? 0;
  }

  has(key: string): boolean {
    return this.postings.has(key);
  }

  /** Every key, for the spelling corrector. */
  keys(): Iterable<string> {
    return this.postings.keys();
  }

  /** The product key most similar by trigrams (Dice ≥ 0.5), for a token no edit-distance match found. */
  private similarKey(token: string): string | undefined {
    const grams = trigrams(token);
    let best: string | undefined;
    let bestScore = 0.5;
    // the word must start the same way: "hoody" → "hoodie", never "address" → "dress"
    for (const { key, grams: other } of this.byStart.get(` ${token.slice(0, 2)}`) ?? []) {
      let shared = 0;
      for (const g of grams) if (other.has(g)) shared++;
      const score = (2 * shared) / (grams.size + other.size);
      if (score > bestScore || (score === bestScore && best === undefined)) {
        best = key;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * Groups matching the message, best first. `skip[i]` marks tokens that must not match (quantities,
   * sizes, language names); `keys` are the tokens' keys after spelling correction.
   */
  search(tokens: readonly Token[], keys: readonly string[], skip: readonly boolean[]): ProductHit[] {
    const n = this.groups.length;
    if (n === 0) return [];
    // Query keys: [key, quality, token indexes]
    const query: { key: string; quality: number; at: number[]; weight: number }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const key = keys[i];
      if (!t || key === undefined || skip[i]) continue;
      const next = tokens[i + 1];
      if (t.script === "han") {
        if (!STOPWORDS.has(key)) query.push({ key, quality: 1, at: [i], weight: HAN_UNIGRAM });
        if (next?.script === "han" && !skip[i + 1])
          query.push({ key: key + next.key, quality: 1, at: [i, i + 1], weight: 1 });
        continue;
      }
      if (t.script === "sym") continue;
      if (next && !skip[i + 1]) {
        const compound =
          t.script === "lat" && next.script === "han" && next.glued ? key + next.key : `${t.text}${next.key}`;
        if ((t.script === "lat" || t.script === "num") && this.postings.has(compound)) {
          query.push({ key: compound, quality: 1, at: [i, i + 1], weight: 1 });
        }
      }
      if (STOPWORDS.has(key) || STOPWORDS.has(t.key)) continue;
      if (this.postings.has(key)) {
        query.push({ key, quality: 1, at: [i], weight: 1 });
        continue;
      }
      if (this.postings.has(t.key)) {
        query.push({ key: t.key, quality: 1, at: [i], weight: 1 });
        continue;
      }
      const bare = t.script === "ara" ? arabicBase(key) : undefined;
      if (bare && this.postings.has(bare)) {
        query.push({ key: bare, quality: 1, at: [i], weight: 1 });
        continue;
      }
      // "tshirt" written as one word while the title has "t-shirt", and typos; never a colour or size word,
      // which is a word of its own ("hijau" is green, not a misspelt "hijab")
      if (t.script !== "num" && t.key.length >= 4 && !isAttributeWord(t.key)) {
        const near = this.fuzzy.near(t.key, allowedEdits(t.key.length));
        for (const n of near) query.push({ key: n.word, quality: 1 - 0.2 * n.distance, at: [i], weight: 1 });
        if (near.length === 0) {
          const similar = this.similarKey(t.key);
          if (similar) query.push({ key: similar, quality: 0.6, at: [i], weight: 1 });
        }
      }
    }
    if (query.length === 0) return [];

    type Acc = {
      perToken: Map<number, number>;
      covered: Map<string, number>;
      best: number;
      nameTokens: Set<number>;
    };
    const acc = new Map<number, Acc>();
    for (const q of query) {
      const list = this.postings.get(q.key);
      if (!list) continue;
      const idf = this.idf(q.key);
      for (const p of list) {
        let a = acc.get(p.group);
        if (!a) {
          a = { perToken: new Map(), covered: new Map(), best: 0, nameTokens: new Set() };
          acc.set(p.group, a);
        }
        const c = idf * p.weight * q.quality * q.weight;
        for (const at of q.at) a.perToken.set(at, Math.max(a.perToken.get(at) ?? 0, c / q.at.length));
        if (p.titleParts) {
          for (const part of p.titleParts) a.covered.set(part, Math.max(a.covered.get(part) ?? 0, q.quality));
        }
        if (p.weight >= FIELD.tag) {
          for (const at of q.at) a.nameTokens.add(at);
          a.best = Math.max(a.best, idf);
        }
      }
    }
    // The tokens that matched something: the share of them a group explains is its query coverage.
    const matchedTokens = new Set<number>();
    for (const a of acc.values()) for (const at of a.nameTokens) matchedTokens.add(at);
    const distinctiveIdf = Math.log(1 + n / Math.max(2, Math.min(3, n / 4)));
    const hits: ProductHit[] = [];
    for (const [g, a] of acc) {
      const group = this.groups[g];
      if (!group || a.nameTokens.size === 0) continue;
      let titleCov = 0;
      for (const [l, keys] of group.titleKeys.entries()) {
        const mass = group.titleMass[l] ?? 0;
        if (mass <= 0) continue;
        let covered = 0;
        for (const [key, quality] of a.covered) {
          const weight = keys.get(key);
          if (weight !== undefined) covered += this.idf(key) * weight * quality;
        }
        titleCov = Math.max(titleCov, Math.min(1, covered / mass));
      }
      const queryCov = a.nameTokens.size / Math.max(1, matchedTokens.size);
      const score = 0.65 * titleCov + 0.35 * queryCov;
      hits.push({
        group,
        score,
        tokens: a.nameTokens,
        distinctive: a.best >= distinctiveIdf - 1e-9,
        titleCoverage: titleCov,
      });
    }
    return hits.sort((x, y) => y.score - x.score || x.group.id.localeCompare(y.group.id));
  }
}
