/**
 * Scheduled: gives conversations back to the bot when no person acted on them for the shop's idle time. A
 * waiting one nobody took also tells the shopper and the agents (lib/handover/returned.ts).
 */
import { getConfig } from "../lib/config";
import { sendingDeps } from "../lib/deps";
import { tellReturnedToBot } from "../lib/handover/returned";
import { releaseIdleConversations } from "../lib/handover/service";
import { log } from "../lib/log";
import { getSettings } from "../lib/store/settings";

const deps = getConfig().then(sendingDeps);

export const handler = async (): Promise<void> => {
  const d = await deps;
  const now = Date.now();
  const result = await releaseIdleConversations(
    d.db,
    async (shopId) => (await getSettings(d.db, shopId)).handover,
    now,
    async (before) => {
      if (before.status !== "waiting") return;
      await tellReturnedToBot(d, before, await getSettings(d.db, before.shopId), now);
    },
  );
  if (result.released + result.rescheduled + result.dropped > 0)
    log.info("handover.idle_checked", { ...result });
};
