/**
 * The HTTP request as Chatcart's code sees it, built from an API Gateway HTTP API (payload 2.0) event:
 * lower-cased headers and the raw body bytes (base64 decoded when API Gateway encoded them). Each handler
 * checks the size against its own limit (`MAX_BODY_BYTES` for JSON) before it looks at the body.
 */
import type { APIGatewayProxyEventV2 } from "aws-lambda";

export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  pathParams: Record<string, string>;
  /** the exact bytes the client sent */
  rawBody: Buffer;
}

/** Meta's webhook payloads stay far below this; anything larger is refused with 413 unread. */
export const MAX_BODY_BYTES = 256 * 1024;

export function toHttpRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query[k] = v;
  const pathParams: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.pathParameters ?? {})) if (v !== undefined) pathParams[k] = v;
  const body = event.body ?? "";
  return {
    method: (event.requestContext?.http?.method ?? "GET").toUpperCase(),
    path: event.rawPath ?? event.requestContext?.http?.path ?? "/",
    headers,
    query,
    pathParams,
    rawBody: event.isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8"),
  };
}
