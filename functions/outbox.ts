/** Scheduled: sends what the webhooks could not send in time. */

import { createGraphClient } from "../lib/channels/meta/graph";
import { drainOutbox } from "../lib/channels/meta/sender";
import { getConfig } from "../lib/config";
import { log } from "../lib/log";
import { createDb } from "../lib/store/client";
import { createShopDirectory, defaultAccounts } from "../lib/store/shops";

const deps = getConfig().then((config) => {
  const db = createDb({ endpoint: config.dynamodbEndpoint, region: config.region, table: config.tableName });
  return {
    db,
    graph: createGraphClient({ baseUrl: config.graphUrl }),
    directory: createShopDirectory(db, defaultAccounts(config)),
  };
});

export const handler = async (): Promise<void> => {
  const { db, graph, directory } = await deps;
  const result = await drainOutbox(db, graph, (item) => directory.find(item.channel, item.accountId));
  // Every second locally, every minute deployed: an empty round is not worth a log line.
  if (result.sent + result.retried + result.gaveUp > 0) log.info("outbox.drained", { ...result });
  else log.debug("outbox.drained", { ...result });
};
