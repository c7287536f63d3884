/** The report's cold-start part: bundles, module init and the first call, next to the floor's. */
import type { BenchResults } from "./report";
import { type Section, x } from "./reportFormat";
import { kib, ms } from "./stats";

export function coldSections(r: BenchResults): Section[] {
  const out: Section[] = [];
  const fns = r.functions;
  if (fns) {
    const floor = fns.find((f) => f.name === "floor");
    out.push({
      title: "Lambda bundles and cold start",
      headers: [
        "function",
        "memory",
        "bundle",
        "gzip",
        "× floor",
        "init p50",
        "init min–max",
        "init CPU",
        "× floor",
        "1st call p50",
        "× floor",
        "RSS",
      ],
      rows: fns.map((f) => {
        const compare = floor && (f.name.startsWith("webhook") || f.name === "floor");
        return [
          f.name,
          f.memoryMb ? `${f.memoryMb} MB` : "–",
          kib(f.bundleBytes),
          kib(f.gzipBytes),
          compare ? x(f.bundleBytes, floor.bundleBytes) : "",
          `${ms(f.initMs.median)} ms`,
          `${ms(f.initMs.min)}–${ms(f.initMs.max)} ms`,
          `${ms(f.initCpuMs)} ms`,
          compare ? x(f.initMs.median, floor.initMs.median) : "",
          `${ms(f.firstCallMs.median)} ms`,
          compare ? x(f.firstCallMs.median, floor.firstCallMs.median) : "",
          `${Math.round(f.rssMb)} MB`,
        ];
      }),
      notes: [
        "init: the dynamic import() of the bundle in a fresh node process, timed inside it (node's own start not included); " +
          "median of the samples, the webhooks and the floor interleaved round by round. 1st call: a GET verification " +
          "handshake (webhooks, floor: builds the runtime lazily). RSS: the child after the first call.",
        "floor: scripts/bench/floorLambda.ts (HMAC + one GetItem + one PutItem with the document client + one fetch), " +
          "the same esbuild options as serverless.yml.",
        ...fns
          .filter((f) => f.connects.init > 0)
          .map((f) => `! ${f.name}: ${f.connects.init} TCP connect(s) during init`),
      ],
    });
  }
  return out;
}
