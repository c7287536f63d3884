/**
 * Our own id on every outgoing message (pure), in the field Meta gives back, so a send whose answer we never
 * saw (the attempt was cut to answer Meta's webhook in time) can be told apart from one Graph never took:
 *
 * - Messenger: `message.metadata` (at most 1,000 characters), returned as `message.metadata` in the
 *   `message_echoes` webhook
 *   (https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-echoes).
 * - WhatsApp: `biz_opaque_callback_data` (at most 512 characters), returned in every `statuses[]` entry of
 *   the message (sent, delivered, read, failed)
 *   (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages,
 *   https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components#statuses-object).
 * - Instagram: the Send API has no such field and its echoes carry no metadata (lib/channels/instagram/send.ts
 *   strips it), so an Instagram send cannot be tagged; docs/outbound.md says what that means.
 *
 * The id is the outbox id (`{idPrefix}#{position}`), so an echo names the outbox item directly. The tag is
 * `chatcart:{id}`: the `chatcart` prefix keeps telling our Messenger echoes from a person's (lib/handover/echo.ts).
 */
import { createHash } from "node:crypto";
import { isRecord } from "../record";
import type { ChannelId, GraphBody } from "../types";

/** The marker every tag starts with; `chatcart` alone is the untagged marker of older messages. */
export const TAG_MARKER = "chatcart";
const PREFIX = `${TAG_MARKER}:`;

/** The platforms' limits on the echoed field, in characters. */
export const TAG_LIMITS = { messenger: 1000, whatsapp: 512 } as const;

/** Longest id kept as is; a longer one (an odd inbound id) is replaced by its hash, well inside both limits. */
const MAX_PLAIN_ID = 200;

/**
 * The stable id of the `index`-th body sent under `idPrefix` (the inbound message, or a caller's request):
 * the same on a redelivery, a takeover or a retry, so the outbox never holds it twice.
 */
export function sendIdFor(idPrefix: string, index: number): string {
  const id = `${idPrefix}#${String(index).padStart(3, "0")}`;
  if (id.length <= MAX_PLAIN_ID) return id;
  return `h.${createHash("sha256").update(id).digest("hex")}`;
}

/**
 * The body with our id in the field Meta echoes, or the body unchanged when it is not a message that can carry
 * one (typing indicators, read receipts, Instagram) or when its sender set its own metadata.
 */
export function tagBody(channel: ChannelId, body: GraphBody, sendId: string): GraphBody {
  const tag = `${PREFIX}${sendId}`;
  if (channel === "messenger" && isRecord(body.message)) {
    const own = body.message.metadata;
    if (own !== undefined && own !== TAG_MARKER) return body;
    if (tag.length > TAG_LIMITS.messenger) return body;
    return { ...body, message: { ...body.message, metadata: tag } };
  }
  // a WhatsApp message has a `type`; a read receipt / typing indicator has `status: "read"` and cannot be tagged
  if (channel === "whatsapp" && typeof body.type === "string" && body.status === undefined) {
    if (body.biz_opaque_callback_data !== undefined || tag.length > TAG_LIMITS.whatsapp) return body;
    return { ...body, biz_opaque_callback_data: tag };
  }
  return body;
}

/** The send id a tag names, or undefined for anything else (a person's metadata, the bare marker). */
export function sendIdOfTag(tag: unknown): string | undefined {
  if (typeof tag !== "string" || !tag.startsWith(PREFIX)) return undefined;
  const id = tag.slice(PREFIX.length);
  return id.length > 0 && id.length <= MAX_PLAIN_ID ? id : undefined;
}

/** True for metadata we set (tagged or the bare marker): the echo is of our own message. */
export const isOurMetadata = (metadata: unknown): boolean =>
  metadata === TAG_MARKER || sendIdOfTag(metadata) !== undefined;
