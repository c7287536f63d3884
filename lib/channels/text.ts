/**
 * Length limits of the Meta platforms, applied without breaking characters.
 *
 * Limits are counted in Unicode code points (what the platforms document as "characters"), and cuts are made
 * only between grapheme clusters, so a surrogate pair, a flag or a ZWJ emoji sequence is never split in half.
 */

const ELLIPSIS = "…";

// One segmenter per container, built the first time a text is too long: building it loads ICU's break
// rules (about 12 ms, a twentieth of a webhook's module init), and most containers never cut a text.
let graphemes: Intl.Segmenter | undefined;

/** Length in Unicode code points (an emoji outside the BMP counts as one, not two UTF-16 units). */
export const codePointLength = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

interface Piece {
  text: string;
  length: number;
  space: boolean;
}

const pieces = (text: string): Piece[] => {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return Array.from(graphemes.segment(text), ({ segment }) => ({
    text: segment,
    length: codePointLength(segment),
    space: /^\s+$/u.test(segment),
  }));
};

/** How many leading pieces fit in `max` code points. */
const fitting = (list: Piece[], max: number): number => {
  let used = 0;
  let i = 0;
  for (; i < list.length; i++) {
    const piece = list[i] as Piece;
    if (used + piece.length > max) break;
    used += piece.length;
  }
  return i;
};

const join = (list: Piece[]): string => list.map((p) => p.text).join("");

/**
 * `text` cut to at most `max` code points, ending with "…" when something was cut.
 * Trailing whitespace before the ellipsis is dropped.
 */
export const truncate = (text: string, max: number): string => {
  if (max <= 0) return "";
  if (codePointLength(text) <= max) return text;
  const list = pieces(text);
  const kept = join(list.slice(0, fitting(list, max - 1))).trimEnd();
  return kept + ELLIPSIS;
};

/**
 * `text` split into chunks of at most `max` code points, at whitespace where possible (the break whitespace
 * is dropped), otherwise between grapheme clusters. Blank text gives no chunks.
 */
export const splitText = (text: string, max: number): string[] => {
  if (max <= 0) return [];
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (codePointLength(trimmed) <= max) return [trimmed];

  const list = pieces(trimmed);
  const chunks: string[] = [];
  let start = 0;
  while (start < list.length) {
    const rest = list.slice(start);
    const fit = fitting(rest, max);
    if (fit === rest.length) {
      chunks.push(join(rest));
      break;
    }
    // Break at the last whitespace inside the window (or right after it); the whitespace itself is dropped.
    // A word longer than `max` is cut hard; a single grapheme longer than `max` still advances.
    let cut = Math.max(fit, 1);
    for (let i = fit; i > 0; i--) {
      if (rest[i]?.space) {
        cut = i;
        break;
      }
    }
    const chunk = join(rest.slice(0, cut)).trimEnd();
    if (chunk !== "") chunks.push(chunk);
    start += cut;
    while (list[start]?.space) start++;
  }
  return chunks;
};
