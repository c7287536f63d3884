/**
 * Multi-word phrase lookup over token keys: "add to cart", "kulay pula", "多少钱" (three Han tokens). Phrases go
 * through the same tokenizer as messages, so "T-shirt", "t shirt" and "T shirt" are one entry.
 */
import { tokenize } from "./text";

export interface PhraseMatch<V> {
  /** first token index */
  start: number;
  /** one past the last token index */
  end: number;
  value: V;
}

export class PhraseLexicon<V> {
  private readonly byFirst = new Map<string, { keys: string[]; value: V }[]>();
  /**
   * Phrases added but not tokenized yet. The lexicons are module constants of thousands of phrases: they are
   * tokenized at their first use, not when a bundle is imported (a Lambda's module init), and the result
   * is the same as tokenizing each phrase as it is added.
   */
  private pending: { value: V; phrases: string[] }[] = [];

  /** Adds each phrase with the same value. */
  add(value: V, ...phrases: string[]): this {
    this.pending.push({ value, phrases });
    return this;
  }

  private index(): Map<string, { keys: string[]; value: V }[]> {
    if (this.pending.length === 0) return this.byFirst;
    const touched = new Set<{ keys: string[]; value: V }[]>();
    for (const { value, phrases } of this.pending) {
      for (const phrase of phrases) {
        const keys = tokenize(phrase).map((t) => t.key);
        const first = keys[0];
        if (first === undefined) continue;
        let list = this.byFirst.get(first);
        if (!list) {
          list = [];
          this.byFirst.set(first, list);
        }
        list.push({ keys, value });
        touched.add(list);
      }
    }
    this.pending = [];
    // longest first; the sort is stable, so phrases of one length keep the order they were added in
    for (const list of touched) list.sort((a, b) => b.keys.length - a.keys.length);
    return this.byFirst;
  }

  /** Every key used by some phrase (for the spelling corrector's vocabulary). */
  *words(): Iterable<string> {
    for (const list of this.index().values()) for (const e of list) yield* e.keys;
  }

  /** The longest phrase starting at token `i`, if any. */
  matchAt(keys: readonly string[], i: number): PhraseMatch<V> | undefined {
    const first = keys[i];
    if (first === undefined) return undefined;
    const list = this.index().get(first);
    if (!list) return undefined;
    for (const e of list) {
      let ok = true;
      for (let j = 1; j < e.keys.length; j++) {
        if (keys[i + j] !== e.keys[j]) {
          ok = false;
          break;
        }
      }
      if (ok) return { start: i, end: i + e.keys.length, value: e.value };
    }
    return undefined;
  }

  /** Non-overlapping matches, left to right, longest first at each position. */
  findAll(keys: readonly string[]): PhraseMatch<V>[] {
    const out: PhraseMatch<V>[] = [];
    for (let i = 0; i < keys.length; ) {
      const m = this.matchAt(keys, i);
      if (m) {
        out.push(m);
        i = m.end;
      } else i++;
    }
    return out;
  }

  /** Every match at every position (overlaps allowed): for cue words that may share tokens. */
  findEvery(keys: readonly string[]): PhraseMatch<V>[] {
    const out: PhraseMatch<V>[] = [];
    const byFirst = this.index();
    for (let i = 0; i < keys.length; i++) {
      const first = keys[i];
      const list = first === undefined ? undefined : byFirst.get(first);
      if (!list) continue;
      for (const e of list) {
        if (e.keys.every((k, j) => keys[i + j] === k))
          out.push({ start: i, end: i + e.keys.length, value: e.value });
      }
    }
    return out;
  }
}
