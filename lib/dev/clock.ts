/**
 * Local only: `GET /dev/clock` and `POST /dev/clock` `{"advanceHours": 25}` (or `{"reset": true}`) move the
 * clock the whole local stack runs on (lib/clock.ts), so the 24 h window can close without waiting a day.
 * Answers `{offsetMs, now}`.
 */
import { z } from "zod/v4";
import { clockNow, syncClock } from "../clock";
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import { errorResponse, type HttpResponse, json } from "../http/respond";
import type { Db } from "../store/client";
import { moveClockOffset, readClockOffset } from "../store/devClock";

const Move = z.union([
  z.strictObject({
    advanceHours: z
      .number()
      .min(-24 * 366)
      .max(24 * 366),
  }),
  z.strictObject({ reset: z.literal(true) }),
]);

export async function clockRoute(req: HttpRequest, db: Db): Promise<HttpResponse> {
  try {
    let offsetMs: number;
    if (req.method === "POST") {
      let raw: unknown;
      try {
        raw = JSON.parse(req.rawBody.toString("utf8") || "null");
      } catch {
        throw new AppError("request.bad_json", "The body is not valid JSON.");
      }
      const parsed = Move.safeParse(raw);
      if (!parsed.success) {
        throw new AppError(
          "request.invalid",
          'Send {"advanceHours": n} or {"reset": true}.',
          z.treeifyError(parsed.error),
        );
      }
      offsetMs =
        "reset" in parsed.data
          ? await moveClockOffset(db, 0, true)
          : await moveClockOffset(db, Math.round(parsed.data.advanceHours * 3_600_000));
    } else offsetMs = await readClockOffset(db);
    await syncClock(db, false);
    return json(200, { offsetMs, now: new Date(Date.now() + offsetMs).toISOString() });
  } catch (e) {
    return errorResponse(e);
  }
}

export { clockNow };
