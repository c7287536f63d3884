/**
 * Whose Messenger echo is this (pure)? Meta echoes every message sent from the page — by this app, by another
 * app, or by a person in Meta's Page Inbox — to every app subscribed to `message_echoes`. Ours are ignored; any
 * other is a person answering the shopper, i.e. a takeover.
 * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-echoes
 */

import { isOurMetadata, TAG_MARKER } from "../channels/meta/sendId";

/** Meta's Page Inbox as an app of the handover protocol. */
export const PAGE_INBOX_APP_ID = "263902037430900";

/**
 * Sent as `message.metadata` on every Messenger message of ours; Meta returns it in the echo. The sender
 * replaces it with `chatcart:{send id}` (lib/channels/meta/sendId.ts), which counts as ours too.
 */
export const ECHO_METADATA = TAG_MARKER;

export interface EchoFacts {
  appId?: string;
  metadata?: string;
  mid?: string;
}

/**
 * `ours` when the echo comes from this app: by app id when `META_APP_ID` is configured (authoritative);
 * otherwise by our metadata marker, or by a message id we recorded as sent (transcript `externalId`).
 * `sentIds` is only consulted when the cheaper checks did not decide, so callers may pass it lazily.
 */
export async function classifyEcho(
  echo: EchoFacts,
  opts: { metaAppId?: string; sentIds: () => Promise<Set<string>> },
): Promise<"ours" | "person"> {
  if (opts.metaAppId && echo.appId) return echo.appId === opts.metaAppId ? "ours" : "person";
  if (isOurMetadata(echo.metadata)) return "ours";
  if (echo.appId === PAGE_INBOX_APP_ID) return "person";
  if (echo.mid && (await opts.sentIds()).has(echo.mid)) return "ours";
  return "person";
}
