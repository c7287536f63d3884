/**
 * How the bench's sections are shown: as plain tables on the terminal, and as docs/benchmarks.md (with the
 * unit prices the figures use).
 */
import { PRICES, PRICES_READ_ON, REGION } from "./prices";
import type { BenchResults, Section } from "./report";
import { table } from "./stats";

export function printSections(list: Section[], log: (line: string) => void): void {
  for (const s of list) {
    log(`\n${s.title}\n`);
    if (s.headers && s.rows) log(table(s.headers, s.rows));
    if (s.notes.length > 0) {
      if (s.headers) log("");
      for (const note of s.notes) log(note);
    }
  }
}

const stamp = (m: { at: string; revision?: string } | undefined) =>
  m ? `${m.at}${m.revision ? ` (${m.revision})` : ""}` : "(date not recorded)";

const mdCell = (s: string) => s.replace(/\|/g, "\\|");

export function markdown(r: BenchResults, list: Section[]): string {
  const lines: string[] = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (scripts/bench.ts); do not edit by hand. The machine is small and shared: compare",
    "ratios measured in one run (every Chatcart figure stands next to the floor's), not absolutes between runs.",
    "",
    `${String(r.machine.cores)} × ${String(r.machine.cpu)}, node ${String(r.machine.node)}. Measured: ` +
      `${r.parts.map((p) => `${p} ${r.partsRunAt?.[p]?.at ?? r.generatedAt}${r.partsRunAt?.[p]?.revision ? ` (${r.partsRunAt[p]?.revision})` : ""}`).join("; ")}.`,
    `Scale, by size: ${(r.scale ?? []).map((s) => `${s.products.toLocaleString("en")} ${stamp(s.measured)}`).join("; ")}. ` +
      "The 50,000-product figures come from `npm run bench -- --only=scale --sizes=50000` (merged into this file by size).",
    "",
    "## Unit prices",
    "",
    `${REGION}, on demand, no free tier, USD, read on ${PRICES_READ_ON} (scripts/bench/prices.ts).`,
    "",
    "| item | price | source | checked with |",
    "| --- | --- | --- | --- |",
    ...Object.values(PRICES).map(
      (p) =>
        `| ${mdCell(p.per)} | ${mdCell(p.note)} | ${p.source} | ${mdCell("checkedWith" in p ? p.checkedWith : "")} |`,
    ),
    "",
  ];
  for (const s of list) {
    lines.push(`## ${s.title}`, "");
    if (s.headers && s.rows) {
      lines.push(`| ${s.headers.map(mdCell).join(" | ")} |`);
      lines.push(`| ${s.headers.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`);
      for (const row of s.rows) lines.push(`| ${row.map(mdCell).join(" | ")} |`);
      lines.push("");
    }
    for (const note of s.notes) lines.push(`- ${note}`);
    if (s.notes.length > 0) lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
