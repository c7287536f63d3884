/**
 * Is the shop open (pure)? Opening hours are per weekday in the shop's IANA time zone; the local weekday and
 * time come from `Intl.DateTimeFormat`, so daylight saving time needs no code of ours.
 */
import { type OpeningHours, WEEKDAYS, type Weekday } from "../catalog/types";

const minutes = (hhmm: string): number => {
  const [h = "0", m = "0"] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
};

/** The weekday and minute of the day at `at` in `timezone`. */
export function localTime(timezone: string, at: Date): { day: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = part("weekday").slice(0, 3).toLowerCase() as Weekday;
  return { day, minute: Number(part("hour")) * 60 + Number(part("minute")) };
}

/**
 * True when `at` falls in an opening interval. Without opening hours the shop counts as always open (the
 * handover message then says only that a person will reply). An interval whose end is not after its start
 * runs past midnight into the next day.
 */
export function isOpen(hours: OpeningHours | undefined, at: Date): boolean {
  if (!hours) return true;
  let local: { day: Weekday; minute: number };
  try {
    local = localTime(hours.timezone, at);
  } catch {
    return true; // the schema checks the zone; a bad stored one must not make the shop look closed
  }
  const today = WEEKDAYS.indexOf(local.day);
  const yesterday = WEEKDAYS[(today + 6) % 7] as Weekday;
  const t = local.minute;
  for (const [from, to] of hours.days[local.day] ?? []) {
    const start = minutes(from);
    const end = minutes(to);
    if (end > start ? t >= start && t < end : t >= start) return true;
  }
  for (const [from, to] of hours.days[yesterday] ?? []) {
    const start = minutes(from);
    const end = minutes(to);
    if (end <= start && t < end) return true;
  }
  return false;
}
