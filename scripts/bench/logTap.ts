/**
 * Counts the warn/error lines the code logs (lib/log.ts writes them as JSON lines to stderr) while the turns
 * run. A webhook acknowledges a delivery with 200 even when its turn failed, so these lines are how a broken
 * turn shows up; each distinct one is passed through only the first few times so they do not bury the tables.
 */
const PASS_THROUGH = 3;

export interface LogTap {
  /** warn/error lines since the last call */
  take(): number;
  /** distinct `level event: message` with their counts, most frequent first */
  distinct(): Array<{ line: string; count: number }>;
  stop(): void;
}

export function tapLogs(): LogTap {
  const original = process.stderr.write;
  const seen = new Map<string, number>();
  let pending = 0;
  process.stderr.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : "";
    let pass = true;
    for (const line of text.split("\n")) {
      if (!line.startsWith('{"level":')) continue;
      try {
        const entry = JSON.parse(line) as { level?: string; event?: string; error?: { message?: string } };
        if (entry.level !== "warn" && entry.level !== "error") continue;
        const key = `${entry.level} ${entry.event ?? "?"}${entry.error?.message ? `: ${entry.error.message}` : ""}`;
        const count = (seen.get(key) ?? 0) + 1;
        seen.set(key, count);
        pending++;
        if (count > PASS_THROUGH) pass = false;
      } catch {
        // not one of ours
      }
    }
    if (pass) return original.call(this, chunk as string, ...(rest as [])) as boolean;
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    if (callback) queueMicrotask(callback);
    return true;
  } as typeof process.stderr.write;
  return {
    take() {
      const n = pending;
      pending = 0;
      return n;
    },
    distinct() {
      return [...seen.entries()].map(([line, count]) => ({ line, count })).sort((a, b) => b.count - a.count);
    },
    stop() {
      process.stderr.write = original;
    },
  };
}
