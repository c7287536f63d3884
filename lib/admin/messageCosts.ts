/**
 * The `messages` part of `GET /api/admin/analytics`: outbound messages per UTC day and cost category
 * (`free_form`, `utility_template`, `marketing_template`, `tagged`), so a merchant sees what is billable
 * (https://developers.facebook.com/docs/whatsapp/pricing). Counted by lib/outbound when a message goes out.
 */
import type { AnalyticsQuery } from "../analytics/query";
import { CATEGORIES, type Category } from "../outbound/types";
import type { Db } from "../store/client";
import { readOutboundCounts } from "../store/outbound";

type Counts = Record<Category, number>;
const zero = (): Counts => ({ free_form: 0, utility_template: 0, marketing_template: 0, tagged: 0 });

export async function outboundByDay(db: Db, shopId: string, q: Pick<AnalyticsQuery, "from" | "to">) {
  const rows = await readOutboundCounts(db, shopId, q.from, q.to);
  const days = new Map<string, Counts>();
  const totals = zero();
  for (const r of rows) {
    if (!(CATEGORIES as readonly string[]).includes(r.category)) continue;
    const c = r.category as Category;
    const day = days.get(r.day) ?? zero();
    day[c] += r.n;
    totals[c] += r.n;
    days.set(r.day, day);
  }
  return {
    totals,
    days: [...days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, counts]) => ({ day, ...counts })),
  };
}
