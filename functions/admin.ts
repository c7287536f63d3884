/** `/api/admin/*`: the merchant's API (lib/admin/routes.ts). No botbuilder in this bundle. */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { handleAdmin } from "../lib/admin/routes";
import { clockNow, syncClock } from "../lib/clock";
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

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const d = await deps;
  // the local stack's clock (POST /dev/clock); the real one deployed
  await syncClock(d.db, d.config.deployed);
  return handleAdmin(toHttpRequest(event), { ...d, now: clockNow });
};
