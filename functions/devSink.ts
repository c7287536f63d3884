/**
 * Local stage only: the Graph API sink (`POST /dev/graph/{version}/{accountId}/{edge}` for messages, the
 * profile edges and the template registry `…/{waba-id}/message_templates`, `GET /dev/graph/messages`, media at
 * `GET /dev/graph/{version}/{mediaId}` and `GET /dev/media/{mediaId}`, status webhooks `POST /dev/graph/statuses`),
 * the stack's clock (`GET|POST /dev/clock`),
 * the simulator's config (`GET /dev/chat/config`), its signed deliveries (`POST /dev/chat/deliver/{channel}`)
 * and the `/chat` page.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { syncClock } from "../lib/clock";
import { getConfig } from "../lib/config";
import { clockRoute } from "../lib/dev/clock";
import { deliverSigned } from "../lib/dev/deliver";
import { chatConfig, listSends, receiveSend, sinkChannel, templatesEdge } from "../lib/dev/sink";
import { mediaBytes, mediaMetadata, receiveProfile } from "../lib/dev/sinkMedia";
import { emitStatus } from "../lib/dev/statuses";
import { toHttpRequest } from "../lib/http/request";
import { json } from "../lib/http/respond";
import { createDb } from "../lib/store/client";
import { servePage } from "./pages";

const deps = getConfig().then((config) => ({
  config,
  db: createDb({ endpoint: config.dynamodbEndpoint, region: config.region, table: config.tableName }),
}));

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const d = await deps;
  // Never serve the dev secret or the sink from a real deployment, whatever the template says.
  if (d.config.deployed) return json(404, { error: { code: "not_found", message: "Not found." } });
  const req = toHttpRequest(event);
  await syncClock(d.db, d.config.deployed);
  if (req.path === "/dev/clock") return clockRoute(req, d.db);
  if (req.path === "/dev/graph/statuses" && req.method === "POST") return emitStatus(req, d.config);
  if (req.path.endsWith("/message_templates") && req.pathParams.accountId) return templatesEdge(req, d);
  if (req.method === "POST" && req.pathParams.accountId) {
    const edge = req.pathParams.edge ?? "messages";
    if (edge === "messages") return receiveSend(req, d);
    const found = sinkChannel(d.config, req.pathParams.accountId);
    if (!found) return json(404, { error: { code: "not_found", message: "Unknown account id." } });
    return receiveProfile(req, d, found.channel, found.token);
  }
  if (req.method === "GET" && req.path.startsWith("/dev/media/")) return mediaBytes(req, d);
  if (req.method === "GET" && req.pathParams.mediaId) return mediaMetadata(req, d);
  if (req.method === "POST" && req.pathParams.channel) return deliverSigned(req, d);
  if (req.path === "/dev/graph/messages") return listSends(req, d);
  if (req.path === "/dev/chat/config") return chatConfig(d);
  if (req.path === "/chat")
    return servePage("/chat", true) ?? json(404, { error: { code: "not_found", message: "Not found." } });
  return json(404, { error: { code: "not_found", message: "Not found." } });
};
