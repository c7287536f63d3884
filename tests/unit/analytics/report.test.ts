/** The analytics query (defaults, 400s with field paths) and the report built from funnel rows. */
import { describe, expect, it } from "vitest";
import { parseAnalyticsQuery } from "../../../lib/analytics/query";
import { buildReport, zeroCounts } from "../../../lib/analytics/report";
import type { FunnelRow } from "../../../lib/store/funnel";

const now = Date.parse("2026-04-10T23:59:00.000Z");

describe("parseAnalyticsQuery", () => {
  it("defaults to the last 30 days up to today (UTC)", () => {
    expect(parseAnalyticsQuery({}, now)).toEqual({
      ok: true,
      value: { from: "2026-03-12", to: "2026-04-10" },
    });
    expect(parseAnalyticsQuery({ to: "2026-01-30" }, now)).toEqual({
      ok: true,
      value: { from: "2026-01-01", to: "2026-01-30" },
    });
  });

  it("takes a range, one day, a whole leap year and a source", () => {
    expect(parseAnalyticsQuery({ from: "2026-04-01", to: "2026-04-01", source: "ad:1" }, now)).toEqual({
      ok: true,
      value: { from: "2026-04-01", to: "2026-04-01", source: "ad:1" },
    });
    expect(parseAnalyticsQuery({ from: "2024-01-01", to: "2024-12-31" }, now).ok).toBe(true);
  });

  it.each([
    ["a date that is not one", { from: "2026-02-30" }, "from"],
    ["not YYYY-MM-DD", { to: "10/04/2026" }, "to"],
    ["from after to", { from: "2026-04-02", to: "2026-04-01" }, "from"],
    ["from after today without to", { from: "2026-05-01" }, "from"],
    ["367 days", { from: "2025-01-01", to: "2026-01-02" }, "to"],
    ["an empty source", { source: "" }, "source"],
    ["a long source", { source: "x".repeat(201) }, "source"],
  ])("refuses %s (details at %s)", (_name, query, path) => {
    const r = parseAnalyticsQuery(query, now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual([path]);
  });
});

const row = (day: string, source: string, counts: Partial<FunnelRow>): FunnelRow => ({
  ...zeroCounts(),
  day,
  source,
  ...counts,
});

describe("buildReport", () => {
  const rows = [
    row("2026-04-01", "organic", { conversations: 5, productViews: 4, addToCart: 2 }),
    row("2026-04-01", "ad:1", {
      conversations: 2,
      productViews: 2,
      addToCart: 3,
      checkouts: 1,
      orders: 1,
      revenue: 2599,
    }),
    row("2026-04-03", "ad:1", { conversations: 1, orders: 1, checkouts: 1, revenue: 1000, handovers: 1 }),
    row("2026-04-03", "ref:a", { conversations: 9 }),
    row("2026-03-31", "ad:1", { orders: 50 }), // outside the range
  ];
  const query = { from: "2026-04-01", to: "2026-04-03" };

  it("sums per source (most orders, then most conversations first) and per day (every day of the range)", () => {
    const r = buildReport(rows, query, "PHP");
    expect(r).toMatchObject({ from: "2026-04-01", to: "2026-04-03", currency: "PHP" });
    expect(r.sources.map((s) => s.source)).toEqual(["ad:1", "ref:a", "organic"]);
    const ad = r.sources[0];
    expect(ad?.totals).toEqual({
      conversations: 3,
      productViews: 2,
      addToCart: 3,
      checkouts: 2,
      orders: 2,
      revenue: 3599,
      cancelled: 0,
      cancelledRevenue: 0,
      handovers: 1,
    });
    expect(ad?.rates).toEqual({
      conversion: 0.6667,
      viewToCart: 1.5,
      cartToCheckout: 0.6667,
      checkoutToOrder: 1,
    });
    expect(ad?.days.map((d) => d.day)).toEqual(["2026-04-01", "2026-04-03"]);
    expect(r.days.map((d) => [d.day, d.conversations, d.orders])).toEqual([
      ["2026-04-01", 7, 1],
      ["2026-04-02", 0, 0],
      ["2026-04-03", 10, 1],
    ]);
    expect(r.totals).toMatchObject({ conversations: 17, orders: 2, revenue: 3599 });
    expect(r.sources[1]?.rates).toEqual({
      conversion: 0,
      viewToCart: null,
      cartToCheckout: null,
      checkoutToOrder: null,
    });
  });

  it("keeps one source when asked, and is empty (zeros every day) for a range without counts", () => {
    const one = buildReport(rows, { ...query, source: "ref:a" }, "USD");
    expect(one.sources.map((s) => s.source)).toEqual(["ref:a"]);
    expect(one.totals.conversations).toBe(9);
    const none = buildReport([], { from: "2026-04-01", to: "2026-04-02" }, "USD");
    expect(none.sources).toEqual([]);
    expect(none.days).toEqual([
      { day: "2026-04-01", ...zeroCounts() },
      { day: "2026-04-02", ...zeroCounts() },
    ]);
    expect(none.rates.conversion).toBeNull();
  });
});

describe("the report per channel", () => {
  it("sums the channel counters of the rows in range and of the source asked for", () => {
    const row = (day: string, source: string, channels: FunnelRow["channels"]): FunnelRow => ({
      day,
      source,
      conversations: 1,
      productViews: 0,
      addToCart: 0,
      checkouts: 0,
      orders: 1,
      revenue: 500,
      handovers: 0,
      cancelled: 0,
      cancelledRevenue: 0,
      channels,
    });
    const rows = [
      row("2026-05-01", "organic", { instagram: { conversations: 1, orders: 1, revenue: 500 } }),
      row("2026-05-02", "organic", { instagram: { conversations: 1 }, whatsapp: { orders: 2 } }),
      row("2026-05-02", "ad:1", { messenger: { conversations: 3 } }),
      row("2026-06-01", "organic", { instagram: { conversations: 9 } }),
    ];
    const all = buildReport(rows, { from: "2026-05-01", to: "2026-05-31" }, "USD");
    expect(all.channels.instagram).toMatchObject({ conversations: 2, orders: 1, revenue: 500 });
    expect(all.channels.whatsapp?.orders).toBe(2);
    expect(all.channels.messenger?.conversations).toBe(3);
    const organic = buildReport(rows, { from: "2026-05-01", to: "2026-05-31", source: "organic" }, "USD");
    expect(organic.channels.messenger).toBeUndefined();
  });
});
