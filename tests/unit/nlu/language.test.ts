import { describe, expect, it } from "vitest";
import type { Locale } from "../../../lib/i18n";
import { detectLanguage, nextLocale, requestedLocale } from "../../../lib/nlu/language";

const ALL: Locale[] = ["en", "ar", "zh", "tl", "id"];

describe("detectLanguage", () => {
  it.each<[string, Locale]>([
    ["how much is the classic tee?", "en"],
    ["do you have this in red please", "en"],
    ["كم سعر هذا القميص؟", "ar"],
    ["هل يوجد مقاس كبير", "ar"],
    ["这个多少钱？", "zh"],
    ["有没有红色的", "zh"],
    ["magkano po ito?", "tl"],
    ["meron pa po ba kayong size M", "tl"],
    ["berapa harganya kak?", "id"],
    ["ada ukuran L gak?", "id"],
    ["hm po yung red tee", "tl"],
    ["ready kak yang merah?", "id"],
  ])("%s → %s", (text, locale) => {
    expect(detectLanguage(text, ALL)?.locale).toBe(locale);
  });

  it.each(["ok", "2", "👍", "Classic Tee", "XL", "...", ""])("%s says nothing clear", (text) => {
    expect(detectLanguage(text, ALL)).toBeUndefined();
  });

  it("only considers the shop's locales", () => {
    expect(detectLanguage("这个多少钱", ["en", "id"])).toBeUndefined();
  });
});

describe("nextLocale", () => {
  it.each<[string, Locale, Locale]>([
    // neutral or short messages keep the conversation's language
    ["ok", "ar", "ar"],
    ["2", "zh", "zh"],
    ["👍", "tl", "tl"],
    ["Classic Tee", "id", "id"],
    ["size M", "ar", "ar"],
    ["how much?", "tl", "tl"],
    ["checkout", "id", "id"],
    // a clear message in another language switches
    ["这个多少钱", "en", "zh"],
    ["كم السعر", "en", "ar"],
    ["what is the price of this one please, do you have it in blue", "id", "en"],
    ["berapa harganya kak, ada yang warna merah gak?", "en", "id"],
    // explicit requests switch at once
    ["in English please", "ar", "en"],
    ["English pls", "zh", "en"],
    ["بالعربي", "en", "ar"],
    ["عربي لو سمحت", "en", "ar"],
    ["中文", "en", "zh"],
    ["说中文", "id", "zh"],
    ["Tagalog po", "en", "tl"],
    ["bahasa indonesia", "en", "id"],
    ["pakai bahasa indonesia aja", "tl", "id"],
  ])("%s (was %s) → %s", (text, previous, expected) => {
    expect(nextLocale(text, previous, ALL, "en")).toBe(expected);
  });

  it("starts from the detected language, else the shop default", () => {
    expect(nextLocale("magkano po?", undefined, ALL, "en")).toBe("tl");
    expect(nextLocale("ok", undefined, ALL, "id")).toBe("id");
  });

  it("never switches to a locale the shop does not offer", () => {
    expect(nextLocale("中文", "en", ["en", "id"], "en")).toBe("en");
    expect(requestedLocale("in Chinese please", ["en", "id"])).toBeUndefined();
  });

  it("does not take a country for a language request", () => {
    expect(requestedLocale("do you ship to indonesia?", ALL)).toBeUndefined();
  });
});
