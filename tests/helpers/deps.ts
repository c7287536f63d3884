/**
 * What the admin and agent routes need, over a test table: the config of a default local stack and a Graph
 * API client pointed where nothing listens (127.0.0.1:9), for tests whose sends may fail or never happen.
 */
import { createGraphClient } from "../../lib/channels/meta/graph";
import { parseConfig } from "../../lib/config";
import { createShopDirectory, defaultAccounts } from "../../lib/store/shops";
import type { TestDb } from "./db";

export async function offlineDeps(table: TestDb, now: () => number) {
  const config = await parseConfig({ LOG_LEVEL: "error" });
  return {
    db: table,
    config,
    graph: createGraphClient({ baseUrl: "http://127.0.0.1:9", timeoutMs: 100, baseDelayMs: 10 }),
    directory: createShopDirectory(table, defaultAccounts(config)),
    now,
  };
}
