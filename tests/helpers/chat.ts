/**
 * Conversation and API helpers for the stack tests (tests/e2e): what the shopper reads in a Graph API body,
 * one turn of a conversation (a delivery in, the shopper's new messages out), and the admin and agent APIs
 * with the dev tokens. Every function takes the stack's base URL first, as those in ./meta.ts do.
 */
import { expect } from "vitest";
import {
  allSinkMessages,
  instagramText,
  messengerText,
  metaJson,
  postWebhook,
  recipientOf,
  type SinkMessage,
  sinkFor,
  whatsappText,
} from "./meta";

export type Channel = "messenger" | "whatsapp" | "instagram";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field in the tests
export type Json = any;

/** The dev tokens the local stack accepts (serverless.yml, lib/config.ts). */
export const ADMIN_TOKEN = "dev-admin-token";
export const AGENT_TOKEN = "dev-agent-token";

/** The parts of Graph API bodies (both channels) these helpers read. */
interface GraphBody {
  message?: {
    text?: string;
    quick_replies?: Array<{ content_type: string; payload?: string }>;
  };
  text?: { body?: string };
  interactive?: {
    body?: { text?: string };
    action?: {
      buttons?: Array<{ reply: { id: string } }>;
      sections?: Array<{ rows: Array<{ id: string }> }>;
    };
  };
}

/** The text the shopper reads: a Messenger text, a WhatsApp text or an interactive message's body. */
export const textOf = (m: SinkMessage | undefined): string => {
  const b = (m?.body ?? {}) as GraphBody;
  return b.message?.text ?? b.text?.body ?? b.interactive?.body?.text ?? "";
};

/** The texts of the messages, one a line. */
export const joined = (ms: SinkMessage[]) => ms.map(textOf).join("\n");

/** Every payload the message offers (quick replies, reply buttons, list rows). */
export const payloadsOf = (m: SinkMessage): string[] => {
  const b = m.body as GraphBody;
  return [
    ...(b.message?.quick_replies ?? []).map((q) => q.payload ?? q.content_type),
    ...(b.interactive?.action?.buttons ?? []).map((x) => x.reply.id),
    ...(b.interactive?.action?.sections ?? []).flatMap((s) => s.rows.map((r) => r.id)),
  ];
};

/** The first payload of the messages that starts with `prefix`. */
export const payloadStarting = (ms: SinkMessage[], prefix: string) =>
  ms.flatMap(payloadsOf).find((p) => p.startsWith(prefix));

/** The order id (`CC-XXXXXX`) a message names. */
export const orderIdIn = (text: string) => /CC-[2-9A-Z]{6}/.exec(text)?.[0];

/** A text message from the shopper, as the channel delivers it. */
export const textDelivery = (channel: Channel, user: string, text: string) =>
  channel === "messenger"
    ? messengerText({ psid: user, text })
    : channel === "instagram"
      ? instagramText({ igsid: user, text })
      : whatsappText({ waId: user, text });

/** How many messages the shopper has had so far. */
export const seenBy = async (baseUrl: string, user: string) =>
  (await allSinkMessages(baseUrl)).filter((m) => recipientOf(m) === user).length;

/**
 * Posts a delivery (a value, or JSON text as it is) and returns the messages the shopper got for it: those
 * after the ones seen before, once at least `expected` arrived.
 */
export async function turn(
  baseUrl: string,
  channel: Channel,
  user: string,
  delivery: unknown,
  expected = 1,
): Promise<SinkMessage[]> {
  const before = await seenBy(baseUrl, user);
  const raw = typeof delivery === "string" ? delivery : metaJson(delivery);
  expect((await postWebhook(baseUrl, channel, raw)).status).toBe(200);
  return (await sinkFor(baseUrl, user, { count: before + expected })).slice(before);
}

/** The shopper writes `text`: {@link turn} with a text message. */
export const say = (baseUrl: string, channel: Channel, user: string, text: string) =>
  turn(baseUrl, channel, user, textDelivery(channel, user, text));

export interface ApiAnswer {
  status: number;
  /** the JSON answer; undefined when it is not JSON */
  body: Json;
}

async function callApi(
  baseUrl: string,
  api: "admin" | "agent",
  method: string,
  path: string,
  body: unknown,
  token: string,
): Promise<ApiAnswer> {
  const res = await fetch(`${baseUrl}/api/${api}/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

/** A call of the admin API (`/api/admin/{path}`), with the dev admin token unless `token` says otherwise. */
export const adminApi = (
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token = ADMIN_TOKEN,
) => callApi(baseUrl, "admin", method, path, body, token);

/** A call of the agent API (`/api/agent/{path}`), with the dev agent token unless `token` says otherwise. */
export const agentApi = (
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token = AGENT_TOKEN,
) => callApi(baseUrl, "agent", method, path, body, token);
