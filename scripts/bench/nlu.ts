/**
 * Understanding speed: `understand` (lib/nlu) over a 1,000-product catalogue made from the demo shop (each
 * product copied with new ids and perturbed titles), for short shopper messages in the five locales. Reports
 * the index build time and p50/p99/max per message over several rounds.
 */
import answers from "../../lib/catalog/demo/answers.json";
import demo from "../../lib/catalog/demo/products.json";
import type { Answer, Product } from "../../lib/catalog/types";
import type { Locale } from "../../lib/i18n";
import { buildIndex, understand, warmUp } from "../../lib/nlu";
import { percentile } from "./stats";

/** Messages of our own (not the evaluation set): timing only. */
const MESSAGES: Array<[Locale, string]> = [
  ["en", "how much is the linen shirt in blue?"],
  ["en", "do u have the classic tee in M red"],
  ["en", "add 2 hoodies size L to my cart pls"],
  ["en", "where is my order CC-7K3F9Q"],
  ["ar", "كم سعر الحذاء الرياضي مقاس ٤٢؟"],
  ["ar", "هل يوجد فستان صيفي أصفر؟"],
  ["zh", "这件连帽卫衣有灰色的吗"],
  ["zh", "我要两件白色T恤"],
  ["tl", "magkano po yung sandals na brown size 39?"],
  ["tl", "meron pa ba kayong jeans na itim?"],
  ["id", "kak, kaos putih ukuran L masih ada?"],
  ["id", "berapa ongkir ke surabaya?"],
  ["en", "asdfgh qwerty"],
  ["en", "thanks a lot!"],
];

export interface NluFigures {
  products: number;
  buildMs: number;
  warmUpMs: number;
  perMessageMs: { n: number; p50: number; p99: number; max: number };
}

export function benchNlu(rounds = 200): NluFigures {
  const base = demo as unknown as Product[];
  const products: Product[] = [];
  for (let i = 0; products.length < 1000; i++) {
    const p = base[i % base.length] as Product;
    const copy = Math.floor(i / base.length);
    products.push({
      ...p,
      id: `${p.id}-${copy}`,
      groupId: p.groupId ? `${p.groupId}-${copy}` : undefined,
      title:
        copy === 0
          ? p.title
          : { ...p.title, en: `${p.title.en ?? ""} ${["Plus", "Lite", "Pro", "Mini"][copy % 4]}` },
    });
  }
  let t = performance.now();
  warmUp();
  const warmUpMs = performance.now() - t;
  t = performance.now();
  const index = buildIndex(products, answers as unknown as Answer[]);
  const buildMs = performance.now() - t;
  const allowed: Locale[] = ["en", "ar", "zh", "tl", "id"];
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [locale, text] of MESSAGES) {
      const s = performance.now();
      understand(text, { index, locale, allowed, fallback: "en" });
      samples.push(performance.now() - s);
    }
  }
  samples.sort((a, b) => a - b);
  return {
    products: products.length,
    buildMs,
    warmUpMs,
    perMessageMs: {
      n: samples.length,
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
      max: samples.at(-1) ?? 0,
    },
  };
}
