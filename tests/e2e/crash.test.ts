/**
 * Issue 14 (1): a message is never lost when the function dies mid-turn. A second local stack on the same
 * table takes 10 concurrent order confirmations and is SIGKILLed as soon as the first claim is written; Meta's
 * redeliveries then go to the test stack (another "container"). Every shopper ends with exactly one order and
 * is told its id; no reply is doubled. The test stack takes over claims older than INBOUND_CLAIM_STALE_MS
 * (3 s, tests/helpers/globalSetup.ts).
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, inject, it } from "vitest";
import { keys } from "../../lib/store/keys";
import { freePort } from "../../lib/store/local";
import { listOrders } from "../../lib/store/orders";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { type Stack, startStack } from "../../scripts/stack";
import { joined, payloadStarting, say, turn } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { metaJson, newWaId, postWebhook, sinkFor, whatsappButton } from "../helpers/meta";

const url = inject("stackUrl");
const db = useStackDb();
const SHOPPERS = 10;
let doomed: Stack | undefined;
afterAll(async () => {
  await doomed?.stop();
});

const claimState = async (wamid: string) =>
  (await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.inbound("whatsapp", wamid) }))).Item
    ?.state as string | undefined;

describe("kill and redeliver", () => {
  it("10 confirmations cut by SIGKILL: each shopper gets one order and is told once", async () => {
    const shoppers = await Promise.all(
      Array.from({ length: SHOPPERS }, async () => {
        const wa = newWaId();
        await turn(url, "whatsapp", wa, whatsappButton({ waId: wa, id: "ADD:CAP-BLACK" }));
        await say(url, "whatsapp", wa, "checkout");
        const summary = await say(url, "whatsapp", wa, "221B Baker Street, London");
        const confirm = payloadStarting(summary, "CONFIRM:") as string;
        const wamid = `wamid.crash-${wa}`;
        const seen = (await sinkFor(url, wa, { count: 1 })).length;
        return { wa, wamid, seen, body: metaJson(whatsappButton({ waId: wa, id: confirm, wamid })) };
      }),
    );
    doomed = await startStack({
      port: await freePort(),
      buildDir: `.esbuild/crash-${process.pid}`,
      env: {
        DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
        TABLE_NAME: inject("stackTable"),
        SEED: "none",
        LOG_LEVEL: "error",
        INBOUND_CLAIM_STALE_MS: "3000",
      },
    });
    const target = doomed.url;
    const posts = shoppers.map((s) => postWebhook(target, "whatsapp", s.body).catch(() => undefined));
    // kill as soon as the first message is claimed: the others are anywhere from not started to sending
    const until = Date.now() + 20_000;
    while (
      Date.now() < until &&
      (await Promise.all(shoppers.map((s) => claimState(s.wamid)))).every((x) => !x)
    )
      await new Promise((r) => setTimeout(r, 20));
    const [offlinePid] = doomed.pids;
    process.kill(offlinePid as number, "SIGKILL");
    await Promise.all(posts);
    const atKill = await Promise.all(shoppers.map((s) => claimState(s.wamid)));
    console.info("claims after SIGKILL:", JSON.stringify(atKill));

    // Meta redelivers until it gets a 200; a fresh claim of the dead stack answers 503 until it is stale
    await Promise.all(
      shoppers.map(async (s) => {
        for (let i = 0; i < 20; i++) {
          if ((await postWebhook(url, "whatsapp", s.body)).status === 200) return;
          await new Promise((r) => setTimeout(r, 1000));
        }
        throw new Error(`no 200 for ${s.wa}`);
      }),
    );
    const orders = (await listOrders(db, DEFAULT_SHOP_ID, { limit: 200 })).items;
    for (const s of shoppers) {
      const mine = orders.filter((o) => o.conversationId === `whatsapp:${s.wa}`);
      expect(mine, s.wa).toHaveLength(1);
      const after = (await sinkFor(url, s.wa, { count: s.seen + 1, timeoutMs: 20_000 })).slice(s.seen);
      const text = joined(after);
      // told the order id: at most once by "is placed" (or, when the order was placed but the turn's commit
      // died, by "already placed" from the run that took over)
      expect(text, s.wa).toContain(mine[0]?.orderId);
      expect((text.match(/is placed|already placed/g) ?? []).length, s.wa).toBe(1);
    }
  }, 120_000);
});
