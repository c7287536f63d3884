/**
 * Typo tolerance: Damerau-Levenshtein distance (optimal string alignment: one adjacent swap counts one edit),
 * a deletion index to find the known words within one or two edits of a token without scanning the whole
 * vocabulary (the SymSpell idea), and character trigram similarity.
 */

/** Edit distance with adjacent transpositions; returns `max + 1` as soon as it must exceed `max`. */
export function damerauLevenshtein(a: string, b: string, max = 2): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = Array.from({ length: lb + 1 }, (_, j) => j);
  let cur = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb] ?? max + 1;
}

/** How many edits a token of this length may carry and still match: none below 4 letters. */
export function allowedEdits(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

function deletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Known words by their one-letter deletions. A query finds every word within one edit (substitution,
 * insertion, deletion, swap) and most within two; candidates are then checked with the real distance.
 */
export class DeletionIndex {
  private readonly words = new Set<string>();
  private readonly byDelete = new Map<string, string[]>();
  private pending: (() => Iterable<string>) | undefined;

  /**
   * @param words added at the first lookup rather than now (the static model's vocabulary: thousands of
   * words, not needed until a message has an unknown word of five letters or more)
   */
  constructor(words?: () => Iterable<string>) {
    this.pending = words;
  }

  private ready(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    for (const w of pending()) this.add(w);
  }

  add(word: string): void {
    this.ready();
    if (this.words.has(word) || word.length < 3) return;
    this.words.add(word);
    for (const d of deletes(word)) {
      const list = this.byDelete.get(d);
      if (list) list.push(word);
      else this.byDelete.set(d, [word]);
    }
  }

  has(word: string): boolean {
    this.ready();
    return this.words.has(word);
  }

  get size(): number {
    this.ready();
    return this.words.size;
  }

  /** Known words within the allowed edits of `word` (not `word` itself), nearest first. */
  near(word: string, maxEdits = allowedEdits(word.length)): { word: string; distance: number }[] {
    if (maxEdits === 0) return [];
    this.ready();
    const candidates = new Set<string>();
    const own = this.byDelete.get(word);
    if (own) for (const w of own) candidates.add(w);
    for (const d of deletes(word)) {
      if (this.words.has(d)) candidates.add(d);
      const list = this.byDelete.get(d);
      if (list) for (const w of list) candidates.add(w);
    }
    candidates.delete(word);
    const out: { word: string; distance: number }[] = [];
    for (const w of candidates) {
      // the shorter of the two decides how many edits are fair
      const limit = Math.min(maxEdits, allowedEdits(Math.min(w.length, word.length) + 1));
      const distance = damerauLevenshtein(word, w, limit);
      if (distance <= limit) out.push({ word: w, distance });
    }
    return out.sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word));
  }
}

/** Character trigrams of a string padded with one space each side. */
export function trigrams(s: string): Set<string> {
  const p = ` ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
  return out;
}

/** Dice coefficient of two trigram sets, 0..1. */
export function trigramSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}
