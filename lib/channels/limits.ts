/**
 * Length and range limits applied at the parsers, before any processing (issue 14: a 150 KB location address
 * held the whole local stack for 45 s). Texts are cut to the platform's own limit; ids and timestamps out of
 * range make the message malformed (reported in `ignored`, never claimed).
 *
 * - WhatsApp text body: 4,096 characters
 *   (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages#text-object)
 * - Messenger text: 2,000 characters (https://developers.facebook.com/docs/messenger-platform/send-messages)
 * - Other free-text fields (titles, captions, location name and address, referral fields, profile names) have
 *   no documented limit; 1,000 characters is far above anything real.
 */
import * as z from "zod/v4/mini";
import { capText } from "./text";

export const LIMITS = {
  /** the longest inbound text either platform allows (WhatsApp's 4,096) */
  text: 4096,
  /** any other free-text field */
  field: 1000,
  /** ids: mids, wamids, user ids, payloads ids */
  id: 256,
  /** postback and quick-reply payloads (Messenger allows 1,000) */
  payload: 1000,
} as const;

/** Epoch seconds up to 2100: a later (or negative) time is not a real message time, and a Date far out of range throws. */
export const SECONDS_RANGE = { min: 0, max: 4_102_444_800 } as const;

/** A string cut to `max` UTF-16 units. */
export const cappedString = (max: number) =>
  z.pipe(
    z.string(),
    z.transform((s: string) => capText(s, max)),
  );

/** An id: non-empty and not longer than {@link LIMITS.id}. */
export const boundedId = () => z.string().check(z.minLength(1), z.maxLength(LIMITS.id));
