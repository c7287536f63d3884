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

export function whatsappText(o: {
  waId: string;
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
              contacts: [{ profile: { name: o.name ?? "Test Shopper" }, wa_id: o.waId }],
              messages: [
                {
                  from: o.waId,
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

/** Meta escapes non-ASCII as \uXXXX in the bytes it signs. */
export const metaJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
