/**
 * Issue 11's message kinds: reactions (both channels), the WhatsApp number-change `system` message, Business
 * app echoes (`smb_message_echoes`), `context.referred_product` and unsupported kinds that say what they were.
 * Payload shapes as Meta documents them:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components (messages: reaction, system,
 * context.referred_product), the `smb_message_echoes` webhook reference, and
 * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-reactions
 */
import { describe, expect, it } from "vitest";
import { parseMessengerDelivery } from "../../../lib/channels/messenger/parse";
import { parseWhatsAppDelivery } from "../../../lib/channels/whatsapp/parse";

const metadata = { display_phone_number: "15550783881", phone_number_id: "106540352242922" };
const wa = (field: string, value: Record<string, unknown>) => ({
  object: "whatsapp_business_account",
  entry: [
    {
      id: "102290129340398",
      changes: [{ field, value: { messaging_product: "whatsapp", metadata, ...value } }],
    },
  ],
});
const message = (m: Record<string, unknown>) =>
  wa("messages", {
    contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
    messages: [
      {
        from: "16505551234",
        id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
        timestamp: "1749416383",
        ...m,
      },
    ],
  });

describe("WhatsApp message kinds", () => {
  it("a reaction is a reaction (an empty emoji removes it)", () => {
    const item = parseWhatsAppDelivery(
      message({
        type: "reaction",
        reaction: { message_id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NjNFN0U5QzMzMDM0NzE5RTQA", emoji: "👍" },
      }),
    ).items[0];
    expect(item?.activity.channelData).toMatchObject({ kind: "reaction", reaction: { emoji: "👍" } });
    const removed = parseWhatsAppDelivery(message({ type: "reaction", reaction: { message_id: "x" } }))
      .items[0];
    expect(removed?.activity.channelData).toMatchObject({ kind: "reaction", reaction: { emoji: "" } });
  });

  it("a number change carries the new WhatsApp id", () => {
    const item = parseWhatsAppDelivery(
      message({
        type: "system",
        system: {
          body: "User A changed from 16505551234 to 16505550000",
          new_wa_id: "16505550000",
          type: "user_changed_number",
        },
      }),
    ).items[0];
    expect(item?.activity.channelData).toMatchObject({
      kind: "system",
      system: { newUserId: "16505550000" },
    });
  });

  it("the older shape names the new number `wa_id` (and the old one `customer`)", () => {
    const item = parseWhatsAppDelivery(
      message({
        type: "system",
        system: {
          body: "NAME changed from 16505551234 to 16505550000",
          wa_id: "16505550000",
          type: "user_changed_number",
          customer: "16505551234",
        },
      }),
    ).items[0];
    expect(item?.activity.channelData).toMatchObject({
      kind: "system",
      system: { newUserId: "16505550000" },
    });
  });

  it("'Message business' on a product names the product", () => {
    const item = parseWhatsAppDelivery(
      message({
        type: "text",
        text: { body: "Is this still available?" },
        context: {
          from: "15550783881",
          id: "wamid.x",
          referred_product: { catalog_id: "194836987003835", product_retailer_id: "LINEN-BLUE-M" },
        },
      }),
    ).items[0];
    expect(item?.activity.channelData).toMatchObject({ kind: "text", referredProduct: "LINEN-BLUE-M" });
  });

  it("contacts and documents say what they were", () => {
    const item = parseWhatsAppDelivery(
      message({ type: "contacts", contacts: [{ name: { formatted_name: "Barbara J. Johnson" } }] }),
    ).items[0];
    expect(item?.activity.channelData).toMatchObject({ kind: "unsupported", unsupported: "contacts" });
  });

  it("a Business app echo is an echo event for the shopper it went to", () => {
    const parsed = parseWhatsAppDelivery(
      wa("smb_message_echoes", {
        message_echoes: [
          {
            from: "15550783881",
            to: "16505551234",
            id: "wamid.echo1",
            timestamp: "1739321024",
            type: "text",
            text: { body: "Hi, this is Anna from the shop" },
          },
        ],
      }),
    );
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]?.activity).toMatchObject({
      type: "event",
      name: "echo",
      text: "Hi, this is Anna from the shop",
      conversation: { id: "whatsapp:16505551234" },
      channelData: { echo: true },
    });
  });
});

describe("Messenger reactions", () => {
  it("react and unreact", () => {
    const delivery = (reaction: Record<string, unknown>) => ({
      object: "page",
      entry: [
        {
          id: "PAGE-1",
          time: 1458692752478,
          messaging: [
            { sender: { id: "PSID-9" }, recipient: { id: "PAGE-1" }, timestamp: 1458762478, reaction },
          ],
        },
      ],
    });
    const like = parseMessengerDelivery(
      delivery({ reaction: "like", emoji: "👍", action: "react", mid: "m_1" }),
    ).items[0];
    expect(like?.activity).toMatchObject({
      type: "message",
      channelData: { kind: "reaction", reaction: { emoji: "👍" } },
    });
    const gone = parseMessengerDelivery(
      delivery({ reaction: "like", emoji: "👍", action: "unreact", mid: "m_1" }),
    ).items[0];
    expect(gone?.activity.channelData).toMatchObject({ kind: "reaction", reaction: { emoji: "" } });
  });
});
