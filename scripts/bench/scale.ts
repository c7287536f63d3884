/**
 * A shop with many products: the demo catalogue multiplied into `n` products with their own ids, brands and
 * titles (every copy of the 70 demo products gets an invented brand, which leads its title in every locale,
 * and its own price, stock and rating), written into a table of its own in DynamoDB Local with the store's
 * own functions (seedDemo: validation, BatchWriteItem, catalogVersion), then:
 *
 * - cold start to the first reply: a fresh `node` imports the WhatsApp webhook bundle and is handed one signed
 *   delivery (a price question from a new shopper); the figure runs from the start of the import to the
 *   handler's return (node's own boot is given apart), and the fake Graph API must have received the reply.
 *   The child also times its DynamoDB requests (time with one in flight, count, bytes): DynamoDB Local answers
 *   a 1 MB Query page in about a second here, far slower than DynamoDB, so the first reply is also given
 *   without that wait (the compute part: runtime, NLU, unmarshalling, index, the turn).
 *   The same event goes to the floor bundle in its own fresh processes, for the ratio. The child reports its
 *   RSS after the reply (the catalogue and its index are in memory by then);
 * - in this process: the NLU index build over the same products and `understand` p50/p99 per message.
 */
import type { ChildProcess } from "node:child_process";
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import demoAnswers from "../../lib/catalog/demo/answers.json";
import demoProducts from "../../lib/catalog/demo/products.json";
import demoSettings from "../../lib/catalog/demo/settings.json";
import { seedDemo } from "../../lib/catalog/seed";
import type { Product } from "../../lib/catalog/types";
import { signBody } from "../../lib/channels/meta/signature";
import type { Config } from "../../lib/config";
import { whatsappText } from "../../lib/dev/deliveries";
import { createDb } from "../../lib/store/client";
import { ensureTable } from "../../lib/store/table";
import { type ColdSample, coldStart, httpEvent } from "./bundles";
import type { FakeGraph } from "./fakeGraph";
import { benchNlu, type NluFigures } from "./nlu";
import { median, round } from "./stats";

const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ra",
  "su",
  "te",
  "vo",
  "ne",
  "zi",
  "pa",
  "do",
  "ru",
  "ha",
  "li",
  "mo",
  "sa",
];

/** An invented brand per copy of the demo catalogue: "Kalomi", "Raveto" … (4,096 of them). */
function brand(copy: number): string {
  const s = (k: number) => SYLLABLES[(copy >> (4 * k)) % SYLLABLES.length] as string;
  const name = `${s(0)}${s(1)}${s(2)}`;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/**
 * `n` products from the demo catalogue: copy 0 is the demo catalogue itself; copy k ≥ 1 has ids and groups
 * suffixed with k, the brand of copy k leading every title, and its own price, stock and rating.
 */
export function generateCatalogue(n: number): Product[] {
  const base = demoProducts as unknown as Product[];
  const out: Product[] = [];
  for (let i = 0; out.length < n; i++) {
    const p = base[i % base.length] as Product;
    const copy = Math.floor(i / base.length);
    if (copy === 0) {
      out.push(p);
      continue;
    }
    const b = brand(copy);
    const title = Object.fromEntries(Object.entries(p.title).map(([l, t]) => [l, `${b} ${t}`]));
    out.push({
      ...p,
      id: `${p.id}-${copy}`,
      groupId: p.groupId ? `${p.groupId}-${copy}` : undefined,
      title,
      brand: b,
      price: { ...p.price, amount: Math.max(100, p.price.amount + ((copy * 37) % 1500) - 500) },
      stock: (copy * 13 + i) % 40,
      rating: p.rating ? { average: 3 + ((copy * 7) % 21) / 10, count: (copy * 11) % 300 } : undefined,
      imageUrl: p.imageUrl?.replace(p.id, `${p.id}-${copy}`),
    });
  }
  return out;
}

export interface ScaleFigures {
  products: number;
  /** when and at which revision this size was measured (runs of other sizes are merged in by size) */
  measured?: { at: string; revision?: string };
  table: string;
  seedSeconds: number;
  /** import + first delivery answered, median of the fresh processes, and the parts */
  coldFirstReplyMs: { median: number; min: number; max: number; samples: number[] };
  bootMs: number;
  initMs: number;
  firstCallMs: number;
  /** of the first call: time with a DynamoDB Local request in flight, the requests, the MB they returned */
  firstCallDb: { ms: number; requests: number; mb: number };
  /** the first reply without the time DynamoDB Local took to answer (the compute part) */
  firstReplyWithoutDbMs: number;
  /** CPU time of the child during the import and the first call */
  coldCpuMs: number;
  /** cold starts that failed (timed out, crashed), with the first error */
  failures: number;
  failure?: string;
  /** the same for the floor bundle */
  floorFirstReplyMs: number;
  rssMb: { median: number; max: number };
  floorRssMb: number;
  /** replies the fake Graph API received per cold start (≥ 1: answered) */
  repliesPerColdStart: number;
  status: number | null | undefined;
  nlu: NluFigures;
}

export interface ScaleOptions {
  sizes: number[];
  /** fresh processes per size (fewer for very large shops: DynamoDB Local reads ~1 MB a second here) */
  coldRuns: (products: number) => number;
  /** per cold start */
  timeoutMs: number;
  nluMessages: number;
  script: string;
  webhookBundle: string;
  floorBundle: string;
  dynamoEndpoint: string;
  graph: FakeGraph;
  config: Pick<Config, "secrets" | "region">;
  /** the Lambda environment for a table */
  env: (table: string) => Record<string, string>;
  whatsappPhoneNumberId: string;
  running: Set<ChildProcess>;
  log: (line: string) => void;
}

function question(i: number, o: ScaleOptions): Record<string, unknown> {
  const body = JSON.stringify(
    whatsappText({
      waId: `6597${String(i).padStart(7, "0")}`,
      text: "how much is the linen shirt?",
      wamid: `wamid.scale.${process.pid}.${i}`,
      name: "Scale Shopper",
      phoneNumberId: o.whatsappPhoneNumberId,
      at: Date.now(),
    }),
  );
  return httpEvent("POST", "/webhooks/whatsapp", {
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signBody(body, o.config.secrets.META_APP_SECRET),
    },
    body,
  });
}

export async function benchScale(o: ScaleOptions): Promise<ScaleFigures[]> {
  const out: ScaleFigures[] = [];
  let seq = 0;
  for (const n of o.sizes) {
    const table = `chatcart-scale-${n}`;
    const db = createDb({ endpoint: o.dynamoEndpoint, region: o.config.region, table });
    try {
      let products: Product[] | undefined = generateCatalogue(n);
      await ensureTable(db.raw, table, { ttl: false });
      const seedStarted = performance.now();
      await seedDemo(db, o.config, { products, answers: demoAnswers, settings: demoSettings });
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      o.log(`  ${n} products written in ${seedSeconds.toFixed(1)} s`);

      const samples: ColdSample[] = [];
      const floors: ColdSample[] = [];
      let replies = 0;
      let failures = 0;
      let failure: string | undefined;
      // interleaved: Chatcart, floor, Chatcart, floor …
      for (let r = 0; r < o.coldRuns(n); r++) {
        o.graph.reset();
        try {
          samples.push(
            await coldStart(
              o.script,
              o.webhookBundle,
              [question(seq++, o)],
              o.env(table),
              o.running,
              o.timeoutMs,
            ),
          );
          replies += o.graph.counts.messages;
          const last = samples.at(-1);
          if (o.graph.counts.messages === 0 && last?.stderr.includes('"level":"error"')) {
            failure ??= `no reply, the child logged: ${last.stderr.slice(-600)}`;
          }
        } catch (e) {
          failures++;
          failure ??= (e as Error).message.slice(0, 300);
          o.log(`  ! ${n} products: ${failure}`);
          break;
        }
        floors.push(
          await coldStart(
            o.script,
            o.floorBundle,
            [question(seq++, o)],
            o.env(table),
            o.running,
            o.timeoutMs,
          ),
        );
      }
      const first = samples.map((s) => s.calls[0]?.sinceImportMs ?? Number.NaN);
      const call = (f: (c: NonNullable<ColdSample["calls"][0]>) => number) =>
        median(samples.map((s) => (s.calls[0] ? f(s.calls[0]) : Number.NaN)));
      const rounds = Math.max(1, Math.round(o.nluMessages / 14));
      const nlu = benchNlu(products, rounds);
      products = undefined;
      out.push({
        products: n,
        table,
        seedSeconds: round(seedSeconds, 1),
        coldFirstReplyMs: {
          median: round(median(first)),
          min: round(Math.min(...first)),
          max: round(Math.max(...first)),
          samples: first.map((x) => round(x)),
        },
        bootMs: round(median(samples.map((s) => s.bootMs))),
        initMs: round(median(samples.map((s) => s.initMs))),
        firstCallMs: round(call((c) => c.ms)),
        firstCallDb: {
          ms: round(call((c) => c.dbMs)),
          requests: call((c) => c.dbRequests),
          mb: round(call((c) => c.dbBytes) / 2 ** 20, 1),
        },
        coldCpuMs: round(median(samples.map((s) => s.initCpuMs + (s.calls[0]?.cpuMs ?? Number.NaN)))),
        firstReplyWithoutDbMs: round(
          median(samples.map((s) => (s.calls[0]?.sinceImportMs ?? 0) - (s.calls[0]?.dbMs ?? 0))),
        ),
        failures,
        failure,
        floorFirstReplyMs: round(median(floors.map((s) => s.calls[0]?.sinceImportMs ?? Number.NaN))),
        rssMb: {
          median: round(median(samples.map((s) => s.rssMb)), 0),
          max: round(Math.max(0, ...samples.map((s) => s.rssMb)), 0),
        },
        floorRssMb: round(median(floors.map((s) => s.rssMb)), 0),
        repliesPerColdStart: round(replies / Math.max(1, samples.length)),
        status: samples[0]?.calls[0]?.status,
        nlu: {
          ...nlu,
          buildMs: round(nlu.buildMs),
          heapDeltaMb: round(nlu.heapDeltaMb, 0),
          perMessageMs: {
            n: nlu.perMessageMs.n,
            p50: round(nlu.perMessageMs.p50),
            p99: round(nlu.perMessageMs.p99),
            max: round(nlu.perMessageMs.max),
          },
          perMessageCpuMs: { p50: round(nlu.perMessageCpuMs.p50), p99: round(nlu.perMessageCpuMs.p99) },
        },
      });
    } finally {
      await db.raw.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
      db.raw.destroy();
    }
  }
  return out;
}
