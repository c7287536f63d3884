/**
 * `npm run load [-- --seconds 60 --shoppers 100]`: the local stack under load, then its invariants.
 *
 * Starts the stack as `npm start` does (scripts/stack.ts: DynamoDB Local in memory, the demo shop, every route
 * through serverless-offline) with the Graph API pointed at a sink in this process (scripts/load/sink.ts), and
 * drives it over HTTP with concurrent shoppers on both channels, each a closed loop of signed deliveries
 * (scripts/load/shopper.ts): questions, adds by tap and by text, checkouts through to CONFIRM (sometimes
 * confirmed twice in a row or twice at once), byte-for-byte redeliveries and deliveries sent twice at once.
 * Halfway through, `--racers` shoppers check out the same low-stock product and confirm at the same moment.
 *
 * Prints throughput, latency p50/p99 (the HTTP round trip as Meta would see it), non-200 answers and the
 * warn/error lines the functions logged, then checks (scripts/load/checks.ts), once the outbox has drained:
 * every delivery answered (in time or through the outbox), no reply sent twice, a redelivery never answered,
 * every WhatsApp message marked read (twice is only a warning: harmless at Meta), no cart line lost, no
 * oversell, one order per confirmation. Exits 1 when an invariant fails. Stops the stack and the JVM on exit,
 * on error and on SIGINT/SIGTERM.
 *
 * Options: --seconds 60 --shoppers 100 --racers 20 --think-ms 50 (mean pause between actions)
 * --ramp-seconds 5 (arrivals spread over) --seed 7. Writes .bench/load.json.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import { signBody } from "../lib/channels/meta/signature";
import type { ChannelId } from "../lib/channels/types";
import { conversationId } from "../lib/channels/types";
import { messengerText, metaJson } from "../lib/dev/deliveries";
import { getCart } from "../lib/store/carts";
import { listProducts, putProductsBatch } from "../lib/store/catalog";
import { createDb, type Db } from "../lib/store/client";
import { keys } from "../lib/store/keys";
import { freePort } from "../lib/store/local";
import { pendingOutbox } from "../lib/store/outbox";
import { DEFAULT_SHOP_ID } from "../lib/store/shops";
import { Cleanup } from "./bench/cleanup";
import { ADD_TEXTS } from "./bench/commerce";
import { prng } from "./bench/prng";
import { round, summarize, table } from "./bench/stats";
import { type Check, checkInvariants } from "./load/checks";
import { Barrier, type Delivery, Shopper, type World } from "./load/shopper";
import { type LoadSink, startSink } from "./load/sink";
import { type StackTap, tapStack } from "./load/stackTap";
import { type Stack, startStack } from "./stack";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT_FILE = join(ROOT, ".bench", "load.json");
const MESSENGER_PAGE_ID = "100000000000001";
const WHATSAPP_PHONE_NUMBER_ID = "200000000000002";
const APP_SECRET = "dev-app-secret";
const LOW_STOCK = 5;
const PLENTY = 1_000_000;

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    shoppers: { type: "string", default: "100" },
    racers: { type: "string", default: "20" },
    "think-ms": { type: "string", default: "50" },
    "ramp-seconds": { type: "string", default: "5" },
    seed: { type: "string", default: "7" },
  },
  strict: true,
});
const SECONDS = Number(args.seconds);
const SHOPPERS = Number(args.shoppers);
const RACERS = Math.min(Number(args.racers), SHOPPERS);
const THINK_MS = Number(args["think-ms"]);
const RAMP_MS = Number(args["ramp-seconds"]) * 1000;
for (const [name, v] of Object.entries({ SECONDS, SHOPPERS, RACERS, THINK_MS })) {
  if (!Number.isFinite(v) || v < 0) throw new Error(`load: bad --${name.toLowerCase()}`);
}

/** Stock far above the run for every in-stock product, a small stock for one: the initial stock of each. */
async function prepareStock(
  db: Db,
): Promise<{ initial: Map<string, number>; low: string; plenty: string[] }> {
  const products = (await listProducts(db, DEFAULT_SHOP_ID)).filter((p) => p.stock > 0);
  const low = products[0];
  if (!low) throw new Error("load: the demo shop has no product in stock");
  const now = new Date().toISOString();
  const updated = products.map((p) => ({
    ...p,
    stock: p.id === low.id ? LOW_STOCK : PLENTY,
    version: (p.version ?? 0) + 1,
    updatedAt: now,
  }));
  const { failed } = await putProductsBatch(db, DEFAULT_SHOP_ID, updated);
  if (failed.length > 0) throw new Error(`load: could not set the stock of ${failed.join(", ")}`);
  return {
    initial: new Map((await listProducts(db, DEFAULT_SHOP_ID)).map((p) => [p.id, p.stock])),
    low: low.id,
    plenty: updated.filter((p) => p.id !== low.id).map((p) => p.id),
  };
}

/**
 * What each typed add of the bench adds, learnt once per text from a fresh Messenger shopper (the NLU is
 * deterministic): the cart afterwards. Texts that add nothing, or the low-stock product, are left out.
 */
async function calibrateTypedAdds(
  stack: Stack,
  db: Db,
  sink: LoadSink,
  low: string,
): Promise<World["typedAdds"]> {
  const out: World["typedAdds"] = [];
  let n = 0;
  for (const texts of ADD_TEXTS) {
    const list: World["typedAdds"][number] = [];
    for (const text of texts) {
      const psid = `3${String(n++).padStart(15, "0")}`;
      // its replies belong to no measured delivery
      sink.open(psid, `calibration ${psid}`);
      const body = Buffer.from(
        metaJson(messengerText({ psid, text, mid: `m_cal.${n}`, pageId: MESSENGER_PAGE_ID })),
        "utf8",
      );
      const res = await fetch(`${stack.url}/webhooks/messenger`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": signBody(body, APP_SECRET) },
        body: new Uint8Array(body),
      });
      await res.arrayBuffer();
      const cart = await getCart(db, DEFAULT_SHOP_ID, conversationId("messenger", psid));
      const adds = Object.fromEntries(cart.lines.map((l) => [l.productId, l.quantity]));
      if (cart.lines.length > 0 && !(low in adds)) list.push({ text, adds });
    }
    out.push(list);
  }
  return out;
}

/**
 * Whether a turn still has replies in the outbox. The turn's sender queues what missed the send budget under
 * ids `{channel}#{inbound message id}#{nnn}` (lib/channels/meta/sender.ts) and the outbox deletes each item once
 * sent, so when none is left every late reply has reached the sink. (The one place that knows the outbox ids.)
 */
async function queuedFor(db: Db, channel: ChannelId, messageIds: string[]): Promise<boolean> {
  const Keys = messageIds.flatMap((id) =>
    Array.from({ length: 8 }, (_, n) => keys.outbox(`${channel}#${id}#${String(n).padStart(3, "0")}`)),
  );
  const res = await db.doc.send(
    new BatchGetCommand({ RequestItems: { [db.table]: { Keys, ProjectionExpression: "pk" } } }),
  );
  return (res.Responses?.[db.table]?.length ?? 0) > 0 || Object.keys(res.UnprocessedKeys ?? {}).length > 0;
}

/**
 * Waits until the outbox is empty (nothing queued, nothing waiting for a retry) and no Graph API call arrived
 * for `quietMs`, at most `maxMs`; returns what is still queued.
 */
async function quiesce(db: Db, sink: LoadSink, quietMs: number, maxMs: number): Promise<number> {
  const until = Date.now() + maxMs;
  for (;;) {
    const backlog = (await pendingOutbox(db, Date.now(), 1000)).length;
    if ((backlog === 0 && Date.now() - sink.lastAt() >= quietMs) || Date.now() > until) return backlog;
    await new Promise((r) => setTimeout(r, 500));
  }
}

function printResults(deliveries: Delivery[], seconds: number, tap: StackTap, checks: Check[]): void {
  const ok = deliveries.filter((d) => d.status === 200);
  console.log(
    `\n${deliveries.length} deliveries in ${seconds.toFixed(1)} s: ${(deliveries.length / seconds).toFixed(1)} per second; ` +
      `non-200: ${deliveries.length - ok.length}; warn/error lines logged by the functions: ${tap.warnOrError()}\n`,
  );
  const kinds = [...new Set(deliveries.map((d) => d.kind))];
  const rows = [
    ["all", deliveries] as const,
    ...kinds.map((k) => [k, deliveries.filter((d) => d.kind === k)] as const),
  ].map(([label, list]) => {
    const s = summarize(list.map((d) => d.latencyMs));
    return [
      label,
      String(s.n),
      s.p50.toFixed(0),
      s.p90.toFixed(0),
      s.p99.toFixed(0),
      s.max.toFixed(0),
      String(list.filter((d) => d.status !== 200).length),
    ];
  });
  console.log(table(["deliveries", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "non-200"], rows));
  const statuses = new Map<number, number>();
  for (const d of deliveries) if (d.status !== 200) statuses.set(d.status, (statuses.get(d.status) ?? 0) + 1);
  if (statuses.size > 0) {
    console.log(
      `\nnon-200 by status: ${[...statuses].map(([s, n]) => `${s === -1 ? "no answer" : s} × ${n}`).join(", ")}`,
    );
  }
  const problems = tap.problems();
  if (problems.length > 0) {
    console.log("\nwarn/error lines logged by the functions, by count:");
    for (const { line, count } of problems.slice(0, 10))
      console.log(`  ${String(count).padStart(5)}  ${line}`);
  }
  console.log("\nInvariants\n");
  for (const c of checks) {
    console.log(`${c.ok ? "ok  " : c.warning ? "warn" : "FAIL"}  ${c.name}: ${c.detail}`);
    for (const line of c.cases) console.log(`        ${line}`);
  }
}

async function main(cleanup: Cleanup): Promise<number> {
  const tap = tapStack();
  cleanup.add(() => tap.stop());
  const sink = await startSink();
  cleanup.add(() => sink.close_());
  console.log(
    `load: starting the stack (DynamoDB Local in memory, serverless-offline; the first build takes a while)…`,
  );
  const buildDir = `.esbuild/load-${process.pid}`;
  let stack: Stack | undefined;
  cleanup.add(() => stack?.stop());
  try {
    stack = await startStack({
      port: await freePort(),
      dataDir: ":memory:",
      buildDir,
      verbose: true,
      env: {
        TABLE_NAME: "chatcart-load",
        SEED: "demo",
        LOG_LEVEL: "warn",
        META_GRAPH_URL: `${sink.url}/v21.0`,
        META_APP_SECRET: APP_SECRET,
        MESSENGER_PAGE_ID,
        WHATSAPP_PHONE_NUMBER_ID,
      },
    });
  } catch (e) {
    console.error(tap.tail().join("\n"));
    throw e;
  }
  console.log(`load: stack up at ${stack.url} (pids ${stack.pids.join(", ")})`);
  const db = createDb({ endpoint: stack.dynamoEndpoint, region: "us-east-1", table: stack.tableName });
  cleanup.add(() => db.raw.destroy());
  const stock = await prepareStock(db);
  const typedAdds = await calibrateTypedAdds(stack, db, sink, stock.low);
  console.log(
    `load: ${stock.plenty.length} products in stock (${PLENTY.toLocaleString("en")} each), ${stock.low} at ${LOW_STOCK}; ` +
      `typed adds checked: ${typedAdds.map((l) => l.length).join("/")} per locale`,
  );

  const started = Date.now();
  const world: World = {
    url: stack.url,
    appSecret: APP_SECRET,
    messengerPageId: MESSENGER_PAGE_ID,
    whatsappPhoneNumberId: WHATSAPP_PHONE_NUMBER_ID,
    sink,
    pendingOutbox: (channel, ids) => queuedFor(db, channel, ids),
    products: stock.plenty,
    typedAdds,
    deliveries: [],
    deadline: started + SECONDS * 1000,
    // the outbox retries a failed send after 30 s, then 1 min: a shopper waits that long for its replies
    lateWaitMs: 60_000,
    thinkMs: THINK_MS,
    random: prng(Number(args.seed)),
  };
  const shoppers = Array.from({ length: SHOPPERS }, (_, i) => {
    const channel: ChannelId = i % 2 === 0 ? "messenger" : "whatsapp";
    const user =
      channel === "messenger" ? `4${String(i).padStart(15, "0")}` : `6598${String(i).padStart(7, "0")}`;
    return new Shopper(channel, user, Math.floor(i / 2) % 5, world);
  });
  const raceAt = started + (SECONDS * 1000) / 2;
  const barrier = new Barrier(RACERS, 60_000);
  console.log(
    `load: ${SHOPPERS} shoppers (${RACERS} racing for ${stock.low} at ${Math.round(SECONDS / 2)} s) for ${SECONDS} s…`,
  );
  const progress = setInterval(() => {
    const n = world.deliveries.length;
    console.log(`  ${Math.round((Date.now() - started) / 1000)} s: ${n} deliveries`);
  }, 10_000);
  cleanup.add(() => clearInterval(progress));
  await Promise.all(
    shoppers.map(async (s, i) => {
      // arrivals spread over the ramp, not all in the same millisecond
      await new Promise((r) => setTimeout(r, (i * RAMP_MS) / Math.max(1, SHOPPERS)));
      let raced = i >= RACERS;
      const race = async () => {
        raced = true;
        await s.addTap(stock.low, "race add");
        const payload = await s.toSummary();
        // the racers confirm together, once all have a summary (or a minute after the first had one)
        await barrier.arrive();
        if (payload) await s.confirmOnce(payload, "race confirm");
      };
      while (Date.now() < world.deadline) {
        if (!raced && Date.now() >= raceAt) await race();
        else await s.act();
      }
      // a racer whose last action ran past the deadline still races, so the race always has its racers
      if (!raced) await race();
    }),
  );
  clearInterval(progress);
  const seconds = (Math.max(...world.deliveries.map((d) => d.doneAt)) - started) / 1000;
  console.log("load: waiting for the outbox to drain…");
  const backlog = await quiesce(db, sink, 3000, 120_000);
  if (backlog > 0) console.log(`load: ${backlog} replies still in the outbox after 2 minutes`);

  const { checks, orders } = await checkInvariants({
    db,
    shopId: DEFAULT_SHOP_ID,
    sink,
    deliveries: world.deliveries,
    shoppers,
    initialStock: stock.initial,
    lowStock: [stock.low],
    stillQueued: (channel, id) => queuedFor(db, channel, [id]),
  });
  printResults(world.deliveries, seconds, tap, checks);
  const racedOrders = orders.filter((o) => o.items.some((l) => l.productId === stock.low)).length;
  const raceConfirms = world.deliveries.filter((d) => d.kind === "race confirm");
  const together = raceConfirms.filter(
    (d) => d.sentAt - Math.min(...raceConfirms.map((x) => x.sentAt)) < 1000,
  );
  console.log(
    `\nrace: ${racedOrders} order(s) with ${stock.low} (stock ${LOW_STOCK}); ${raceConfirms.length} of ${RACERS} racers ` +
      `confirmed a summary, ${together.length} of them within the same second`,
  );
  const abandoned = shoppers.flatMap((s) => s.abandoned);
  if (abandoned.length > 0) {
    console.log(`checkouts that did not reach a summary: ${abandoned.length}; first reply: ${abandoned[0]}`);
  }

  mkdirSync(dirname(OUT_FILE), { recursive: true });
  const byKind = Object.fromEntries(
    [...new Set(world.deliveries.map((d) => d.kind))].map((k) => [
      k,
      summarize(world.deliveries.filter((d) => d.kind === k).map((d) => d.latencyMs)),
    ]),
  );
  writeFileSync(
    OUT_FILE,
    `${JSON.stringify(
      {
        generatedAt: new Date(started).toISOString(),
        settings: {
          seconds: SECONDS,
          shoppers: SHOPPERS,
          racers: RACERS,
          thinkMs: THINK_MS,
          seed: args.seed,
        },
        deliveries: world.deliveries.length,
        seconds: round(seconds, 1),
        perSecond: round(world.deliveries.length / seconds, 1),
        latencyMs: summarize(world.deliveries.map((d) => d.latencyMs)),
        byKind,
        non200: world.deliveries.filter((d) => d.status !== 200).length,
        warnOrError: tap.problems(),
        orders: orders.length,
        checks,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nWrote ${OUT_FILE.slice(ROOT.length + 1)}`);
  return checks.every((c) => c.ok || c.warning) ? 0 : 1;
}

const cleanup = new Cleanup();
let signalled: number | undefined;
const stopOn = (signal: NodeJS.Signals, code: number) =>
  process.on(signal, () => {
    if (signalled !== undefined) return;
    signalled = code;
    console.error(`\n${signal}: stopping the stack…`);
    void cleanup.run().finally(() => process.exit(code));
  });
stopOn("SIGINT", 130);
stopOn("SIGTERM", 143);

let code = 1;
try {
  code = await main(cleanup);
} catch (e) {
  if (signalled === undefined) console.error(e);
  code = 1;
} finally {
  await cleanup.run();
}
process.exit(signalled ?? code);
