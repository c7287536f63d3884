/**
 * Builders for Meta webhook deliveries (shaped like tests/fixtures), signing, and reading the local Graph
 * API sink. Fixture factories take overrides; ids default to unique values so tests never collide.
 */
import { randomInt } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { signBody } from "../../lib/channels/meta/signature";
import type { HttpRequest } from "../../lib/http/request";
import { readdress } from "../../scripts/fuzz/mutate";

export const APP_SECRET = "dev-app-secret";
export const PAGE_ID = "100000000000001";
export const PHONE_NUMBER_ID = "200000000000002";
export const FIXTURES = join(__dirname, "../fixtures");

export const newPsid = () => `9${randomInt(10 ** 7, 10 ** 8 - 1)}${randomInt(10 ** 7, 10 ** 8 - 1)}`;
export const newWaId = () => `65${randomInt(10 ** 8, 10 ** 9 - 1)}`;

export const INSTAGRAM_ACCOUNT_ID = "178414000000003";
export const newIgsid = () => `17${randomInt(10 ** 7, 10 ** 8 - 1)}${randomInt(10 ** 6, 10 ** 7 - 1)}`;
/** A WhatsApp business-scoped user id, as Meta shapes them (`US.13491208655302741918`). */
export const newBsuid = (country = "SG") =>
  `${country}.${randomInt(10 ** 9, 10 ** 10 - 1)}${randomInt(10 ** 9, 10 ** 10 - 1)}`;

export {
  instagramPostback,
  instagramQuickReply,
  instagramText,
  messengerPostback,
  messengerQuickReply,
  messengerText,
  metaAttachment,
  metaJson,
  whatsappButton,
  whatsappMessage,
  whatsappText,
} from "../../lib/dev/deliveries";

export async function postWebhook(
  baseUrl: string,
  channel: "messenger" | "whatsapp" | "instagram",
  body: string,
  signature: string | null = signBody(body, APP_SECRET),
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["X-Hub-Signature-256"] = signature;
  const res = await fetch(`${baseUrl}/webhooks/${channel}`, { method: "POST", headers, body });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // plain text
  }
  return { status: res.status, json };
}

export interface SinkMessage {
  cursor: string;
  channel: "messenger" | "whatsapp" | "instagram";
  accountId: string;
  body: Record<string, unknown>;
  /** `messenger_profile`, `conversational_automation` (welcome surfaces); absent for messages */
  edge?: string;
}

/**
 * Who a message went to: WhatsApp `to` (phone number) or `recipient` (BSUID), Messenger / Instagram
 * `recipient.id`. Sender actions (typing, seen: lib/bot/presence.ts) are not messages: undefined.
 */
export const recipientOf = (m: SinkMessage): string | undefined => {
  if (m.body.sender_action !== undefined) return undefined;
  const recipient = m.body.recipient;
  return (
    (m.body.to as string | undefined) ??
    (typeof recipient === "string" ? recipient : (recipient as { id?: string } | undefined)?.id)
  );
};

/**
 * Everything the sink holds, oldest first. The sink answers at most 200 messages per call from a cursor, so
 * this follows the cursors (its pages overlap by a few seconds: duplicates are dropped by cursor).
 */
export async function allSinkMessages(baseUrl: string): Promise<SinkMessage[]> {
  const seen = new Map<string, SinkMessage>();
  let after = "";
  for (let page = 0; page < 1000; page++) {
    const res = await fetch(`${baseUrl}/dev/graph/messages?after=${encodeURIComponent(after)}`);
    const { messages, cursor } = (await res.json()) as { messages: SinkMessage[]; cursor: string };
    let fresh = 0;
    for (const m of messages) {
      if (!seen.has(m.cursor)) fresh++;
      seen.set(m.cursor, m);
    }
    if (fresh === 0 || cursor === after) break;
    after = cursor;
  }
  return [...seen.values()].sort((a, b) => (a.cursor < b.cursor ? -1 : 1));
}

/** The WhatsApp read receipt for an inbound message id, waiting for it. */
export async function readReceipt(
  baseUrl: string,
  wamid: string,
  timeoutMs = 15_000,
): Promise<SinkMessage | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const messages = await allSinkMessages(baseUrl);
    const found = messages.find((m) => m.body.status === "read" && m.body.message_id === wamid);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}

/** Everything the sink received for `recipient`, waiting until `count` messages arrived (or the timeout). */
export async function sinkFor(
  baseUrl: string,
  recipient: string,
  opts: { count?: number; timeoutMs?: number } = {},
): Promise<SinkMessage[]> {
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  const count = opts.count ?? 1;
  let found: SinkMessage[] = [];
  while (Date.now() < deadline) {
    found = (await allSinkMessages(baseUrl)).filter((m) => recipientOf(m) === recipient);
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  return found;
}

/** The shopper ids used in the fixtures. */
export const FIXTURE_USER = { messenger: "9876543210987654", whatsapp: "972987654321" } as const;

/**
 * A fixture file with its page / phone number id replaced by the default shop's, the shopper replaced by
 * `userId` and every message id made unique (several fixtures share `wamid.xyzxyz`).
 */
export function fixtureFor(channel: "messenger" | "whatsapp", file: string, userId?: string): string {
  let raw = readdress(channel, readFileSync(join(FIXTURES, channel, file), "utf8"));
  if (userId) {
    raw = raw.replaceAll(`"${FIXTURE_USER[channel]}"`, `"${userId}"`);
    // every pywa payload names the same business-scoped user id: one per shopper here, as on WhatsApp
    raw = raw.replace(
      /"(user_id|parent_user_id|from_user_id|recipient_user_id)"\s*:\s*"([A-Z]{2}\.(?:ENT\.)?)\d+"/g,
      (_, key: string, prefix: string) => `"${key}": "${prefix}${userId}"`,
    );
  }
  return asIfNow(raw);
}

/**
 * A recorded payload replayed as if sent now: the local sink keeps Meta's 24 h window
 * (lib/dev/sinkTemplates.ts), and a reply to a message of years ago would be refused there as it is by Meta.
 */
export function asIfNow(raw: string): string {
  const now = Date.now();
  return raw
    .replace(/"timestamp"\s*:\s*"\d{10}"/g, `"timestamp": "${Math.floor(now / 1000)}"`)
    .replace(/"(timestamp|time)"\s*:\s*\d{13}/g, (_, k) => `"${k}": ${now}`)
    .replace(
      /"(timestamp|time)"\s*:\s*"\d{4}-\d\d-\d\d[^"]*"/g,
      (_, k) => `"${k}": "${new Date(now).toISOString()}"`,
    );
}
export const fixtureFiles = (channel: "messenger" | "whatsapp") =>
  readdirSync(join(FIXTURES, channel)).filter((f) => f.endsWith(".json") && f !== "signed_pair.json");

/** A correctly signed webhook POST as the HTTP layer hands it to `handleWebhook` (no stack needed). */
export const signedWebhookRequest = (
  channel: "messenger" | "whatsapp" | "instagram",
  raw: string,
): HttpRequest => ({
  method: "POST",
  path: `/webhooks/${channel}`,
  headers: { "content-type": "application/json", "x-hub-signature-256": signBody(raw, APP_SECRET) },
  query: {},
  pathParams: {},
  rawBody: Buffer.from(raw),
});
