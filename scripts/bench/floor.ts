/**
 * The floor: the least a Meta webhook must do for a message, to compare Chatcart's turns with. It checks
 * `X-Hub-Signature-256` over the raw bytes (HMAC-SHA256, timingSafeEqual), parses the delivery, reads the
 * shopper's state (one GetItem), writes it back (one PutItem, through @aws-sdk/lib-dynamodb's document
 * client) and sends one reply (one Graph API POST with fetch), then answers 200. No dedup, no NLU, no cart.
 *
 * It is driven exactly like the real handler: in process with the same signed requests against the same
 * DynamoDB Local and fake Graph API (scripts/bench/turns.ts), and as a Lambda bundle built with the same
 * esbuild options for the cold start (scripts/bench/floorLambda.ts).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";

export type FloorChannel = "messenger" | "whatsapp";

export interface FloorRequest {
  method: string;
  headers: Record<string, string>;
  rawBody: Buffer;
}

export interface FloorResponse {
  statusCode: number;
  body: string;
}

export interface FloorRuntime {
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  table: string;
  appSecret: string;
  graphUrl: string;
  accounts: Record<FloorChannel, { id: string; token: string }>;
}

export function createFloorRuntime(env: Record<string, string | undefined>): FloorRuntime {
  const endpoint = env.DYNAMODB_ENDPOINT || undefined;
  const raw = new DynamoDBClient({
    region: env.AWS_REGION ?? "us-east-1",
    ...(endpoint ? { endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
  return {
    raw,
    doc: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    table: env.TABLE_NAME ?? "chatcart",
    appSecret: env.META_APP_SECRET ?? "dev-app-secret",
    graphUrl: env.META_GRAPH_URL ?? "http://127.0.0.1:9/v21.0",
    accounts: {
      messenger: {
        id: env.MESSENGER_PAGE_ID ?? "100000000000001",
        token: env.MESSENGER_PAGE_TOKEN ?? "dev-page-token",
      },
      whatsapp: {
        id: env.WHATSAPP_PHONE_NUMBER_ID ?? "200000000000002",
        token: env.WHATSAPP_TOKEN ?? "dev-wa-token",
      },
    },
  };
}

function verified(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header?.startsWith("sha256=")) return false;
  const given = Buffer.from(header.slice(7), "hex");
  const expected = createHmac("sha256", secret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Inbound {
  from: string;
  id: string;
  text: string;
}

/** The first shopper message of a delivery (text, or the payload of a tap), if any. */
function inbound(channel: FloorChannel, body: unknown): Inbound | undefined {
  if (channel === "messenger") {
    const e = (body as { entry?: Array<{ messaging?: Array<Record<string, never>> }> }).entry?.[0]
      ?.messaging?.[0] as
      | {
          sender?: { id?: string };
          message?: { mid?: string; text?: string };
          postback?: { mid?: string; payload?: string };
        }
      | undefined;
    const from = e?.sender?.id;
    const id = e?.message?.mid ?? e?.postback?.mid;
    if (!from || !id) return undefined;
    return { from, id, text: e?.message?.text ?? e?.postback?.payload ?? "" };
  }
  const m = (
    body as {
      entry?: Array<{ changes?: Array<{ value?: { messages?: Array<Record<string, never>> } }> }>;
    }
  ).entry?.[0]?.changes?.[0]?.value?.messages?.[0] as
    | {
        from?: string;
        id?: string;
        text?: { body?: string };
        interactive?: { button_reply?: { id?: string } };
      }
    | undefined;
  if (!m?.from || !m.id) return undefined;
  return { from: m.from, id: m.id, text: m.text?.body ?? m.interactive?.button_reply?.id ?? "" };
}

export async function handleFloor(
  channel: FloorChannel,
  req: FloorRequest,
  rt: FloorRuntime,
): Promise<FloorResponse> {
  if (req.method !== "POST") return { statusCode: 405, body: "" };
  if (!verified(req.rawBody, req.headers["x-hub-signature-256"], rt.appSecret)) {
    return { statusCode: 401, body: "" };
  }
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString("utf8"));
  } catch {
    return { statusCode: 400, body: "" };
  }
  const msg = inbound(channel, body);
  if (!msg) return { statusCode: 200, body: "EVENT_RECEIVED" };
  const key = { pk: `FLOOR#${channel}#${msg.from}`, sk: "STATE" };
  const res = await rt.doc.send(new GetCommand({ TableName: rt.table, Key: key, ConsistentRead: true }));
  const turns = ((res.Item?.turns as number | undefined) ?? 0) + 1;
  await rt.doc.send(
    new PutCommand({
      TableName: rt.table,
      Item: { ...key, turns, lastId: msg.id, lastText: msg.text.slice(0, 200), at: new Date().toISOString() },
    }),
  );
  const account = rt.accounts[channel];
  const reply =
    channel === "messenger"
      ? {
          recipient: { id: msg.from },
          messaging_type: "RESPONSE",
          message: { text: `You said: ${msg.text}` },
        }
      : {
          messaging_product: "whatsapp",
          to: msg.from,
          type: "text",
          text: { body: `You said: ${msg.text}` },
        };
  const sent = await fetch(`${rt.graphUrl}/${account.id}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${account.token}` },
    body: JSON.stringify(reply),
    signal: AbortSignal.timeout(2000),
  });
  await sent.arrayBuffer();
  return { statusCode: 200, body: "EVENT_RECEIVED" };
}
