/**
 * Understanding speed: `understand` (lib/nlu) over a catalogue, for short shopper messages in the five
 * locales: the index build and p50/p99/max per message over several rounds. `warmUp` (the static model, a
 * cold-start cost) is timed by the caller once per process.
 */
import answers from "../../lib/catalog/demo/answers.json";
import type { Answer, Product } from "../../lib/catalog/types";
import type { Locale } from "../../lib/i18n";
import { buildIndex, understand } from "../../lib/nlu";
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
  perMessageMs: { n: number; p50: number; p99: number; max: number };
  /** CPU time of this process per message: what the machine's other tenants cannot inflate */
  perMessageCpuMs: { p50: number; p99: number };
  /** heap growth of this process while the index was built and used (a rough size of the index) */
  heapDeltaMb: number;
}

export function benchNlu(products: Product[], rounds: number): NluFigures {
  const heap0 = process.memoryUsage().heapUsed;
  let t = performance.now();
  const index = buildIndex(products, answers as unknown as Answer[]);
  const buildMs = performance.now() - t;
  const allowed: Locale[] = ["en", "ar", "zh", "tl", "id"];
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [locale, text] of MESSAGES) {
      const c = process.cpuUsage();
      t = performance.now();
      understand(text, { index, locale, allowed, fallback: "en" });
      samples.push(performance.now() - t);
      const u = process.cpuUsage(c);
      cpu.push((u.user + u.system) / 1000);
    }
  }
  const heapDeltaMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  samples.sort((a, b) => a - b);
  return {
    products: products.length,
    buildMs,
    perMessageMs: {
      n: samples.length,
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
      max: samples.at(-1) ?? 0,
    },
    perMessageCpuMs: { p50: percentile(cpu, 50), p99: percentile(cpu, 99) },
    heapDeltaMb,
  };
}
