/**
 * The bench's results as sections (a title, a table, notes), printed as plain-text tables and written as
 * Markdown to docs/benchmarks.md. Every figure of Chatcart's stands next to the floor's, as a ratio.
 * The parts: reportCold.ts, reportTurns.ts, reportScale.ts; what they share: reportFormat.ts.
 */
import type { CommerceResult } from "./commerce";
import { coldSections } from "./reportCold";
import { CHANNELS, type KINDS, n2, PHASE_OF, type Section, usd } from "./reportFormat";
import { scaleSections } from "./reportScale";
import { kindCosts, QUESTION_TARGET_USD, turnSections } from "./reportTurns";
import type { ScaleFigures } from "./scale";
import type { PhaseResult } from "./session";
import type { QuestionsResult } from "./turns";

export interface FunctionFigures {
  name: string;
  entry: string;
  memoryMb?: number;
  bundleBytes: number;
  gzipBytes: number;
  buildMs: number;
  initMs: { median: number; min: number; max: number; samples: number[] };
  initCpuMs: number;
  firstCallMs: { median: number; status: number | null | undefined; samples: number[] };
  firstCallCpuMs: number;
  rssMb: number;
  /** TCP connects during init (should be 0) and during the first call */
  connects: { init: number; firstCall: number };
  largestContributors: Array<{ source: string; bytes: number }>;
}

export interface BenchResults {
  generatedAt: string;
  revision?: string;
  machine: Record<string, unknown>;
  parts: string[];
  /** when and at which revision each part's figures were measured (a partial run keeps the others) */
  partsRunAt?: Record<string, { at: string; revision?: string }>;
  settings: Record<string, unknown>;
  functions?: FunctionFigures[];
  /** warmUp() of the NLU in this process (the static model: a cold-start cost) */
  staticModelMs?: number;
  kinds?: Record<string, PhaseResult>;
  questions?: QuestionsResult;
  commerce?: CommerceResult;
  logged?: Array<{ line: string; count: number }>;
  scale?: ScaleFigures[];
  totalSeconds?: number;
}

/** The fields each part of the bench fills. */
const PART_FIELDS: Record<string, Array<keyof BenchResults>> = {
  cold: ["functions"],
  turns: ["staticModelMs", "kinds", "questions", "commerce", "logged"],
  scale: ["scale"],
};

/**
 * This run's results over the previous run's: the parts that ran replace theirs, the others are kept with the
 * date they were measured; scale figures are merged by catalogue size.
 */
export function mergeResults(previous: BenchResults | undefined, now: BenchResults): BenchResults {
  const stamp = { at: now.generatedAt, revision: now.revision };
  const partsRunAt = { ...(previous?.partsRunAt ?? {}) };
  for (const part of now.parts) partsRunAt[part] = stamp;
  const out: BenchResults = { ...now, partsRunAt };
  if (!previous) return out;
  const record = out as unknown as Record<string, unknown>;
  for (const [part, fields] of Object.entries(PART_FIELDS)) {
    if (now.parts.includes(part)) continue;
    for (const f of fields) if (previous[f] !== undefined) record[f] = previous[f];
  }
  if (now.scale && previous.scale) {
    const sizes = new Set(now.scale.map((s) => s.products));
    out.scale = [...previous.scale.filter((s) => !sizes.has(s.products)), ...now.scale].sort(
      (a, b) => a.products - b.products,
    );
  }
  out.parts = Object.keys(partsRunAt).filter(
    (p) => PART_FIELDS[p] && out[PART_FIELDS[p][0] as keyof BenchResults],
  );
  return out;
}

export type { Section } from "./reportFormat";
export { KINDS } from "./reportFormat";
export { type KindCost, kindCosts, QUESTION_TARGET_USD } from "./reportTurns";

export function sections(r: BenchResults): Section[] {
  const t = targets(r);
  return [...coldSections(r), ...turnSections(r), ...scaleSections(r), ...(t ? [t] : [])];
}

/** Every target of issue #10 the bench can judge, met or not, in one list. */
export function targets(r: BenchResults): Section | undefined {
  const lines: string[] = [];
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  const kinds = r.kinds ?? {};
  const perChannel = (kind: string, f: (p: PhaseResult, floor: PhaseResult | undefined) => string) =>
    CHANNELS.map((c) => {
      const p = kinds[`${c}:${kind}`];
      return p ? `${c} ${f(p, kinds[`floor:${PHASE_OF[kind as (typeof KINDS)[number]]}`])}` : undefined;
    })
      .filter(Boolean)
      .join(", ");
  if (r.kinds) {
    const req = (kind: string, max: number) =>
      `DynamoDB requests, ${kind} ≤ ${max}: ${perChannel(kind, (p) => `${n2(p.db.perTurn)} (${met(p.db.perTurn <= max)})`)}`;
    lines.push(req("question", 3), req("add (tap)", 4), req("add (text)", 4), req("order", 6));
    const ratio = (kind: string, what: "p50" | "p99", max: number) =>
      `${kind} ${what} ≤ ×${max} the floor: ${perChannel(kind, (p, f) => {
        const v = f ? p.latencyMs[what] / f.latencyMs[what] : Number.NaN;
        return `×${v.toFixed(1)} (${met(v <= max)})`;
      })}`;
    lines.push(ratio("question", "p50", 1.5), ratio("question", "p99", 2), ratio("add (tap)", "p50", 2));
    for (const c of kindCosts(r).filter((k) => k.kind === "question")) {
      lines.push(
        `${c.channel} question ≤ $${QUESTION_TARGET_USD} per 1,000 turns: ${usd(c.cost.total)} (${met(c.cost.total <= QUESTION_TARGET_USD)})`,
      );
    }
  }
  const floor = r.functions?.find((f) => f.name === "floor");
  for (const f of r.functions?.filter((f) => f.name.startsWith("webhook")) ?? []) {
    const kb = f.bundleBytes / 1024;
    lines.push(`${f.name} bundle ≤ 1,200 KiB: ${kb.toFixed(0)} KiB (${met(kb <= 1200)})`);
    if (floor) {
      const v = f.initMs.median / floor.initMs.median;
      lines.push(`${f.name} module init ≤ ×1.5 the floor's: ×${v.toFixed(1)} (${met(v <= 1.5)})`);
    }
  }
  if (lines.length === 0) return undefined;
  return { title: "Targets of issue #10", notes: lines };
}
