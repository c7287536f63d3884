/**
 * Local stage only: the Graph API sink (`POST /dev/graph/{version}/{accountId}/messages`, `GET /dev/graph/messages`),
 * the simulator's config (`GET /dev/chat/config`), its signed deliveries (`POST /dev/chat/deliver/{channel}`)
 * and the `/chat` page.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { getConfig } from "../lib/config";
import { deliverSigned } from "../lib/dev/deliver";
import { chatConfig, listSends, receiveSend } from "../lib/dev/sink";
import { toHttpRequest } from "../lib/http/request";
import { json, text } from "../lib/http/respond";
import { createDb } from "../lib/store/client";
import chatPage from "../web/chat.html";

const deps = getConfig().then((config) => ({
  config,
  db: createDb({ endpoint: config.dynamodbEndpoint, region: config.region, table: config.tableName }),
}));

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const d = await deps;
  // Never serve the dev secret or the sink from a real deployment, whatever the template says.
  if (d.config.deployed) return json(404, { error: { code: "not_found", message: "Not found." } });
  const req = toHttpRequest(event);
  if (req.method === "POST" && req.pathParams.accountId) return receiveSend(req, d);
  if (req.method === "POST" && req.pathParams.channel) return deliverSigned(req, d);
  if (req.path === "/dev/graph/messages") return listSends(req, d);
  if (req.path === "/dev/chat/config") return chatConfig(d);
  if (req.path === "/chat") return text(200, chatPage, "text/html; charset=utf-8");
  return json(404, { error: { code: "not_found", message: "Not found." } });
};
