/** Scheduled: reminds shoppers of carts they left, once per cart, inside Meta's window (lib/reminders). */
import { clockNow, syncClock } from "../lib/clock";
import { getConfig } from "../lib/config";
import { sendingDeps } from "../lib/deps";
import { log } from "../lib/log";
import { sendCartReminders } from "../lib/reminders/cartReminder";

const deps = getConfig().then((config) => {
  log.setLevel(config.logLevel);
  return { deployed: config.deployed, ...sendingDeps(config) };
});

export const handler = async (): Promise<void> => {
  const d = await deps;
  await syncClock(d.db, d.deployed);
  const result = await sendCartReminders(d, clockNow());
  const dropped = Object.values(result.dropped).reduce((a, b) => a + (b ?? 0), 0);
  // every 10 s locally: an idle round is not worth an info line
  if (result.sent + result.queued + result.failed + dropped > 0)
    log.info("cart.reminders_run", { ...result });
  else log.debug("cart.reminders_run", { ...result });
};
