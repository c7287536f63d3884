/**
 * How one delivery is measured, for Chatcart's handler and for the floor alike: counters are reset before and
 * read after the call, outside the clock; the clock covers only the handler (wall time, and this process's
 * CPU time). A `Session` runs every measured delivery and then one floor turn on the same channel, so each
 * phase has floor figures measured in the same minutes (the machine is shared: ratios, not absolutes).
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { ChannelId } from "../../lib/channels/types";
import { messengerText, whatsappText } from "../../lib/dev/deliveries";
import type { HttpRequest } from "../../lib/http/request";
import type { Capacity, CapacityMeter } from "./capacity";
import type { FakeGraph, GraphCounts } from "./fakeGraph";
import type { LogTap } from "./logTap";
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

/** A webhook handler under measurement, with the meters on its DynamoDB client. */
export interface Target {
  send(channel: ChannelId, req: HttpRequest): Promise<{ statusCode: number }>;
  db: DbCounter;
  capacity: CapacityMeter;
}

export interface Measured {
  latencyMs: number;
  cpuMs: number;
  status: number;
  logged: number;
  db: ReturnType<DbCounter["snapshot"]>;
  capacity: Capacity;
  graph: GraphCounts;
  /** the reply bodies the fake Graph API received, strings unescaped, one per line */
  replies: string;
}

/** The reply bodies with their strings unescaped (Meta's API accepts either). */
const replyText = (graph: FakeGraph) =>
  graph.replies
    .map((raw) => {
      try {
        return JSON.stringify(JSON.parse(raw));
      } catch {
        return raw;
      }
    })
    .join("\n");

export async function measure(
  target: Target,
  channel: ChannelId,
  req: HttpRequest,
  graph: FakeGraph,
  logs: LogTap,
): Promise<Measured> {
  graph.reset();
  target.db.reset();
  target.capacity.reset();
  logs.take();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const res = await target.send(channel, req);
  const latencyMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    latencyMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    status: res.statusCode,
    logged: logs.take(),
    db: target.db.snapshot(),
    capacity: await target.capacity.take(),
    graph: { ...graph.counts },
    replies: replyText(graph),
  };
}

export interface PhaseResult {
  latencyMs: Summary & { mean: number };
  /** mean of the wall times rounded up to 1 ms each, as Lambda bills */
  billedMs: number;
  /** CPU time of this process during the call (the handler's code, the SDK, the fake Graph API) */
  cpuMs: { mean: number; p50: number };
  non200: number;
  /** warn/error lines the code logged (a failed turn is still acknowledged with 200) */
  warnOrErrorLogs: number;
  db: { perTurn: number; attemptsPerTurn: number; byCommand: Record<string, number> };
  /** request units per turn */
  capacity: {
    read: number;
    write: number;
    computedRead: number;
    computedWrite: number;
    localReportedTransactions: number;
    byCommand: Record<string, number>;
  };
  graph: { perTurn: number; messagesPerTurn: number; readReceiptsPerTurn: number; other: number };
}

/** What the deliveries of one kind cost. */
export class Tally {
  readonly samples: number[] = [];
  readonly cpu: number[] = [];
  /** billed Lambda ms: each call rounded up to 1 ms */
  private billedMs = 0;
  non200 = 0;
  logged = 0;
  private readonly commands = new Map<string, number>();
  private attempts = 0;
  private readonly units = { read: 0, write: 0, computedRead: 0, computedWrite: 0, local: 0 };
  private readonly unitsByCommand = new Map<string, number>();
  private readonly graph: GraphCounts = { messages: 0, readReceipts: 0, other: 0 };

  add(m: Measured): void {
    this.samples.push(m.latencyMs);
    this.cpu.push(m.cpuMs);
    this.billedMs += Math.ceil(m.latencyMs);
    if (m.status !== 200) this.non200++;
    this.logged += m.logged;
    for (const [k, v] of Object.entries(m.db.commands)) this.commands.set(k, (this.commands.get(k) ?? 0) + v);
    this.attempts += m.db.attempts;
    this.units.read += m.capacity.read;
    this.units.write += m.capacity.write;
    this.units.computedRead += m.capacity.computed.read;
    this.units.computedWrite += m.capacity.computed.write;
    this.units.local += m.capacity.localReportedTransactions;
    for (const [k, v] of Object.entries(m.capacity.byCommand)) {
      this.unitsByCommand.set(k, (this.unitsByCommand.get(k) ?? 0) + v);
    }
    this.graph.messages += m.graph.messages;
    this.graph.readReceipts += m.graph.readReceipts;
    this.graph.other += m.graph.other;
  }

  result(): PhaseResult {
    const n = Math.max(1, this.samples.length);
    const total = [...this.commands.values()].reduce((a, b) => a + b, 0);
    const g = this.graph;
    const per = (x: number) => round(x / n, 3);
    const byCount = (m: Map<string, number>) =>
      Object.fromEntries([...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, per(v)]));
    const sortedCpu = [...this.cpu].sort((a, b) => a - b);
    return {
      latencyMs: { ...summarize(this.samples), mean: per(this.samples.reduce((a, b) => a + b, 0)) },
      billedMs: per(this.billedMs),
      cpuMs: {
        mean: per(this.cpu.reduce((a, b) => a + b, 0)),
        p50: round(sortedCpu[Math.floor(n / 2)] ?? 0),
      },
      non200: this.non200,
      warnOrErrorLogs: this.logged,
      db: { perTurn: per(total), attemptsPerTurn: per(this.attempts), byCommand: byCount(this.commands) },
      capacity: {
        read: per(this.units.read),
        write: per(this.units.write),
        computedRead: per(this.units.computedRead),
        computedWrite: per(this.units.computedWrite),
        localReportedTransactions: per(this.units.local),
        byCommand: byCount(this.unitsByCommand),
      },
      graph: {
        perTurn: per(g.messages + g.readReceipts + g.other),
        messagesPerTurn: per(g.messages),
        readReceiptsPerTurn: per(g.readReceipts),
        other: g.other,
      },
    };
  }
}

export interface SessionOptions {
  appSecret: string;
  messengerPageId: string;
  whatsappPhoneNumberId: string;
}

/**
 * Measured deliveries of Chatcart, each followed by a floor turn on the same channel; tallies by key
 * (`${channel}:${kind}` for Chatcart, `floor:${phase}` for the floor).
 */
export class Session {
  readonly tallies = new Map<string, Tally>();
  private floorSeq = 0;

  constructor(
    readonly chatcart: Target,
    readonly floor: Target,
    readonly graph: FakeGraph,
    readonly logs: LogTap,
    private readonly o: SessionOptions,
    readonly signed: (channel: ChannelId, body: unknown) => HttpRequest,
  ) {}

  tally(key: string): Tally {
    let t = this.tallies.get(key);
    if (!t) {
      t = new Tally();
      this.tallies.set(key, t);
    }
    return t;
  }

  /** One Chatcart delivery, untimed into no tally when `key` is undefined (preparation, warm-up). */
  async run(channel: ChannelId, req: HttpRequest, key?: string): Promise<Measured> {
    const m = await measure(this.chatcart, channel, req, this.graph, this.logs);
    if (key) this.tally(key).add(m);
    return m;
  }

  /** A Chatcart delivery of kind `kind` and then a floor turn, tallied under `floor:${phase}`. */
  async turn(
    channel: ChannelId,
    req: HttpRequest,
    kind: string | undefined,
    phase: string,
  ): Promise<Measured> {
    const m = await this.run(channel, req, kind ? `${channel}:${kind}` : undefined);
    const f = await measure(this.floor, channel, this.floorDelivery(channel), this.graph, this.logs);
    if (kind) {
      this.tally(`floor:${phase}`).add(f);
      this.tally("floor:all").add(f);
    }
    return m;
  }

  /** A text from one of 50 floor shoppers, each with its own state item, like the real turns' shoppers. */
  floorDelivery(channel: ChannelId): HttpRequest {
    const i = this.floorSeq++;
    const shopper = i % 50;
    const at = Date.now();
    const body =
      channel === "messenger"
        ? messengerText({
            psid: `5${String(shopper).padStart(15, "0")}`,
            text: "how much is the linen shirt?",
            mid: `m_floor.${process.pid}.${i}`,
            pageId: this.o.messengerPageId,
            at,
          })
        : whatsappText({
            waId: `6595${String(shopper).padStart(7, "0")}`,
            text: "how much is the linen shirt?",
            wamid: `wamid.floor.${process.pid}.${i}`,
            name: "Floor Shopper",
            phoneNumberId: this.o.whatsappPhoneNumberId,
            at,
          });
    return this.signed(channel, body);
  }

  result(key: string): PhaseResult {
    return (this.tallies.get(key) ?? new Tally()).result();
  }
}
