import { describe, expect, it } from "vitest";
import { extractQuantity } from "../../../lib/nlu/quantity";
import { tokenize } from "../../../lib/nlu/text";

const quantity = (text: string) => extractQuantity(tokenize(text))?.value;

describe("extractQuantity", () => {
  it.each([
    // digit systems
    ["2 pcs", 2],
    ["x3", 3],
    ["3x", 3],
    ["qty 4", 4],
    ["٣ قطع", 3],
    ["أبي ٢ حبة", 2],
    ["۴ عدد", 4],
    ["２件", 2],
    // Chinese numerals
    ["我要两件", 2],
    ["来一个", 1],
    ["买三双", 3],
    ["要十二个", 12],
    ["二十五件", 25],
    // number words
    ["I want two", 2],
    ["three pieces please", 3],
    ["one piece", 1],
    ["dua buah", 2],
    ["beli tiga", 3],
    ["sebuah", 1],
    ["dalawang piraso", 2],
    ["tatlo po", 3],
    ["isang piraso", 1],
    ["اثنين", 2],
    ["ابي ثلاثة", 3],
    ["قطعتين", 2],
    ["واحد بس", 1],
    // patterns
    ["2 pieces", 2],
    ["5 piraso", 5],
    ["2", 2],
  ])("%s → %d", (text, expected) => {
    expect(quantity(text)).toBe(expected);
  });

  it.each([
    "which one is cheaper?",
    "this one",
    "under $50",
    "budget ko 500 pesos",
    "size 42",
    "order 12345678",
    "delivery in 3 days",
    "看一下",
    "一样的",
    "50% off?",
  ])("%s has no quantity", (text) => {
    expect(quantity(text)).toBeUndefined();
  });
});
