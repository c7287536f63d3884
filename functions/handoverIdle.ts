/** Scheduled: gives conversations back to the bot when no person acted on them for the shop's idle time. */
import { getConfig } from "../lib/config";
import { releaseIdleConversations } from "../lib/handover/service";
import { log } from "../lib/log";
import { createDb } from "../lib/store/client";
import { getSettings } from "../lib/store/settings";

const deps = getConfig().then((config) => {
  log.setLevel(config.logLevel);
  return {
    db: createDb({ endpoint: config.dynamodbEndpoint, region: config.region, table: config.tableName }),
  };
});

export const handler = async (): Promise<void> => {
  const { db } = await deps;
  const result = await releaseIdleConversations(
    db,
    async (shopId) => (await getSettings(db, shopId)).handover,
  );
  if (result.released + result.rescheduled + result.dropped > 0)
    log.info("handover.idle_checked", { ...result });
};
