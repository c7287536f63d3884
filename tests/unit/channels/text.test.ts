import { describe, expect, it } from "vitest";
import { codePointLength, splitText, truncate } from "../../../lib/channels/text";

/** A UTF-16 string with half a surrogate pair is broken text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("truncate", () => {
  it.each<[string, number, string]>([
    ["short", 10, "short"],
    ["exactly20charactersx", 20, "exactly20charactersx"],
    ["Classic Cotton T-Shirt Red", 20, "Classic Cotton T-Sh…"],
    ["trailing space cut", 10, "trailing…"],
    ["abc", 1, "…"],
    ["abc", 0, ""],
  ])("truncate(%j, %i) = %j", (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it("counts an emoji as one character and never splits it", () => {
    const thumbs = "👍".repeat(25);
    const cut = truncate(thumbs, 20);
    expect(codePointLength(cut)).toBeLessThanOrEqual(20);
    expect(cut).toBe(`${"👍".repeat(19)}…`);
    expect(cut).not.toMatch(LONE_SURROGATE);
  });

  it("does not cut inside a ZWJ sequence or a flag", () => {
    const family = "👨‍👩‍👧"; // 5 code points, one grapheme
    const cut = truncate(`ab${family}cdef`, 6);
    expect(cut).toBe("ab…");
    expect(truncate(`🇸🇬🇸🇬🇸🇬`, 4)).toBe("🇸🇬…");
  });
});

describe("splitText", () => {
  it("keeps short text whole and drops blank text", () => {
    expect(splitText("  hi  ", 10)).toEqual(["hi"]);
    expect(splitText("   ", 10)).toEqual([]);
  });

  it("splits at whitespace into chunks within the limit, losing no words", () => {
    const words = Array.from({ length: 900 }, (_, i) => `w${i}`).join(" ");
    const chunks = splitText(words, 2000);
    for (const c of chunks) expect(codePointLength(c)).toBeLessThanOrEqual(2000);
    expect(chunks.join(" ")).toBe(words);
  });

  it("cuts a word longer than the limit, between characters", () => {
    expect(splitText("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
    const chunks = splitText("😀".repeat(7), 3);
    expect(chunks).toEqual(["😀😀😀", "😀😀😀", "😀"]);
  });

  it("prefers line breaks and spaces, dropping the break itself", () => {
    expect(splitText("one two\nthree four", 9)).toEqual(["one two", "three", "four"]);
  });
});
