/** `/api/agent/*`: the support staff's API (lib/agent/routes.ts). No botbuilder in this bundle. */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { handleAgent } from "../lib/agent/routes";
import { createGraphClient } from "../lib/channels/meta/graph";
import { getConfig } from "../lib/config";
import { toHttpRequest } from "../lib/http/request";
import { log } from "../lib/log";
import { createDb } from "../lib/store/client";
import { createShopDirectory, defaultAccounts } from "../lib/store/shops";

// Built once per container (cold start), reused by every invocation.
const deps = getConfig().then((config) => {
  log.setLevel(config.logLevel);
  const db = createDb({ endpoint: config.dynamodbEndpoint, region: config.region, table: config.tableName });
  return {
    config,
    db,
    graph: createGraphClient({ baseUrl: config.graphUrl }),
    directory: createShopDirectory(db, defaultAccounts(config)),
  };
});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> =>
  handleAgent(toHttpRequest(event), await deps);
