/**
 * Bot Activity → Instagram Send API request bodies (`POST /{ig-account-id}/messages`).
 *
 * Instagram renders a subset of what Messenger does, so the Messenger mapping is the starting point and this
 * keeps only what Instagram shows:
 * - text of at most 1000 bytes (UTF-8) a message: longer text is split, the choices ride on the last part;
 * - text quick replies only (≤ 13, titles ≤ 20): Messenger's phone / email quick replies do not exist here;
 * - generic template cards (≤ 10 elements, title and subtitle ≤ 80, ≤ 3 `postback` / `web_url` buttons);
 * - images by URL (no `is_reusable`), and no `metadata` on the message (a Messenger-only field).
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message and
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/generic-template
 */
import type { Activity } from "botframework-schema";
import { toMessengerBodies } from "../messenger/send";
import { splitText } from "../text";
import type { GraphBody, OutboundOptions } from "../types";

export const INSTAGRAM_LIMITS = { textBytes: 1000, quickReplies: 13, elements: 10, buttons: 3 } as const;

type Message = Record<string, unknown>;
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** Splits text into parts of at most `maxBytes` UTF-8 bytes, between words where it can. */
export function splitBytes(text: string, maxBytes: number): string[] {
  if (bytes(text) <= maxBytes) return [text];
  // 4 bytes per code point at worst: a part of maxBytes/4 code points always fits; try wider cuts first
  for (const width of [
    maxBytes,
    Math.floor(maxBytes / 2),
    Math.floor(maxBytes / 3),
    Math.floor(maxBytes / 4),
  ]) {
    const parts = splitText(text, width);
    if (parts.every((p) => bytes(p) <= maxBytes)) return parts;
  }
  return splitText(text, Math.floor(maxBytes / 4));
}

const cleanMessage = (message: Message): Message[] => {
  const { metadata: _m, quick_replies, ...rest } = message;
  const quick = Array.isArray(quick_replies)
    ? (quick_replies as Message[])
        .filter((q) => q.content_type === "text")
        .map(({ image_url: _i, ...q }) => q)
    : [];
  const attachment = rest.attachment as Message | undefined;
  if (attachment?.type === "image") {
    const { is_reusable: _r, ...payload } = (attachment.payload ?? {}) as Message;
    rest.attachment = { ...attachment, payload };
  }
  const parts: Message[] =
    typeof rest.text === "string"
      ? splitBytes(rest.text, INSTAGRAM_LIMITS.textBytes).map((text) => ({ ...rest, text }))
      : [rest];
  const last = parts.at(-1);
  if (last && quick.length > 0) last.quick_replies = quick.slice(0, INSTAGRAM_LIMITS.quickReplies);
  return parts;
};

/** The Instagram Send API bodies for one bot activity, in the order to send them. */
export const toInstagramBodies = (
  activity: Partial<Activity>,
  recipientId: string,
  opts: OutboundOptions,
): GraphBody[] =>
  toMessengerBodies(activity, recipientId, opts).flatMap((body) => {
    const message = body.message as Message | undefined;
    if (!message) return [body];
    return cleanMessage(message).map((m) => ({ ...body, message: m }));
  });
