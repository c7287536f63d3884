/**
 * What a Lambda that sends to shoppers builds once per container (at cold start), from the config: the table,
 * the Graph API client and the shop directory (which shop a Page or phone number belongs to, with its token);
 * the log level too.
 * No botbuilder here: the admin, agent and scheduled bundles use it.
 */
import { createGraphClient } from "./channels/meta/graph";
import type { Config } from "./config";
import { log } from "./log";
import { createMediaFetcher } from "./media/fetch";
import { createDb } from "./store/client";
import { createShopDirectory, defaultAccounts } from "./store/shops";

export function sendingDeps(config: Config) {
  log.setLevel(config.logLevel);
  const db = createDb({ endpoint: config.dynamodbEndpoint, region: config.region, table: config.tableName });
  return {
    db,
    graph: createGraphClient({ baseUrl: config.graphUrl }),
    directory: createShopDirectory(db, defaultAccounts(config)),
    media: createMediaFetcher({ graphUrl: config.graphUrl }),
    // the shop's message templates (lib/outbound/templateSync.ts)
    templates: { graphUrl: config.graphUrl, wabaId: config.whatsappBusinessAccountId },
  };
}
