/**
 * What the bench's and the load test's Graph API stand-ins share: reading a Graph POST (`/v{n}/{id}/{edge}`
 * with a JSON body) and answering in JSON, with Meta's error shape for what they do not serve.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The POST's account id, edge and body; undefined (answered 400 as Graph does) for anything else. */
export function readGraphPost(
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
): { accountId: string; edge: string; body: Record<string, unknown> } | undefined {
  const m = /^\/v[\d.]+\/(\d+)\/([a-z_]+)$/.exec(req.url ?? "");
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  if (req.method !== "POST" || !m || !body || typeof body !== "object") {
    answerJson(res, 400, {
      error: { message: "Unsupported request", type: "GraphMethodException", code: 100 },
    });
    return undefined;
  }
  return { accountId: m[1] ?? "", edge: m[2] ?? "", body };
}
