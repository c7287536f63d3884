/**
 * Media the shopper sends (photos, voice notes, videos, documents, stickers), read from the raw platform
 * message into `channelData.media` and the message kind, for every channel:
 *
 * - Messenger and Instagram: `message.attachments[]` of type `image` (a `sticker_id` makes it a sticker), `audio`,
 *   `video`, `file`, each with a CDN address in `payload.url`;
 *   https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
 * - WhatsApp: a message of type `image`, `audio` (`voice: true` for a voice note), `video`, `document` or
 *   `sticker` with a Graph media id, fetched later with the shop's token (lib/media/fetch.ts).
 *   https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components
 *
 * Pure: the parsers call it on what they produced.
 */

import { isRecord } from "./record";
import type { InboundMedia, MediaKind, ParsedDelivery } from "./types";

type Item = ParsedDelivery["items"][number];

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

const MESSENGER_KINDS: Record<string, MediaKind> = {
  image: "image",
  audio: "audio",
  video: "video",
  file: "file",
};
const WHATSAPP_KINDS: Record<string, MediaKind> = {
  image: "image",
  audio: "audio",
  video: "video",
  document: "file",
  sticker: "sticker",
};

/** The media of a Messenger / Instagram messaging event (the first attachment that is media). */
export function messengerMedia(event: unknown): InboundMedia | undefined {
  const message = isRecord(event) && isRecord(event.message) ? event.message : undefined;
  const attachments = Array.isArray(message?.attachments) ? message.attachments : [];
  for (const a of attachments) {
    if (!isRecord(a)) continue;
    const kind = MESSENGER_KINDS[String(a.type)];
    if (!kind) continue;
    const payload = isRecord(a.payload) ? a.payload : {};
    const sticker = payload.sticker_id !== undefined && kind === "image";
    return { kind: sticker ? "sticker" : kind, ...(str(payload.url) && { url: str(payload.url) }) };
  }
  return undefined;
}

/** The media of a WhatsApp message object. */
export function whatsappMedia(message: unknown): InboundMedia | undefined {
  if (!isRecord(message)) return undefined;
  const kind = WHATSAPP_KINDS[String(message.type)];
  const part = kind ? message[String(message.type)] : undefined;
  if (!kind || !isRecord(part) || !str(part.id)) return undefined;
  return {
    kind,
    id: str(part.id),
    ...(str(part.mime_type) && { mimeType: str(part.mime_type) }),
    ...(str(part.caption) && { caption: str(part.caption) }),
  };
}

/** Items whose raw message carries media get its kind and `channelData.media` (the rest stay as they are). */
export function annotateMedia(parsed: ParsedDelivery, read = messengerMedia): ParsedDelivery {
  const items = parsed.items.map((item): Item => {
    const { activity } = item;
    if (activity.type !== "message") return item;
    const kind = activity.channelData.kind;
    if (kind !== "image" && kind !== "unsupported") return item;
    const media = read(activity.channelData.raw);
    if (!media) return item;
    return {
      ...item,
      activity: { ...activity, channelData: { ...activity.channelData, kind: media.kind, media } },
    };
  });
  return { ...parsed, items };
}
