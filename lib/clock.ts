/**
 * The time the stack runs on. Deployed, it is the real clock. Locally (`npm start`, the tests' stack) it is the
 * real clock plus an offset kept in the table, which `POST /dev/clock` moves (lib/dev/clock.ts), so anyone can
 * watch what happens after Meta's 24 h window closes without waiting a day. Each local function reads the
 * offset at the start of a request ({@link syncClock}); serverless-offline may run each function in its own
 * worker, so a module variable alone would not be shared.
 *
 * Platform timestamps (a webhook's `timestamp`) are real time: locally {@link shiftToClock} moves them onto
 * the stack's clock, so a shopper who writes after the clock moved has an open window again.
 */
import type { Db } from "./store/client";
import { readClockOffset } from "./store/devClock";

let offsetMs = 0;
let readAt = 0;
/** how long a read offset is trusted (a burst of requests reads it once) */
const FRESH_MS = 250;

/** Epoch ms on the stack's clock. */
export const clockNow = (): number => Date.now() + offsetMs;

/** A real (platform) time on the stack's clock. */
export const shiftToClock = (ms: number): number => ms + offsetMs;

/** Reads the local offset (no-op deployed: the offset stays 0 there). Never throws. */
export async function syncClock(db: Db, deployed: boolean): Promise<void> {
  if (deployed || Date.now() - readAt < FRESH_MS) return;
  try {
    offsetMs = await readClockOffset(db);
    readAt = Date.now();
  } catch {
    // no table yet (first start): the real clock
  }
}

/** Tests of pure code that set the offset directly. */
export function setClockOffsetForTests(ms: number): void {
  offsetMs = ms;
  readAt = Date.now();
}
