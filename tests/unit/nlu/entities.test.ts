import { describe, expect, it } from "vitest";
import type { Locale } from "../../../lib/i18n";
import { understand } from "../../../lib/nlu";
import { fixtureIndex } from "./fixtures";

const ALL: Locale[] = ["en", "ar", "zh", "tl", "id"];
const read = (text: string, locale?: Locale) =>
  understand(text, { index: fixtureIndex(), ...(locale ? { locale } : {}), allowed: ALL, fallback: "en" });

describe("colours in five languages", () => {
  it.each([
    ["do you have it in red?", "red"],
    ["the BLACK one", "black"],
    ["ada warna merah?", "red"],
    ["yang putih ready kak", "white"],
    ["meron po bang pula?", "red"],
    ["yung itim po", "black"],
    ["puting t-shirt po", "white"],
    ["هل يوجد باللون الأحمر", "red"],
    ["أبغى الأسود", "black"],
    ["ابيض متوفر؟", "white"],
    ["有红色的吗", "red"],
    ["要黑的", "black"],
    ["白色有货吗", "white"],
    ["azul po", "blue"],
    ["biru dongker ada?", "navy"],
  ])("%s → %s", (text, color) => {
    expect(read(text).attributes.color).toBe(color);
  });

  it("does not read 白 in 明白 as white", () => {
    expect(read("明白了").attributes.color).toBeUndefined();
  });
});

describe("sizes in five languages, spelt as the catalogue does", () => {
  it.each([
    ["size M", "M"],
    ["in XL please", "XL"],
    ["medium", "M"],
    ["large po", "L"],
    ["do you have a small", "S"],
    ["ukuran L ada?", "L"],
    ["yang kecil", "S"],
    ["yung malaki po", "L"],
    ["katamtaman na size", "M"],
    ["مقاس كبير", "L"],
    ["صغير", "S"],
    ["وسط", "M"],
    ["大号", "L"],
    ["有小号吗", "S"],
    ["中号的", "M"],
    ["Canvas Sneakers size 42", "42"],
    ["帆布鞋42码", "42"],
    ["sepatu kanvas ukuran 41", "41"],
    ["مقاس ٤٠", "40"],
  ])("%s → %s", (text, size) => {
    expect(read(text).attributes.size).toBe(size);
  });

  it("keeps a lower-case m in a sentence for a word, not a size", () => {
    expect(read("i m looking for a gift").attributes.size).toBeUndefined();
  });
});

describe("categories", () => {
  it.each([
    ["show me your shoes", "shoes"],
    ["ada sepatu?", "shoes"],
    ["may sapatos po kayo?", "shoes"],
    ["عندكم احذية؟", "shoes"],
    ["有鞋子吗", "shoes"],
    ["do you sell bags", "bags"],
    ["lihat tas dong", "bags"],
    ["看看包包", "bags"],
  ])("%s → browse %s", (text, category) => {
    const u = read(text);
    expect(u.intent).toBe("browse_category");
    expect(u.category).toBe(category);
  });
});
