/** The report's turns part: latency, CPU, DynamoDB and Graph requests and the price per kind of turn. */
import type { ChannelId } from "../../lib/channels/types";
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
import type { BenchResults } from "./report";
import { CHANNELS, KINDS, memoryOf, n2, PHASE_OF, type Section, usd, x } from "./reportFormat";
import type { PhaseResult } from "./session";
import { ms } from "./stats";

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

export function turnSections(r: BenchResults): Section[] {
  const out: Section[] = [];
  const fns = r.functions;
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
  return out;
}
