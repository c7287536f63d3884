/**
 * The floor as a Lambda handler (API Gateway HTTP API, payload 2.0), bundled by the bench with the same
 * esbuild options as functions/webhook*.ts. GET answers Meta's verification handshake; POST is the floor turn
 * (scripts/bench/floor.ts). The runtime is built at the first call, as the real webhooks build theirs.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { createFloorRuntime, type FloorRuntime, handleFloor } from "./floor";

let rt: FloorRuntime | undefined;

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  rt ??= createFloorRuntime(process.env);
  const method = event.requestContext?.http?.method ?? "GET";
  const q = event.queryStringParameters ?? {};
  if (method === "GET") {
    const ok =
      q["hub.mode"] === "subscribe" &&
      q["hub.verify_token"] === (process.env.META_VERIFY_TOKEN ?? "dev-verify-token");
    return ok ? { statusCode: 200, body: q["hub.challenge"] ?? "" } : { statusCode: 403, body: "" };
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  const body = event.body ?? "";
  const channel = (event.rawPath ?? "").endsWith("/whatsapp") ? "whatsapp" : "messenger";
  return handleFloor(
    channel,
    {
      method,
      headers,
      rawBody: event.isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8"),
    },
    rt,
  );
};
