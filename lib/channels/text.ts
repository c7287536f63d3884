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

/** How much of the text one Segmenter call sees. */
const WINDOW = 2048;

/**
 * The grapheme clusters of `text`, in order. V8's segmenter gets slower with the length of the string it
 * iterates (100,000 characters: seconds; issue 14), so it is given windows of {@link WINDOW} code units; the last
 * cluster of a window may go on in the next one, so the next window starts at it. Linear in the text's length.
 */
export function* graphemeSegments(text: string): Generator<string> {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  let from = 0;
  while (from < text.length) {
    const end = Math.min(text.length, from + WINDOW);
    const window = text.slice(from, end);
    const segments = Array.from(graphemes.segment(window), (s) => s.segment);
    // the window's last cluster is held back unless the text ends there (or it is the only one: a cluster
    // longer than a window is cut, which no real text has)
    const keep = end === text.length || segments.length === 1 ? segments.length : segments.length - 1;
    for (let i = 0; i < keep; i++) {
      const segment = segments[i] as string;
      from += segment.length;
      yield segment;
    }
  }
}

const pieces = (text: string): Piece[] =>
  Array.from(graphemeSegments(text), (segment) => ({
    text: segment,
    length: codePointLength(segment),
    space: /^\s+$/u.test(segment),
  }));

/** How many pieces from `from` fit in `max` code points (linear in what fits). */
const fitting = (list: Piece[], from: number, max: number): number => {
  let used = 0;
  let i = from;
  for (; i < list.length; i++) {
    const piece = list[i] as Piece;
    if (used + piece.length > max) break;
    used += piece.length;
  }
  return i - from;
};

const join = (list: Piece[], from: number, to: number): string => {
  let out = "";
  for (let i = from; i < to; i++) out += (list[i] as Piece).text;
  return out;
};

/**
 * `text` cut to at most `max` code points, ending with "…" when something was cut.
 * Trailing whitespace before the ellipsis is dropped. Linear in `max`: only the kept part is segmented
 * (issue 14: a 100,000-character text took seconds when the whole text was segmented and re-sliced).
 */
export const truncate = (text: string, max: number): string => {
  if (max <= 0) return "";
  if (text.length <= max || codePointLength(text) <= max) return text;
  let kept = "";
  let used = 0;
  for (const segment of graphemeSegments(text)) {
    const length = codePointLength(segment);
    if (used + length > max - 1) break;
    kept += segment;
    used += length;
  }
  return kept.trimEnd() + ELLIPSIS;
};

/**
 * `text` split into chunks of at most `max` code points, at whitespace where possible (the break whitespace
 * is dropped), otherwise between grapheme clusters. Blank text gives no chunks. Linear in the text's length.
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
    const fit = fitting(list, start, max);
    if (start + fit === list.length) {
      chunks.push(join(list, start, list.length));
      break;
    }
    // Break at the last whitespace inside the window (or right after it); the whitespace itself is dropped.
    // A word longer than `max` is cut hard; a single grapheme longer than `max` still advances.
    let cut = Math.max(fit, 1);
    for (let i = fit; i > 0; i--) {
      if (list[start + i]?.space) {
        cut = i;
        break;
      }
    }
    const chunk = join(list, start, start + cut).trimEnd();
    if (chunk !== "") chunks.push(chunk);
    start += cut;
    while (list[start]?.space) start++;
  }
  return chunks;
};

/**
 * `text` cut to at most `max` UTF-16 units (without splitting a surrogate pair), before any other processing:
 * the edge cap that keeps one huge field from slowing a whole delivery. O(max).
 */
export const capText = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
};
