/** `/api/admin/*`: the merchant's API (lib/admin/routes.ts). No botbuilder in this bundle. */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { handleAdmin } from "../lib/admin/routes";
import { getConfig } from "../lib/config";
import { sendingDeps } from "../lib/deps";
import { toHttpRequest } from "../lib/http/request";
import { log } from "../lib/log";

// Built once per container (cold start), reused by every invocation. The Graph client and the shop directory
// send order updates to shoppers (lib/orders/notify.ts).
const deps = getConfig().then((config) => {
  log.setLevel(config.logLevel);
  return { config, ...sendingDeps(config) };
});

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> =>
  handleAdmin(toHttpRequest(event), await deps);
