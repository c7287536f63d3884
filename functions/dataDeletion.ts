/**
 * Meta's data deletion callback (`POST /webhooks/data-deletion`) and its status page
 * (`GET /data-deletion/{code}`): lib/privacy/routes.ts. No botbuilder in this bundle.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { getConfig } from "../lib/config";
import { toHttpRequest } from "../lib/http/request";
import { log } from "../lib/log";
import { handlePrivacy } from "../lib/privacy/routes";
import { createDb } from "../lib/store/client";

const deps = getConfig().then((config) => {
  log.setLevel(config.logLevel);
  return {
    config,
    db: createDb({ endpoint: config.dynamodbEndpoint, region: config.region, table: config.tableName }),
  };
});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> =>
  handlePrivacy(toHttpRequest(event), await deps);
