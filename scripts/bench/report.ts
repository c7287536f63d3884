/**
 * The bench's results as sections (a title, a table, notes), printed as plain-text tables and written as
 * Markdown to docs/benchmarks.md. Every figure of Chatcart's stands next to the floor's, as a ratio.
 */
import type { ChannelId } from "../../lib/channels/types";
import type { CommerceResult } from "./commerce";
import {
  costPer1000,
  durationAt,
  LAMBDA_CPU_SOURCE,
  LAMBDA_MB_PER_VCPU,
  PRICES,
  PRICES_READ_ON,
  REGION,
  type TurnCost,
  waitCostPer100ms,
} from "./prices";
import type { ScaleFigures } from "./scale";
import type { PhaseResult } from "./session";
import { kib, ms } from "./stats";
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

export interface Section {
  title: string;
  headers?: string[];
  rows?: string[][];
  notes: string[];
}

export const KINDS = ["question", "redelivery", "add (tap)", "add (text)", "checkout step", "order"] as const;
const PHASE_OF: Record<(typeof KINDS)[number], string> = {
  question: "questions",
  redelivery: "redeliveries",
  "add (tap)": "adds",
  "add (text)": "adds",
  "checkout step": "checkouts",
  order: "checkouts",
};
const WEBHOOK_OF: Record<ChannelId, string> = {
  messenger: "webhookMessenger",
  whatsapp: "webhookWhatsapp",
  instagram: "webhookInstagram",
};
const CHANNELS: ChannelId[] = ["messenger", "whatsapp"];

const x = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `×${(a / b).toFixed(1)}` : "–");
const usd = (v: number) => `$${v.toFixed(5)}`;
const n2 = (v: number) => v.toFixed(2);

function memoryOf(r: BenchResults, channel: ChannelId): number {
  return r.functions?.find((f) => f.name === WEBHOOK_OF[channel])?.memoryMb ?? 1024;
}

export interface KindCost {
  key: string;
  kind: string;
  channel: ChannelId | "floor";
  p: PhaseResult;
  memoryMb: number;
  cost: TurnCost;
}

/** Price per 1,000 turns of every measured kind and channel, and of the floor (at the webhook's memory). */
export function kindCosts(r: BenchResults): KindCost[] {
  const out: KindCost[] = [];
  const kinds = r.kinds ?? {};
  for (const kind of KINDS) {
    for (const channel of CHANNELS) {
      const p = kinds[`${channel}:${kind}`];
      if (!p || p.latencyMs.n === 0) continue;
      const memoryMb = memoryOf(r, channel);
      const cost = costPer1000({
        readUnits: p.capacity.read,
        writeUnits: p.capacity.write,
        lambdaMs: p.billedMs,
        memoryMb,
      });
      out.push({ key: `${channel}:${kind}`, kind, channel, p, memoryMb, cost });
    }
  }
  const floor = kinds["floor:all"];
  if (floor && floor.latencyMs.n > 0) {
    const memoryMb = memoryOf(r, "whatsapp");
    out.push({
      key: "floor:all",
      kind: "floor turn",
      channel: "floor",
      p: floor,
      memoryMb,
      cost: costPer1000({
        readUnits: floor.capacity.read,
        writeUnits: floor.capacity.write,
        lambdaMs: floor.billedMs,
        memoryMb,
      }),
    });
  }
  return out;
}

/** The question turn's price target of issue #10. */
export const QUESTION_TARGET_USD = 0.003;

export function sections(r: BenchResults): Section[] {
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
  if (r.staticModelMs !== undefined) {
    out.push({
      title: "NLU static model",
      notes: [`warmUp() in this process (built at cold start by createRuntime): ${ms(r.staticModelMs)} ms.`],
    });
  }
  const kinds = r.kinds;
  if (kinds) {
    const rows: string[][] = [];
    for (const kind of KINDS) {
      for (const channel of CHANNELS) {
        const p = kinds[`${channel}:${kind}`];
        if (!p || p.latencyMs.n === 0) continue;
        const f = kinds[`floor:${PHASE_OF[kind]}`];
        rows.push([
          `${channel} ${kind}`,
          String(p.latencyMs.n),
          ms(p.latencyMs.p50),
          ms(p.latencyMs.p99),
          ms(p.latencyMs.max),
          f ? `${x(p.latencyMs.p50, f.latencyMs.p50)} / ${x(p.latencyMs.p99, f.latencyMs.p99)}` : "–",
          ms(p.cpuMs.mean),
          n2(p.db.perTurn),
          n2(p.capacity.read),
          n2(p.capacity.write),
          n2(p.graph.perTurn),
          String(p.non200),
          String(p.warnOrErrorLogs),
        ]);
      }
    }
    for (const phase of ["questions", "redeliveries", "adds", "checkouts"]) {
      const f = kinds[`floor:${phase}`];
      if (!f) continue;
      rows.push([
        `floor (during ${phase})`,
        String(f.latencyMs.n),
        ms(f.latencyMs.p50),
        ms(f.latencyMs.p99),
        ms(f.latencyMs.max),
        "×1.0 / ×1.0",
        ms(f.cpuMs.mean),
        n2(f.db.perTurn),
        n2(f.capacity.read),
        n2(f.capacity.write),
        n2(f.graph.perTurn),
        String(f.non200),
        String(f.warnOrErrorLogs),
      ]);
    }
    const tx = Object.values(kinds).reduce(
      (a, p) => ({
        local: a.local + p.capacity.localReportedTransactions * p.latencyMs.n,
        computed: a.computed + (p.capacity.byCommand.TransactWriteItems ?? 0) * p.latencyMs.n,
      }),
      { local: 0, computed: 0 },
    );
    out.push({
      title: "Turns per kind, in process, one at a time, each followed by a floor turn on the same channel",
      headers: [
        "deliveries",
        "n",
        "p50 ms",
        "p99 ms",
        "max ms",
        "p50 / p99 × floor",
        "CPU ms",
        "DDB req",
        "RRU",
        "WRU",
        "Graph req",
        "non-200",
        "warn/error",
      ],
      rows,
      notes: [
        "handleWebhook (lib/bot/webhook.ts) on createRuntime(parseConfig(env)) against DynamoDB Local and a fake Graph API " +
          "that answers at once (Meta's round trip is not in these figures). × floor: against the floor turns of the same phase.",
        "DDB req: DynamoDB commands per delivery, counted by a middleware on the client. RRU/WRU: request units per " +
          "delivery from ReturnConsumedCapacity=TOTAL on every command, as DynamoDB Local reports them for single-item, " +
          "batch and query commands; TransactWriteItems (2 write units per KB written, 2 read units per 4 KB checked) " +
          "and failed conditional writes (1 unit per KB, billed by AWS, not reported) computed from item sizes " +
          `(over the whole run DynamoDB Local reported ${Math.round(tx.local)} units for the transactions, the rules give ${Math.round(tx.computed)}).`,
        "CPU ms: CPU time of the bench process during the call (the handler, the SDK, the in-process fake Graph API; " +
          "DynamoDB Local runs in its own JVM).",
      ],
    });

    const commands = [...new Set(Object.values(kinds).flatMap((p) => Object.keys(p.db.byCommand)))];
    const cmdRows: string[][] = [];
    for (const kind of KINDS) {
      for (const channel of CHANNELS) {
        const p = kinds[`${channel}:${kind}`];
        if (!p || p.latencyMs.n === 0) continue;
        cmdRows.push([
          `${channel} ${kind}`,
          ...commands.map((c) => n2(p.db.byCommand[c] ?? 0)),
          n2(p.db.perTurn),
        ]);
      }
    }
    const fa = kinds["floor:all"];
    if (fa) cmdRows.push(["floor", ...commands.map((c) => n2(fa.db.byCommand[c] ?? 0)), n2(fa.db.perTurn)]);
    out.push({
      title: "DynamoDB requests per delivery, by command",
      headers: ["deliveries", ...commands, "total"],
      rows: cmdRows,
      notes: [],
    });

    const costs = kindCosts(r);
    const floorCost = costs.find((c) => c.channel === "floor");
    out.push({
      title: `Price per 1,000 turns (${REGION}, on demand, prices of ${PRICES_READ_ON})`,
      headers: [
        "deliveries",
        "RRU",
        "WRU",
        "billed ms",
        "memory",
        "DynamoDB",
        "Lambda",
        "HTTP API",
        "total",
        "× floor",
      ],
      rows: costs.map((c) => [
        c.channel === "floor" ? "floor" : `${c.channel} ${c.kind}`,
        n2(c.p.capacity.read),
        n2(c.p.capacity.write),
        ms(c.p.billedMs),
        `${c.memoryMb} MB`,
        usd(c.cost.dynamo),
        usd(c.cost.lambda),
        usd(c.cost.httpApi),
        usd(c.cost.total),
        floorCost ? x(c.cost.total, floorCost.cost.total) : "–",
      ]),
      notes: [
        `DynamoDB: RRU × $${(PRICES.dynamoReadRequestUnit.usd * 1e6).toFixed(3)}/M + WRU × $${(PRICES.dynamoWriteRequestUnit.usd * 1e6).toFixed(3)}/M. ` +
          `Lambda: memory (deploy/functions.cjs) × the measured duration here, each call rounded up to 1 ms, × $${PRICES.lambdaArmGbSecond.usd}/GB-s (arm64) + $0.20/M requests. ` +
          "HTTP API: $1.00/M requests. Cold starts (INIT is billed since 2025-08-01) and Meta's round trips are not included.",
        `Every 100 ms a turn waits (e.g. on the Graph API, ~1.6–2.9 sends a turn here) adds ${usd(waitCostPer100ms(1024))} per 1,000 turns at 1024 MB, ${usd(waitCostPer100ms(512))} at 512 MB.`,
        ...CHANNELS.map((channel) => {
          const q = costs.find((c) => c.channel === channel && c.kind === "question");
          if (!q) return "";
          const met = q.cost.total <= QUESTION_TARGET_USD;
          return `Target (issue #10): a question turn ≤ $${QUESTION_TARGET_USD} per 1,000 turns: ${channel} ${usd(q.cost.total)} — ${met ? "met" : "NOT met"}.`;
        }).filter(Boolean),
      ],
    });

    // Memory: the CPU part of a turn scales with the CPU share Lambda gives, the waiting does not.
    const memRows: string[][] = [];
    const mems = [512, 1024, LAMBDA_MB_PER_VCPU];
    for (const c of costs) {
      const wall = c.p.latencyMs.mean;
      const cpu = c.p.cpuMs.mean;
      memRows.push([
        c.channel === "floor" ? "floor" : `${c.channel} ${c.kind}`,
        ms(wall),
        ms(cpu),
        ...mems.flatMap((m) => {
          const d = durationAt(m, wall, cpu);
          const cost = costPer1000({
            readUnits: c.p.capacity.read,
            writeUnits: c.p.capacity.write,
            lambdaMs: Math.ceil(d),
            memoryMb: m,
          });
          return [ms(d), usd(cost.total)];
        }),
      ]);
    }
    for (const f of fns ?? []) {
      if (!f.name.startsWith("webhook") && f.name !== "floor") continue;
      const wall = f.initMs.median + f.firstCallMs.median;
      const cpu = f.initCpuMs + f.firstCallCpuMs;
      memRows.push([
        `${f.name} cold start (init + 1st call)`,
        ms(wall),
        ms(cpu),
        ...mems.flatMap((m) => [ms(durationAt(m, wall, cpu)), ""]),
      ]);
    }
    for (const sc of r.scale ?? []) {
      if (sc.coldCpuMs === undefined) continue;
      // the cold first reply without DynamoDB Local's wait: import + first call, CPU time of the child
      const wall = sc.firstReplyWithoutDbMs;
      const cpu = sc.coldCpuMs;
      memRows.push([
        `cold first reply, ${sc.products.toLocaleString("en")} products (without DynamoDB Local's wait)`,
        ms(wall),
        ms(cpu),
        ...mems.flatMap((m) => [ms(durationAt(m, wall, cpu)), ""]),
      ]);
    }
    out.push({
      title:
        "Memory: a turn's duration and price at 512, 1024 and 1769 MB, modelled from the measured CPU time",
      headers: [
        "deliveries",
        "wall ms here",
        "CPU ms here",
        ...mems.flatMap((m) => [`${m} MB ms`, `${m} MB $/1k`]),
      ],
      rows: memRows,
      notes: [
        `Lambda gives a function CPU in proportion to its memory, one vCPU at ${LAMBDA_MB_PER_VCPU} MB (${LAMBDA_CPU_SOURCE}); ` +
          "a turn runs on one thread. Modelled duration = (wall − CPU) + CPU × 1769 / memory (capped at one vCPU), " +
          "assuming one core here runs the code as fast as one Graviton vCPU. The waiting part (DynamoDB, Graph API) does " +
          "not shrink with memory, so on AWS, where each request waits milliseconds instead of the loopback's fractions, " +
          "the CPU share of a turn, and with it the benefit of more memory, is smaller than here.",
      ],
    });

    if (r.commerce) {
      out.push({
        title: "Checks",
        notes: CHANNELS.flatMap((ch) => {
          const c = r.commerce?.checks[ch];
          if (!c) return [];
          const lines = [
            `${ch}: "Added" replies ${c.added.tap}/${c.added.of.tap} taps, ${c.added.text}/${c.added.of.text} texts; ` +
              `checkout summaries with a Confirm button ${c.summaries}; orders: ${c.repliesWithOrderId} replies with an order id, ` +
              `${c.ordersListed} listed, of ${c.confirmations} confirmations (${c.lines.min}–${c.lines.max} lines, mean ${c.lines.mean})`,
          ];
          if (c.noSummary) lines.push(`! ${ch}: an address was not answered with a summary: ${c.noSummary}`);
          return lines;
        }),
      });
    }
  }
  if (r.logged && r.logged.length > 0) {
    out.push({
      title: "warn/error lines logged during the turns (warm-up included), by count",
      notes: r.logged.slice(0, 8).map(({ line, count }) => `${count} × ${line}`),
    });
  }
  if (r.scale) {
    const targets = { firstReplyMs: 1500, nluP99Ms: 5, rssMb: 300 };
    const met = (ok: boolean) => (ok ? "met" : "NOT met");
    out.push({
      title: "Scale: a shop with many products (WhatsApp webhook bundle, fresh processes)",
      headers: [
        "products",
        "written in",
        "cold runs",
        "first reply (cold)",
        "× floor",
        "DynamoDB Local wait",
        "without it",
        "node boot",
        "init",
        "RSS",
        "index build",
        "NLU p50",
        "NLU p99",
        "NLU p99 CPU",
        "replies",
      ],
      rows: r.scale.map((s) => [
        s.products.toLocaleString("en"),
        `${s.seedSeconds} s`,
        `${s.coldFirstReplyMs.samples.length}${s.failures ? ` (${s.failures} failed)` : ""}`,
        `${ms(s.coldFirstReplyMs.median)} ms`,
        x(s.coldFirstReplyMs.median, s.floorFirstReplyMs),
        `${ms(s.firstCallDb.ms)} ms, ${s.firstCallDb.requests} req, ${s.firstCallDb.mb} MB`,
        `${ms(s.firstReplyWithoutDbMs)} ms`,
        `${ms(s.bootMs)} ms`,
        `${ms(s.initMs)} ms`,
        `${s.rssMb.median} MB`,
        `${ms(s.nlu.buildMs)} ms`,
        `${ms(s.nlu.perMessageMs.p50)} ms`,
        `${ms(s.nlu.perMessageMs.p99)} ms`,
        s.nlu.perMessageCpuMs ? `${ms(s.nlu.perMessageCpuMs.p99)} ms` : "–",
        n2(s.repliesPerColdStart),
      ]),
      notes: [
        "first reply (cold): from the import() of the bundle to the handler's return, for one signed WhatsApp question from " +
          "a new shopper (runtime, config, NLU static model, the catalogue read from DynamoDB, the index, the turn); node's own " +
          "boot apart. × floor: the floor bundle answering the same event in its own fresh processes. DynamoDB Local wait: " +
          "the time the child had a DynamoDB request in flight during that call, the requests and the MB they returned " +
          `(DynamoDB Local serves its Query pages at ${rates(r.scale)} here, DynamoDB far faster), so 'without it' is the ` +
          "compute part, a lower bound for AWS. replies: messages the fake Graph API got per cold start (0: the reply " +
          "missed the 2 s send budget and went to the outbox).",
        "index build and NLU p50/p99: buildIndex and understand (lib/nlu) in the bench process, messages in five locales; " +
          "NLU p99 CPU: the same calls in CPU time of this process, which the machine's other tenants cannot inflate.",
        ...r.scale
          .filter((s) => s.failure)
          .map((s) => `! ${s.products} products: a cold start failed: ${s.failure}`),
        ...r.scale
          .filter((s) => !s.failure && s.repliesPerColdStart === 0)
          .map(
            (s) =>
              `! ${s.products.toLocaleString("en")} products: no reply reached the Graph API during the first call: the catalogue ` +
              "load took the 2 s send budget and the replies went to the outbox (sent by the next outbox run).",
          ),
        ...r.scale
          .filter((s) => s.products === 10_000)
          .map(
            (s) =>
              `Targets at 10,000 products (issue #10): first reply ≤ ${targets.firstReplyMs} ms: ${ms(s.coldFirstReplyMs.median)} ms ` +
              `measured on DynamoDB Local (${met(s.coldFirstReplyMs.median <= targets.firstReplyMs)}), ` +
              `${ms(s.firstReplyWithoutDbMs)} ms without its wait (${met(s.firstReplyWithoutDbMs <= targets.firstReplyMs)}); ` +
              `NLU p99 ≤ ${targets.nluP99Ms} ms: ${ms(s.nlu.perMessageMs.p99)} ms wall (${met(s.nlu.perMessageMs.p99 <= targets.nluP99Ms)}), ` +
              `${ms(s.nlu.perMessageCpuMs?.p99)} ms CPU (${met((s.nlu.perMessageCpuMs?.p99 ?? Number.POSITIVE_INFINITY) <= targets.nluP99Ms)}); ` +
              `RSS ≤ ${targets.rssMb} MB: ${s.rssMb.median} MB (${met(s.rssMb.median <= targets.rssMb)}).`,
          ),
      ],
    });
  }
  const t = targets(r);
  if (t) out.push(t);
  return out;
}

/** MB per second DynamoDB Local served during the scale cold starts, e.g. "0.6–2.8 MB/s". */
function rates(scale: ScaleFigures[]): string {
  const r = scale
    .filter((s) => s.firstCallDb.mb >= 1 && s.firstCallDb.ms > 0)
    .map((s) => s.firstCallDb.mb / (s.firstCallDb.ms / 1000));
  if (r.length === 0) return "a few MB/s at most";
  const [lo, hi] = [Math.min(...r).toFixed(1), Math.max(...r).toFixed(1)];
  return lo === hi ? `${lo} MB/s` : `${lo}–${hi} MB/s`;
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
