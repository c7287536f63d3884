/**
 * Everything a webhook container needs, built once per container (cold start) and reused by every
 * invocation: config, DynamoDB clients, the Graph client, the shop directory and one adapter per channel.
 */
import { createGraphClient, type GraphClient } from "../channels/meta/graph";
import type { ChannelId } from "../channels/types";
import { type Config, getConfig } from "../config";
import { log } from "../log";
import { warmUp } from "../nlu";
import { createDb, type Db } from "../store/client";
import { createShopDirectory, defaultAccounts, type ShopDirectory } from "../store/shops";
import { InstagramAdapter, MessengerAdapter, type MetaAdapter, WhatsAppAdapter } from "./metaAdapter";
import { TranscriptMiddleware } from "./transcript";

export interface Runtime {
  config: Config;
  db: Db;
  graph: GraphClient;
  directory: ShopDirectory;
  adapters: Record<ChannelId, MetaAdapter>;
}

export function createRuntime(
  config: Config,
  overrides: Partial<Pick<Runtime, "graph" | "db">> = {},
): Runtime {
  log.setLevel(config.logLevel);
  // The NLU vocabulary and classifier (~0.3 s) are built at cold start, outside any webhook's time budget.
  warmUp();
  const db =
    overrides.db ??
    createDb({ endpoint: config.dynamodbEndpoint, region: config.region, table: config.tableName });
  const graph = overrides.graph ?? createGraphClient({ baseUrl: config.graphUrl });
  const directory = createShopDirectory(db, defaultAccounts(config));
  const transcript = new TranscriptMiddleware(db);
  const adapters = {
    messenger: new MessengerAdapter({ graph, db }).use(transcript),
    whatsapp: new WhatsAppAdapter({ graph, db }).use(transcript),
    instagram: new InstagramAdapter({ graph, db }).use(transcript),
  };
  for (const adapter of Object.values(adapters)) {
    adapter.onTurnError = async (_context, error) => {
      log.error("bot.turn_error", { error });
    };
  }
  return {
    config,
    db,
    graph,
    directory,
    adapters,
  };
}

let cached: Promise<Runtime> | undefined;

/** The container's runtime, built on first use. */
export function getRuntime(): Promise<Runtime> {
  cached ??= getConfig().then((c) => createRuntime(c));
  return cached;
}
