/**
 * JSON logs, one line per event. Values under secret-looking keys are dropped and phone-number-like ids are
 * masked, so no token, secret or full phone number reaches CloudWatch.
 */
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /token|secret|authorization|signature|password/i;

// Set from the parsed config (`log.setLevel`): config.ts is the only reader of the environment.
let threshold: Level = "info";

/** Keeps the last 4 digits of anything that looks like a phone number or a user id. */
export const maskId = (id: string): string =>
  id.length <= 4 ? "****" : `${"*".repeat(id.length - 4)}${id.slice(-4)}`;

function scrub(value: unknown, depth = 0): unknown {
  if (depth > 4) return "[deep]";
  if (typeof value === "string") return value.replace(/\+?\d{8,}/g, (m) => maskId(m));
  if (value instanceof Error) return { name: value.name, message: scrub(value.message, depth + 1) };
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => scrub(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEY.test(k) ? "[redacted]" : scrub(v, depth + 1);
    return out;
  }
  return value;
}

function write(level: Level, event: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < ORDER[threshold]) return;
  const line = JSON.stringify({
    level,
    event,
    time: new Date().toISOString(),
    ...(scrub(fields ?? {}) as object),
  });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (event: string, fields?: Record<string, unknown>) => write("debug", event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write("info", event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write("warn", event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write("error", event, fields),
  setLevel: (level: Level) => {
    threshold = level;
  },
};
