/** `/api/admin/*`: the merchant's API (lib/admin/routes.ts). */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { handleAdmin } from "../lib/admin/routes";
import { getConfig } from "../lib/config";
import { toHttpRequest } from "../lib/http/request";
import { log } from "../lib/log";
import { createDb } from "../lib/store/client";

// Built once per container (cold start), reused by every invocation.
const deps = getConfig().then((config) => {
  log.setLevel(config.logLevel);
  return {
    config,
    db: createDb({ endpoint: config.dynamodbEndpoint, region: config.region, table: config.tableName }),
  };
});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> =>
  handleAdmin(toHttpRequest(event), await deps);
