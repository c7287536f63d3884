/**
 * Text turns through the webhook handler, in process: signed Meta deliveries (one message each, a unique
 * `mid`/`wamid` per turn, ~50 shoppers writing in their own language) go to `handleWebhook` one after the
 * other, against DynamoDB Local and the fake Graph API. Latency is the handler's wall time per delivery.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Runtime } from "../../lib/bot/runtime";
import { handleWebhook } from "../../lib/bot/webhook";
import { signBody } from "../../lib/channels/meta/signature";
import type { ChannelId } from "../../lib/channels/types";
import { messengerText, whatsappText } from "../../lib/dev/deliveries";
import type { HttpRequest } from "../../lib/http/request";
import type { FakeGraph, GraphCounts } from "./fakeGraph";
import { type LogTap, tapLogs } from "./logTap";
import { round, type Summary, summarize } from "./stats";

/** DynamoDB commands (one per `send`) and HTTP attempts (retries included) on one client. */
export interface DbCounter {
  snapshot(): { commands: Record<string, number>; total: number; attempts: number };
  reset(): void;
}

export function countDbRequests(client: DynamoDBClient): DbCounter {
  const commands = new Map<string, number>();
  let attempts = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? "unknown").replace(/Command$/, "");
      commands.set(name, (commands.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: "initialize", name: "benchCountCommands", priority: "high" },
  );
  // The deserialize step runs below the retry middleware: once per HTTP attempt.
  client.middlewareStack.add(
    (next) => async (args) => {
      attempts++;
      return next(args);
    },
    { step: "deserialize", name: "benchCountAttempts", priority: "high" },
  );
  return {
    snapshot() {
      const sorted = Object.fromEntries([...commands.entries()].sort((a, b) => b[1] - a[1]));
      return { commands: sorted, total: [...commands.values()].reduce((a, b) => a + b, 0), attempts };
    },
    reset() {
      commands.clear();
      attempts = 0;
    },
  };
}

/**
 * Short shopper messages about the demo shop that the bot answers (prices, variants, merchant answers,
 * thanks), so a turn does the whole work; five locales, one per shopper, so each keeps its language.
 */
const TEXTS: string[][] = [
  ["how much is the linen shirt?", "do you have the classic tee in red M?", "how much is shipping?"],
  ["كم سعر قميص الكتان؟", "هل يوجد تيشيرت كلاسيكي أحمر؟", "شكرا جزيلا"],
  ["亚麻衬衫多少钱", "经典T恤有红色的吗", "谢谢"],
  ["magkano po yung linen na polo?", "meron pa ba kayong classic tee na pula?", "salamat po"],
  ["berapa harga kemeja linen?", "kaos klasik merah ukuran M ada?", "terima kasih ya"],
];

export interface DeliveryOptions {
  appSecret: string;
  messengerPageId: string;
  whatsappPhoneNumberId: string;
  shoppers: number;
}

/** Delivery number `i` of a channel, as the HttpRequest the Lambda handler would build from it. */
export function delivery(channel: ChannelId, i: number, o: DeliveryOptions): HttpRequest {
  const shopper = i % o.shoppers;
  const texts = TEXTS[shopper % TEXTS.length] as string[];
  const text = texts[Math.floor(i / o.shoppers) % texts.length] as string;
  const now = Date.now();
  const body =
    channel === "messenger"
      ? messengerText({
          psid: `7${String(shopper).padStart(15, "0")}`,
          text,
          mid: `m_bench.${process.pid}.${i}`,
          pageId: o.messengerPageId,
          at: now,
        })
      : whatsappText({
          waId: `6590${String(shopper).padStart(7, "0")}`,
          text,
          wamid: `wamid.bench.${process.pid}.${i}`,
          name: `Shopper ${shopper}`,
          phoneNumberId: o.whatsappPhoneNumberId,
          at: now,
        });
  return signed(channel, body, o.appSecret);
}

/** A delivery body as the signed HttpRequest the Lambda handler would build from Meta's POST. */
export function signed(channel: ChannelId, body: unknown, appSecret: string): HttpRequest {
  // Meta escapes non-ASCII as \uXXXX; JSON.stringify does not, which is fine: the signature covers the bytes.
  const rawBody = Buffer.from(JSON.stringify(body), "utf8");
  return {
    method: "POST",
    path: `/webhooks/${channel}`,
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signBody(rawBody, appSecret),
      "user-agent": "facebookexternalua",
    },
    query: {},
    pathParams: {},
    rawBody,
  };
}

export interface PhaseResult {
  latencyMs: Summary;
  non200: number;
  /** warn/error lines the code logged (a failed turn is still acknowledged with 200) */
  warnOrErrorLogs: number;
  db: { perTurn: number; attemptsPerTurn: number; byCommand: Record<string, number> };
  graph: { perTurn: number; messagesPerTurn: number; readReceiptsPerTurn: number; other: number };
}

/** What one channel's deliveries of a phase cost; counters are read around each delivery, outside the clock. */
export class Tally {
  readonly samples: number[] = [];
  non200 = 0;
  logged = 0;
  private readonly commands = new Map<string, number>();
  private attempts = 0;
  private readonly graph: GraphCounts = { messages: 0, readReceipts: 0, other: 0 };

  add(
    latency: number,
    status: number,
    logged: number,
    db: ReturnType<DbCounter["snapshot"]>,
    graph: GraphCounts,
  ): void {
    this.samples.push(latency);
    if (status !== 200) this.non200++;
    this.logged += logged;
    for (const [k, v] of Object.entries(db.commands)) this.commands.set(k, (this.commands.get(k) ?? 0) + v);
    this.attempts += db.attempts;
    this.graph.messages += graph.messages;
    this.graph.readReceipts += graph.readReceipts;
    this.graph.other += graph.other;
  }

  result(): PhaseResult {
    const n = Math.max(1, this.samples.length);
    const total = [...this.commands.values()].reduce((a, b) => a + b, 0);
    const g = this.graph;
    return {
      latencyMs: summarize(this.samples),
      non200: this.non200,
      warnOrErrorLogs: this.logged,
      db: {
        perTurn: round(total / n),
        attemptsPerTurn: round(this.attempts / n),
        byCommand: Object.fromEntries(
          [...this.commands.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v / n)]),
        ),
      },
      graph: {
        perTurn: round((g.messages + g.readReceipts + g.other) / n),
        messagesPerTurn: round(g.messages / n),
        readReceiptsPerTurn: round(g.readReceipts / n),
        other: g.other,
      },
    };
  }
}

/**
 * Sends round `r` of every channel, then round `r + 1`, and so on: interleaving the channels keeps drift
 * (DynamoDB Local's JIT warming up, other work on the machine) from landing on one channel only.
 */
async function runPhase(
  rounds: Array<Array<[ChannelId, HttpRequest]>>,
  rt: Runtime,
  graph: FakeGraph,
  db: DbCounter,
  logs: LogTap,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<{ tallies: Map<ChannelId, Tally>; rounds: number; wallSeconds: number }> {
  const tallies = new Map<ChannelId, Tally>();
  const started = performance.now();
  let done = 0;
  for (const batch of rounds) {
    for (const [channel, req] of batch) {
      graph.reset();
      db.reset();
      logs.take();
      const t0 = performance.now();
      const res = await handleWebhook(channel, req, rt);
      const latency = performance.now() - t0;
      const tally = tallies.get(channel) ?? new Tally();
      tallies.set(channel, tally);
      tally.add(latency, res.statusCode, logs.take(), db.snapshot(), { ...graph.counts });
    }
    done++;
    if (performance.now() - started > budgetMs) break;
  }
  return { tallies, rounds: done, wallSeconds: (performance.now() - started) / 1000 };
}

export interface TurnsResult {
  warmupPerChannel: number;
  wallSeconds: { turns: number; redeliveries: number };
  /** distinct warn/error lines logged during warm-up, turns and redeliveries */
  logged: Array<{ line: string; count: number }>;
  channels: Record<ChannelId, { turns: PhaseResult; redeliveries: PhaseResult }>;
}

export async function benchTurns(
  channels: ChannelId[],
  rt: Runtime,
  graph: FakeGraph,
  db: DbCounter,
  o: DeliveryOptions & { warmup: number; turns: number; redeliveries: number; budgetMs: number },
): Promise<TurnsResult> {
  const rounds = (from: number, count: number) =>
    Array.from({ length: count }, (_, k) =>
      channels.map((c) => [c, delivery(c, from + k, o)] as [ChannelId, HttpRequest]),
    );
  const logs = tapLogs();
  try {
    await runPhase(rounds(0, o.warmup), rt, graph, db, logs);
    const measured = rounds(o.warmup, o.turns);
    const turns = await runPhase(measured, rt, graph, db, logs, o.budgetMs);
    // Redeliveries: the same bytes and signature again, spread over the rounds that did run.
    const step = Math.max(1, Math.floor(turns.rounds / o.redeliveries));
    const again = Array.from(
      { length: Math.min(o.redeliveries, turns.rounds) },
      (_, k) => measured[k * step] as Array<[ChannelId, HttpRequest]>,
    );
    const redeliveries = await runPhase(again, rt, graph, db, logs);
    return summarizeTurns(channels, o.warmup, turns, redeliveries, logs.distinct());
  } finally {
    logs.stop();
  }
}

function summarizeTurns(
  channels: ChannelId[],
  warmup: number,
  turns: Awaited<ReturnType<typeof runPhase>>,
  redeliveries: Awaited<ReturnType<typeof runPhase>>,
  logged: TurnsResult["logged"],
): TurnsResult {
  const result = (t: Tally | undefined) => (t ?? new Tally()).result();
  return {
    warmupPerChannel: warmup,
    wallSeconds: { turns: round(turns.wallSeconds, 1), redeliveries: round(redeliveries.wallSeconds, 1) },
    logged,
    channels: Object.fromEntries(
      channels.map((c) => [
        c,
        { turns: result(turns.tallies.get(c)), redeliveries: result(redeliveries.tallies.get(c)) },
      ]),
    ) as TurnsResult["channels"],
  };
}
