/**
 * Meta webhook deliveries as the platforms send them (shaped like tests/fixtures), for the tests, the
 * benchmark and local tools. Dev-only: no function imports it.
 */
import { randomUUID } from "node:crypto";

export const DEFAULT_PAGE_ID = "100000000000001";
export const DEFAULT_PHONE_NUMBER_ID = "200000000000002";

export function messengerText(o: { psid: string; text: string; mid?: string; pageId?: string; at?: number }) {
  const now = o.at ?? Date.now();
  const pageId = o.pageId ?? DEFAULT_PAGE_ID;
  return {
    object: "page",
    entry: [
      {
        id: pageId,
        time: now,
        messaging: [
          {
            sender: { id: o.psid },
            recipient: { id: pageId },
            timestamp: now,
            message: { mid: o.mid ?? `m_${randomUUID()}`, text: o.text },
          },
        ],
      },
    ],
  };
}

/**
 * A WhatsApp text. `bsuid` adds the business-scoped user id (`contacts[].user_id`, `from_user_id`); without
 * `waId` the delivery is a username-only shopper's (no `wa_id`, no `from`).
 */
export function whatsappText(o: {
  waId?: string;
  bsuid?: string;
  username?: string;
  text: string;
  wamid?: string;
  name?: string;
  phoneNumberId?: string;
  at?: number;
}) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "300000000000003",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: {
                display_phone_number: "15550000002",
                phone_number_id: o.phoneNumberId ?? DEFAULT_PHONE_NUMBER_ID,
              },
              contacts: [
                {
                  profile: { name: o.name ?? "Test Shopper", ...(o.username && { username: o.username }) },
                  ...(o.waId && { wa_id: o.waId }),
                  ...(o.bsuid && { user_id: o.bsuid }),
                },
              ],
              messages: [
                {
                  ...(o.waId && { from: o.waId }),
                  ...(o.bsuid && { from_user_id: o.bsuid }),
                  id: o.wamid ?? `wamid.${randomUUID()}`,
                  timestamp: String(Math.floor((o.at ?? Date.now()) / 1000)),
                  type: "text",
                  text: { body: o.text },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

/** A Messenger postback (a tap on a card or template button). */
export function messengerPostback(o: {
  psid: string;
  payload: string;
  title?: string;
  mid?: string;
  at?: number;
}) {
  const now = o.at ?? Date.now();
  return {
    object: "page",
    entry: [
      {
        id: DEFAULT_PAGE_ID,
        time: now,
        messaging: [
          {
            sender: { id: o.psid },
            recipient: { id: DEFAULT_PAGE_ID },
            timestamp: now,
            postback: { mid: o.mid ?? `m_${randomUUID()}`, title: o.title ?? o.payload, payload: o.payload },
          },
        ],
      },
    ],
  };
}

/** A Messenger quick reply tap (the title comes as the message text). */
export function messengerQuickReply(o: {
  psid: string;
  payload: string;
  title?: string;
  mid?: string;
  at?: number;
}) {
  const delivery = messengerText({ psid: o.psid, text: o.title ?? o.payload, mid: o.mid, at: o.at });
  const event = delivery.entry[0]?.messaging[0] as { message: Record<string, unknown> };
  event.message.quick_reply = { payload: o.payload };
  return delivery;
}

/** A WhatsApp message of another type (`interactive`, `order`, `location` …), in the text envelope. */
export function whatsappMessage(o: {
  waId?: string;
  bsuid?: string;
  wamid?: string;
  name?: string;
  at?: number;
  message: Record<string, unknown>;
}) {
  const delivery = whatsappText({
    waId: o.waId,
    bsuid: o.bsuid,
    text: "",
    wamid: o.wamid,
    name: o.name,
    at: o.at,
  });
  const value = delivery.entry[0]?.changes[0]?.value;
  const base = value?.messages[0] as Record<string, unknown>;
  delete base.text;
  Object.assign(base, o.message);
  return delivery;
}

/** A WhatsApp reply button tap. */
export const whatsappButton = (o: {
  waId?: string;
  bsuid?: string;
  id: string;
  title?: string;
  wamid?: string;
  at?: number;
}) =>
  whatsappMessage({
    ...o,
    message: {
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: o.id, title: o.title ?? o.id } },
    },
  });

export const DEFAULT_INSTAGRAM_ACCOUNT_ID = "178414000000003";

/** An Instagram Direct message (the Messenger shape, `object: "instagram"`, IGSID as sender). */
export function instagramText(o: {
  igsid: string;
  text: string;
  mid?: string;
  accountId?: string;
  at?: number;
}) {
  const delivery = messengerText({
    psid: o.igsid,
    text: o.text,
    mid: o.mid ?? `aWdfZAG1faXRlbT${randomUUID()}`,
    pageId: o.accountId ?? DEFAULT_INSTAGRAM_ACCOUNT_ID,
    at: o.at,
  });
  return { ...delivery, object: "instagram" };
}

/** An Instagram quick reply tap. */
export function instagramQuickReply(o: { igsid: string; payload: string; title?: string; mid?: string }) {
  const delivery = instagramText({ igsid: o.igsid, text: o.title ?? o.payload, mid: o.mid });
  const event = delivery.entry[0]?.messaging[0] as { message: Record<string, unknown> };
  event.message.quick_reply = { payload: o.payload };
  return delivery;
}

/** An Instagram postback (a generic template button or an ice breaker). */
export function instagramPostback(o: { igsid: string; payload: string; title?: string; mid?: string }) {
  const delivery = instagramText({ igsid: o.igsid, text: "", mid: o.mid });
  const event = delivery.entry[0]?.messaging[0] as Record<string, unknown>;
  const { mid } = event.message as { mid: string };
  delete event.message;
  event.postback = { mid, title: o.title ?? o.payload, payload: o.payload };
  return delivery;
}

/** A shopper's photo (or other attachment) on Messenger or Instagram, by its CDN address. */
export function metaAttachment(o: {
  channel: "messenger" | "instagram";
  user: string;
  type: "image" | "audio" | "video" | "file";
  url: string;
  mid?: string;
}) {
  const delivery =
    o.channel === "instagram"
      ? instagramText({ igsid: o.user, text: "", mid: o.mid })
      : messengerText({ psid: o.user, text: "", mid: o.mid });
  const event = delivery.entry[0]?.messaging[0] as { message: Record<string, unknown> };
  delete event.message.text;
  event.message.attachments = [{ type: o.type, payload: { url: o.url } }];
  return delivery;
}

/** Meta escapes non-ASCII as \uXXXX in the bytes it signs. */
export const metaJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
