/**
 * The funnel report of `GET /api/admin/analytics`: the day × source counters of lib/store/funnel.ts summed per
 * source and per day, with conversion rates. `buildReport` is pure; `loadReport` reads the counters (one Query)
 * and the shop's currency.
 */
import type { Db } from "../store/client";
import { FUNNEL_EVENTS, type FunnelEvent, type FunnelRow, readFunnel } from "../store/funnel";
import { getSettings } from "../store/settings";
import { type AnalyticsQuery, addDays, daysBetween } from "./query";

/** One count per funnel event; `revenue` is in minor units of the report's `currency`. */
export type Counts = Record<FunnelEvent, number>;

/**
 * Ratios of counts, rounded to 4 decimals; null when the step before is 0. They are ratios of events, not of
 * shoppers (each add is counted, so `viewToCart` or `cartToCheckout` can be above 1).
 */
export interface Rates {
  /** orders / conversations */
  conversion: number | null;
  /** addToCart / productViews */
  viewToCart: number | null;
  /** checkouts / addToCart */
  cartToCheckout: number | null;
  /** orders / checkouts */
  checkoutToOrder: number | null;
}

export type DayCounts = Counts & { day: string };

export interface SourceReport {
  source: string;
  totals: Counts;
  rates: Rates;
  /** only the days with a count, oldest first */
  days: DayCounts[];
}

/** What `orders` and `revenue` count, said in every report so no reader takes them for all orders placed. */
export const ORDERS_COUNTED =
  "orders and revenue count only orders not cancelled; cancelled orders are in cancelled and cancelledRevenue (on the day they were placed)";

export interface AnalyticsReport {
  /** always {@link ORDERS_COUNTED} */
  note: string;
  from: string;
  to: string;
  /** ISO 4217 code of `revenue` (the shop's currency) */
  currency: string;
  totals: Counts;
  rates: Rates;
  /** most orders first, then most conversations, then by key */
  sources: SourceReport[];
  /** every day of the range, oldest first, summed over the sources in the report */
  days: DayCounts[];
  /** the totals per channel (`messenger`, `whatsapp`, `instagram`) of the sources in the report */
  channels: Record<string, Counts>;
}

export const zeroCounts = (): Counts =>
  Object.fromEntries(FUNNEL_EVENTS.map((e) => [e, 0])) as unknown as Counts;

function addInto(target: Counts, row: Counts): void {
  for (const e of FUNNEL_EVENTS) target[e] += row[e];
}

const ratio = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

export const ratesOf = (c: Counts): Rates => ({
  conversion: ratio(c.orders, c.conversations),
  viewToCart: ratio(c.addToCart, c.productViews),
  cartToCheckout: ratio(c.checkouts, c.addToCart),
  checkoutToOrder: ratio(c.orders, c.checkouts),
});

/** Sums the rows (any order) into the report for `query`; rows outside the range or of another source are left out. */
export function buildReport(
  rows: readonly FunnelRow[],
  query: AnalyticsQuery,
  currency: string,
): AnalyticsReport {
  const { from, to, source } = query;
  const bySource = new Map<string, { totals: Counts; days: Map<string, DayCounts> }>();
  const byDay = new Map<string, DayCounts>();
  for (let i = 0, n = daysBetween(from, to); i < n; i++) {
    const day = addDays(from, i);
    byDay.set(day, { day, ...zeroCounts() });
  }
  for (const row of rows) {
    if (row.day < from || row.day > to || (source !== undefined && row.source !== source)) continue;
    let s = bySource.get(row.source);
    if (!s) {
      s = { totals: zeroCounts(), days: new Map() };
      bySource.set(row.source, s);
    }
    addInto(s.totals, row);
    let d = s.days.get(row.day);
    if (!d) {
      d = { day: row.day, ...zeroCounts() };
      s.days.set(row.day, d);
    }
    addInto(d, row);
    const all = byDay.get(row.day);
    if (all) addInto(all, row);
  }
  const channels: Record<string, Counts> = {};
  for (const row of rows) {
    if (row.day < from || row.day > to || (source !== undefined && row.source !== source)) continue;
    for (const [channel, counts] of Object.entries(row.channels ?? {})) {
      const c = channels[channel] ?? zeroCounts();
      channels[channel] = c;
      for (const e of FUNNEL_EVENTS) c[e] += counts[e] ?? 0;
    }
  }
  const totals = zeroCounts();
  const sources: SourceReport[] = [];
  for (const [key, s] of bySource) {
    addInto(totals, s.totals);
    sources.push({
      source: key,
      totals: s.totals,
      rates: ratesOf(s.totals),
      days: [...s.days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    });
  }
  sources.sort(
    (a, b) =>
      b.totals.orders - a.totals.orders ||
      b.totals.conversations - a.totals.conversations ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0),
  );
  return {
    note: ORDERS_COUNTED,
    from,
    to,
    currency,
    totals,
    rates: ratesOf(totals),
    sources,
    days: [...byDay.values()],
    channels,
  };
}

/** Reads the shop's counters for the range and its currency, and builds the report. */
export async function loadReport(db: Db, shopId: string, query: AnalyticsQuery): Promise<AnalyticsReport> {
  const [rows, settings] = await Promise.all([
    readFunnel(db, shopId, query.from, query.to),
    getSettings(db, shopId),
  ]);
  return buildReport(rows, query, settings.currency);
}
