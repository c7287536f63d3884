/** Scheduled: sends what the webhooks could not send in time. */
import { drainOutbox } from "../lib/channels/meta/sender";
import { getConfig } from "../lib/config";
import { sendingDeps } from "../lib/deps";
import { log } from "../lib/log";

// Built once per container (cold start), reused by every invocation.
const deps = getConfig().then((config) => ({ ...sendingDeps(config), config }));

export const handler = async (): Promise<void> => {
  const { db, graph, directory, config } = await deps;
  const result = await drainOutbox(
    db,
    graph,
    (item) => directory.find(item.channel, item.accountId),
    Date.now(),
    { graceMs: config.outboxGraceMs },
  );
  // Every second locally, every minute deployed: an empty round is not worth a log line.
  if (result.sent + result.retried + result.gaveUp > 0) log.info("outbox.drained", { ...result });
  else log.debug("outbox.drained", { ...result });
};
