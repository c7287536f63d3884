/**
 * The funnel counters on DynamoDB Local and `GET /api/admin/analytics` over them: concurrent counts all land,
 * date ranges are inclusive and per shop, the report's shape and its 400s (with field paths), 401 and 403.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminDeps, handleAdmin } from "../../lib/admin/routes";
import { createGraphClient } from "../../lib/channels/meta/graph";
import { parseConfig } from "../../lib/config";
import type { HttpRequest } from "../../lib/http/request";
import type { Conversation } from "../../lib/store/conversations";
import { countFunnel, FUNNEL_EVENTS, readFunnel } from "../../lib/store/funnel";
import { getSettings, putSettings } from "../../lib/store/settings";
import { createShopDirectory, DEFAULT_SHOP_ID, defaultAccounts } from "../../lib/store/shops";
import { freshTable, type TestDb } from "../helpers/db";

let table: TestDb;
let deps: AdminDeps;
const SHOP = DEFAULT_SHOP_ID;
const now = Date.parse("2026-04-10T12:00:00.000Z");
const at = (day: string) => new Date(`${day}T10:00:00.000Z`);

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field in the tests
type Json = any;

type Counted = Pick<Conversation, "shopId" | "source" | "lastSource" | "channel">;
const organic: Counted = { shopId: SHOP, channel: "whatsapp" };
const ad = (shopId = SHOP): Counted => ({
  shopId,
  channel: "messenger",
  source: { source: "ADS", adId: "777", at: "2026-04-01T00:00:00.000Z" },
});
const relinked: Counted = {
  shopId: SHOP,
  channel: "messenger",
  source: { source: "ADS", adId: "777", at: "2026-04-01T00:00:00.000Z" },
  lastSource: { source: "SHORTLINK", ref: "spring", at: "2026-04-02T00:00:00.000Z" },
};

beforeAll(async () => {
  table = await freshTable();
  const config = await parseConfig({ LOG_LEVEL: "error" });
  deps = {
    db: table,
    config,
    // analytics sends nothing: a Graph client that is never called
    graph: createGraphClient({ baseUrl: "http://127.0.0.1:9", timeoutMs: 100 }),
    directory: createShopDirectory(table, defaultAccounts(config)),
    now: () => now,
  };
  await putSettings(table, SHOP, { ...(await getSettings(table, SHOP)), currency: "PHP" });
});

afterAll(async () => {
  await table.drop();
});

function request(path: string, token: string | null = "dev-admin-token"): HttpRequest {
  const [pathname = "", query = ""] = path.split("?");
  return {
    method: "GET",
    path: `/api/admin/${pathname}`,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    query: Object.fromEntries(new URLSearchParams(query)),
    pathParams: {},
    rawBody: Buffer.alloc(0),
  };
}

async function get(path: string, token?: string | null) {
  const res = await handleAdmin(request(path, token), deps);
  return { status: res.statusCode, json: JSON.parse(String(res.body ?? "null")) as Json };
}

describe("countFunnel and readFunnel", () => {
  it("sums 60 concurrent counts of one source and day, revenue included", async () => {
    const day = "2026-04-05";
    await Promise.all([
      ...Array.from({ length: 30 }, () => countFunnel(table, ad(), "addToCart", at(day))),
      ...Array.from({ length: 20 }, () => countFunnel(table, ad(), "orders", at(day), 1, { revenue: 1250 })),
      ...Array.from({ length: 10 }, () => countFunnel(table, ad(), "productViews", at(day), 3)),
    ]);
    const rows = await readFunnel(table, SHOP, day, day);
    expect(rows).toEqual([
      {
        day,
        source: "ad:777",
        conversations: 0,
        productViews: 30,
        addToCart: 30,
        checkouts: 0,
        orders: 20,
        revenue: 25_000,
        cancelled: 0,
        cancelledRevenue: 0,
        handovers: 0,
        channels: { messenger: { productViews: 30, addToCart: 30, orders: 20, revenue: 25_000 } },
      },
    ]);
  });

  it("reads inclusive date ranges of one shop, oldest first, each source apart", async () => {
    for (const day of ["2026-03-30", "2026-03-31", "2026-04-01", "2026-04-02"]) {
      await countFunnel(table, organic, "conversations", at(day));
      await countFunnel(table, ad("other-shop"), "conversations", at(day));
    }
    await countFunnel(table, relinked, "handovers", at("2026-04-01"));
    const rows = await readFunnel(table, SHOP, "2026-03-31", "2026-04-01");
    expect(rows.map((r) => [r.day, r.source, r.conversations, r.handovers])).toEqual([
      ["2026-03-31", "organic", 1, 0],
      ["2026-04-01", "organic", 1, 0],
      ["2026-04-01", "ref:spring", 0, 1],
    ]);
    expect(await readFunnel(table, SHOP, "2026-04-02", "2026-04-02")).toHaveLength(1);
    expect(await readFunnel(table, SHOP, "2026-03-01", "2026-03-29")).toEqual([]);
    expect((await readFunnel(table, "other-shop", "2026-03-01", "2026-04-30")).map((r) => r.source)).toEqual(
      Array(4).fill("ad:777"),
    );
  });
});

describe("GET /api/admin/analytics", () => {
  it("answers the funnel per source and day, in the shop's currency", async () => {
    const r = await get("analytics?from=2026-03-31&to=2026-04-05");
    expect(r.status).toBe(200);
    const { json } = r;
    expect(Object.keys(json).sort()).toEqual([
      "channels",
      "currency",
      "days",
      "from",
      "messages",
      "note",
      "rates",
      "sources",
      "to",
      "totals",
    ]);
    expect(json).toMatchObject({ from: "2026-03-31", to: "2026-04-05", currency: "PHP" });
    expect(json.sources.map((s: Json) => s.source)).toEqual(["ad:777", "organic", "ref:spring"]);
    const adSource = json.sources[0];
    expect(adSource.totals).toEqual({
      conversations: 0,
      productViews: 30,
      addToCart: 30,
      checkouts: 0,
      orders: 20,
      revenue: 25_000,
      cancelled: 0,
      cancelledRevenue: 0,
      handovers: 0,
    });
    expect(adSource.rates).toEqual({
      conversion: null,
      viewToCart: 1,
      cartToCheckout: 0,
      checkoutToOrder: null,
    });
    expect(adSource.days).toEqual([{ day: "2026-04-05", ...adSource.totals }]);
    expect(json.days).toHaveLength(6);
    expect(json.days.map((d: Json) => d.day)).toEqual([
      "2026-03-31",
      "2026-04-01",
      "2026-04-02",
      "2026-04-03",
      "2026-04-04",
      "2026-04-05",
    ]);
    expect(Object.keys(json.days[0]).sort()).toEqual(["day", ...FUNNEL_EVENTS].sort());
    expect(json.days.map((d: Json) => d.conversations)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(json.totals).toMatchObject({ conversations: 3, orders: 20, revenue: 25_000, handovers: 1 });
  });

  it("keeps one source with ?source=, and defaults to the last 30 days", async () => {
    const one = await get(
      `analytics?from=2026-03-01&to=2026-04-30&source=${encodeURIComponent("ref:spring")}`,
    );
    expect(one.json.sources.map((s: Json) => s.source)).toEqual(["ref:spring"]);
    expect(one.json.totals).toMatchObject({ conversations: 0, handovers: 1 });
    expect(one.json.days).toHaveLength(61);
    const recent = await get("analytics");
    expect(recent.status).toBe(200);
    expect(recent.json).toMatchObject({ from: "2026-03-12", to: "2026-04-10" });
    expect(recent.json.days).toHaveLength(30);
    expect(recent.json.totals.conversations).toBe(4);
  });

  it.each([
    ["a date that does not exist", "from=2026-02-30&to=2026-03-01", ["from"]],
    ["another format", "from=1%2F4%2F2026", ["from"]],
    ["from after to", "from=2026-04-02&to=2026-04-01", ["from"]],
    ["more than 366 days", "from=2025-01-01&to=2026-01-02", ["to"]],
    ["two bad dates", "from=x&to=y", ["from", "to"]],
    ["an empty source", "source=", ["source"]],
  ])("answers 400 to %s, with the field paths", async (_name, query, paths) => {
    const r = await get(`analytics?${query}`);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("request.invalid");
    expect(r.json.error.details.map((d: Json) => d.path)).toEqual(paths);
  });

  it("answers 401 without a token or with a wrong one, 403 to an agent token, 405 to a POST", async () => {
    expect((await get("analytics", null)).status).toBe(401);
    expect((await get("analytics", "not-a-token")).status).toBe(401);
    expect((await get("analytics", "dev-agent-token")).status).toBe(403);
    const post = await handleAdmin({ ...request("analytics"), method: "POST" }, deps);
    expect(post.statusCode).toBe(405);
  });
});
