/** Scheduled: reminds shoppers of carts they left, once per cart, inside Meta's window (lib/reminders). */
import { createGraphClient } from "../lib/channels/meta/graph";
import { getConfig } from "../lib/config";
import { log } from "../lib/log";
import { sendCartReminders } from "../lib/reminders/cartReminder";
import { createDb } from "../lib/store/client";
import { createShopDirectory, defaultAccounts } from "../lib/store/shops";

const deps = getConfig().then((config) => {
  log.setLevel(config.logLevel);
  const db = createDb({ endpoint: config.dynamodbEndpoint, region: config.region, table: config.tableName });
  return {
    db,
    graph: createGraphClient({ baseUrl: config.graphUrl }),
    directory: createShopDirectory(db, defaultAccounts(config)),
  };
});

export const handler = async (): Promise<void> => {
  const result = await sendCartReminders(await deps);
  const dropped = Object.values(result.dropped).reduce((a, b) => a + (b ?? 0), 0);
  // every 10 s locally: an idle round is not worth an info line
  if (result.sent + result.queued + result.failed + dropped > 0)
    log.info("cart.reminders_run", { ...result });
  else log.debug("cart.reminders_run", { ...result });
};
