/**
 * `node --import tsx scripts/bench-import.ts [lines] [parallel batch writes]`: how long a Meta catalog feed import takes here.
 * Generates a feed of `lines` products (default 10,000; quoted descriptions with commas, prices with
 * thousands separators, a few out-of-stock lines), starts DynamoDB Local in memory (or uses
 * DYNAMODB_ENDPOINT), and runs `importFeed` in process three times: into an empty shop (all created), the same
 * feed again (all unchanged: one Query, nothing written), a feed with every title changed (all updated), then
 * undoes that last import (one conditional write per product). Prints the seconds; asserts nothing. The JVM is stopped on exit, on error and on Ctrl-C.
 */
import { randomUUID } from "node:crypto";
import { importFeed, undoJob } from "../lib/catalog/importJob";
import { createDb } from "../lib/store/client";
import { type LocalDynamo, startDynamoLocal } from "../lib/store/local";
import { ensureTable } from "../lib/store/table";

const lines = Number(process.argv[2] ?? 10_000);
const parallel = process.argv[3] ? Number(process.argv[3]) : undefined;
const endpointFromEnv = process.env.DYNAMODB_ENDPOINT;

function feed(n: number): string {
  const out = [
    "id,title,description,availability,condition,price,link,image_link,brand,product_type,item_group_id,color,size,inventory",
  ];
  for (let i = 0; i < n; i++) {
    const id = `SKU-${String(i).padStart(6, "0")}`;
    const price =
      i % 10 === 0 ? `1,${String(i % 1000).padStart(3, "0")}.99 USD` : `${(i % 500) + 1}.${i % 100} USD`;
    out.push(
      [
        id,
        `"Product ${i}, ""classic"" edition"`,
        `"A fine product number ${i}, made of cotton, with a relaxed fit. Easy to pair and easy to wash."`,
        i % 50 === 0 ? "out of stock" : "in stock",
        "new",
        `"${price}"`,
        `https://shop.example/p/${id}`,
        `https://cdn.example/img/${id}.jpg`,
        "Chatcart Basics",
        "Apparel & Accessories > Clothing > Shirts",
        `GROUP-${Math.floor(i / 4)}`,
        ["Red", "Blue", "Black", "White"][i % 4],
        ["S", "M", "L", "XL"][Math.floor(i / 4) % 4],
        String(i % 200),
      ].join(","),
    );
  }
  return `${out.join("\r\n")}\r\n`;
}

let dynamo: LocalDynamo | undefined;
const stop = async () => {
  await dynamo?.stop();
  dynamo = undefined;
};
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.on(signal, () => {
    void stop().finally(() => process.exit(code));
  });
}

async function main() {
  let endpoint = endpointFromEnv;
  if (!endpoint) {
    dynamo = await startDynamoLocal({ dataDir: ":memory:" });
    endpoint = dynamo.endpoint;
  }
  const table = `bench-import-${randomUUID().slice(0, 8)}`;
  const db = createDb({ endpoint, region: "us-east-1", table });
  await ensureTable(db.raw, table);
  const csv = feed(lines);
  console.log(`feed: ${lines} lines, ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(2)} MiB (limit 5 MiB)`);
  const shop = `bench-${randomUUID().slice(0, 8)}`;
  let last: string | undefined;
  for (const [label, text] of [
    ["create", csv],
    ["unchanged", csv],
    ["update", csv.replaceAll("edition", "edition 2")],
  ] as const) {
    const started = performance.now();
    const report = await importFeed(db, shop, text, { parallel });
    last = report.importId;
    const seconds = (performance.now() - started) / 1000;
    const t = report.totals;
    console.log(
      `${label}: ${seconds.toFixed(2)} s (${Math.round(lines / seconds)} lines/s) — created ${t.created}, updated ${t.updated}, unchanged ${t.unchanged}, errors ${t.errors}`,
    );
    if (t.errors > 0) console.log(report.results.filter((r) => r.status === "error").slice(0, 5));
  }
  const started = performance.now();
  const job = await undoJob(db, shop, last as string, { by: "bench" });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `undo: ${seconds.toFixed(2)} s (${Math.round(lines / seconds)} products/s) — restored ${job.undo?.restored}, skipped ${job.undo?.skipped.length}`,
  );
  db.raw.destroy();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(stop);
