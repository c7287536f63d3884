/**
 * The local stack's output (serverless-offline and the functions it runs in process), taken off this process's
 * stdout: scripts/stack.ts writes it there, as Buffers, when started with `verbose`. The JSON log lines of
 * lib/log.ts are read: warn and error lines are counted by event and message. Everything else is kept in a
 * short ring for when the stack fails. This process's own output (strings) passes through.
 */

export interface StackTap {
  /** warn/error lines by `level event: message`, most frequent first */
  problems(): Array<{ line: string; count: number }>;
  warnOrError(): number;
  /** the last lines that were not JSON logs */
  tail(): string[];
  stop(): void;
}

export function tapStack(): StackTap {
  const original = process.stdout.write;
  const problems = new Map<string, number>();
  const tail: string[] = [];
  let partial = "";
  let total = 0;
  const line = (text: string) => {
    if (!text.startsWith('{"level":')) {
      if (text.trim()) {
        tail.push(text.slice(0, 300));
        if (tail.length > 40) tail.shift();
      }
      return;
    }
    try {
      const e = JSON.parse(text) as { level?: string; event?: string; error?: { message?: string } };
      if (e.level === "warn" || e.level === "error") {
        total++;
        const key = `${e.level} ${e.event ?? "?"}${e.error?.message ? `: ${e.error.message}` : ""}`;
        problems.set(key, (problems.get(key) ?? 0) + 1);
      }
    } catch {
      // a line split oddly: ignore
    }
  };
  process.stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (typeof chunk === "string") return original.call(this, chunk, ...(rest as [])) as boolean;
    const text = partial + (Buffer.isBuffer(chunk) ? chunk.toString("utf8") : String(chunk));
    const lines = text.split("\n");
    partial = lines.pop() ?? "";
    for (const l of lines) line(l);
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    if (callback) queueMicrotask(callback);
    return true;
  } as typeof process.stdout.write;
  return {
    problems: () =>
      [...problems.entries()].map(([l, count]) => ({ line: l, count })).sort((a, b) => b.count - a.count),
    warnOrError: () => total,
    tail: () => [...tail],
    stop() {
      process.stdout.write = original;
    },
  };
}
