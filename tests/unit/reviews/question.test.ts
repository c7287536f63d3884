import { describe, expect, it } from "vitest";
import { codePointLength } from "../../../lib/channels/text";
import { LOCALES, t } from "../../../lib/i18n";
import { ratingQuestion, starsLabel } from "../../../lib/reviews/question";

describe("the rating question", () => {
  it("asks in the locale with five star choices, 1 to 5", () => {
    const q = ratingQuestion("CC-2345ZZ", "MUG", "Mug", "en", "en");
    expect(q.text).toBe("How do you like Mug? Tap 1–5 ⭐");
    expect(q.choices?.map((c) => c.payload)).toEqual([1, 2, 3, 4, 5].map((n) => `RATE:CC-2345ZZ:MUG:${n}`));
    expect(q.choices?.[4]?.title).toBe("⭐⭐⭐⭐⭐ 5");
  });

  it.each(LOCALES)("%s: titles fit a reply button (≤ 20) and the texts exist", (locale) => {
    for (let n = 1; n <= 5; n++) expect(codePointLength(starsLabel(n))).toBeLessThanOrEqual(20);
    expect(codePointLength(t(locale, "choice.skip"))).toBeLessThanOrEqual(20);
    expect(ratingQuestion("CC-2345ZZ", "P", "X", locale, "en").text).toContain("X");
  });
});
