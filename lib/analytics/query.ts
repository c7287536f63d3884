/**
 * The query of `GET /api/admin/analytics`: `from` and `to` (YYYY-MM-DD, UTC days, both inclusive) and an
 * optional `source` key. Pure: the caller passes the clock.
 */
import { z } from "zod/v4";
import { type FieldError, fieldErrors } from "../catalog/schema";

/** Without `from`/`to`: the last 30 days, today (UTC) included. */
export const DEFAULT_RANGE_DAYS = 30;
/** A leap year: a whole year of days is one report, anything longer is refused (one Query per report). */
export const MAX_RANGE_DAYS = 366;

const DAY_MS = 86_400_000;

export interface AnalyticsQuery {
  from: string;
  to: string;
  /** only this source key (`ad:123`, `ref:summer`, `organic` …) */
  source?: string;
}

export type ParsedQuery = { ok: true; value: AnalyticsQuery } | { ok: false; errors: FieldError[] };

/** The UTC day (YYYY-MM-DD) of an epoch ms time. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** `day` plus `n` days (n may be negative). */
export const addDays = (day: string, n: number): string => dayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);

/** Days from `from` to `to`, both counted (1 when they are equal, 0 or less when from > to). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

const day = z.iso.date({ error: "must be a date as YYYY-MM-DD" });

const Query = z.object({
  from: day.optional(),
  to: day.optional(),
  source: z
    .string()
    .min(1, "must not be empty")
    .max(200, "must be at most 200 characters (a source key from this report)")
    .optional(),
});

/** Validates the query (unknown parameters are ignored) and fills in the default range from `now`. */
export function parseAnalyticsQuery(query: Record<string, string | undefined>, now: number): ParsedQuery {
  const parsed = Query.safeParse(query);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const { source } = parsed.data;
  const to = parsed.data.to ?? dayOf(now);
  const from = parsed.data.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  const days = daysBetween(from, to);
  if (days < 1) return { ok: false, errors: [{ path: "from", message: `must not be after to (${to})` }] };
  if (days > MAX_RANGE_DAYS) {
    return {
      ok: false,
      errors: [
        {
          path: "to",
          message: `must be at most ${MAX_RANGE_DAYS} days from from (${from}); this is ${days}`,
        },
      ],
    };
  }
  return { ok: true, value: { from, to, ...(source !== undefined && { source }) } };
}
