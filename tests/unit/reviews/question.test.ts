import { describe, expect, it } from "vitest";
import { codePointLength } from "../../../lib/channels/text";
import { LOCALES, t } from "../../../lib/i18n";
import {
  parseReviewPayload,
  ratePayload,
  ratingQuestion,
  skipPayload,
  starsLabel,
} from "../../../lib/reviews/question";

describe("review payloads", () => {
  it.each([
    ["RATE:CC-7K3F9Q:TEE-RED-M:4", { kind: "rate", orderId: "CC-7K3F9Q", productId: "TEE-RED-M", stars: 4 }],
    ["RATE:CC-7K3F9Q:MUG:1", { kind: "rate", orderId: "CC-7K3F9Q", productId: "MUG", stars: 1 }],
    ["REVIEWSKIP:CC-7K3F9Q:MUG", { kind: "skip", orderId: "CC-7K3F9Q", productId: "MUG" }],
    ["RATE:CC-7K3F9Q:MUG:0", undefined],
    ["RATE:CC-7K3F9Q:MUG:6", undefined],
    ["RATE:CC-7K3F9Q:MUG:4.5", undefined],
    ["RATE:CC-7K3F9Q:MUG", undefined],
    ["RATE:CC-7K3F9Q", undefined],
    ["REVIEWSKIP:CC-7K3F9Q:MUG:3", undefined],
    ["RATE::MUG:3", undefined],
    ["ADD:MUG", undefined],
  ])("%s → %j", (payload, expected) => {
    expect(parseReviewPayload(payload)).toEqual(expected);
  });

  it("builds what it parses", () => {
    expect(parseReviewPayload(ratePayload("CC-2345ZZ", "A.B_C-1", 5))).toMatchObject({
      productId: "A.B_C-1",
    });
    expect(parseReviewPayload(skipPayload("CC-2345ZZ", "P"))).toEqual({
      kind: "skip",
      orderId: "CC-2345ZZ",
      productId: "P",
    });
  });
});

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
