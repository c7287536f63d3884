/** `tokenize`'s shortcut for text of ASCII letters and spaces gives what the general tokenizer gives. */
import { describe, expect, it } from "vitest";
import { tokenize, tokenizeAny } from "../../../lib/nlu/text";
import { TRAINING } from "../../../lib/nlu/training";

describe("tokenize", () => {
  it("reads plain words as the general tokenizer does", () => {
    const samples = [
      "",
      " ",
      "hello",
      "Hello World",
      "  add  to   cart ",
      "SHIPPING fees",
      "buying purchased cancelling dresses watches boxes",
      "pulang kulay",
      ...Object.values(TRAINING).flatMap((perIntent) => Object.values(perIntent).flat()),
    ];
    let plain = 0;
    for (const s of samples) {
      if (/^[A-Za-z ]*$/.test(s)) plain++;
      expect(tokenize(s), s).toEqual(tokenizeAny(s));
    }
    expect(plain).toBeGreaterThan(300);
  });
});
