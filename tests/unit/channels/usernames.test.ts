/**
 * WhatsApp usernames: deliveries with business-scoped user ids (real payloads from whatsapp-api-js, and the same
 * with the phone number removed), sends to a BSUID by `recipient`, and media of every kind.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { annotateMedia, messengerMedia, whatsappMedia } from "../../../lib/channels/media";
import { parseMessengerDelivery } from "../../../lib/channels/messenger/parse";
import { parseWhatsAppDelivery } from "../../../lib/channels/whatsapp/parse";
import { isBsuid, toWhatsAppBodies, whatsAppTemplate } from "../../../lib/channels/whatsapp/send";
import { metaAttachment, whatsappMessage } from "../../../lib/dev/deliveries";
import { FIXTURES } from "../../helpers/meta";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(FIXTURES, "whatsapp-bsuid", name), "utf8")) as unknown;
const BSUID = "US.13491208655302741918";

describe("WhatsApp deliveries with BSUIDs", () => {
  it("phone and BSUID: the user is the phone number, both are on the activity", () => {
    const [item] = parseWhatsAppDelivery(fixture("whatsapp_api_js_incoming.json")).items;
    expect(item?.activity).toMatchObject({
      from: { id: "16315551181", name: "test user name" },
      conversation: { id: "whatsapp:16315551181" },
      text: "this is a text message",
      channelData: { whatsapp: { bsuid: BSUID, phone: "16315551181", username: "@testusername" } },
    });
  });

  it("username only (no wa_id, no from): the user is the BSUID", () => {
    const { items, ignored } = parseWhatsAppDelivery(fixture("derived_username_only_incoming.json"));
    expect(ignored).toEqual([]);
    expect(items[0]?.activity).toMatchObject({
      from: { id: BSUID, name: "test user name" },
      conversation: { id: `whatsapp:${BSUID}` },
      channelData: { whatsapp: { bsuid: BSUID, username: "@testusername" } },
    });
    expect(items[0]?.activity.channelData.whatsapp?.phone).toBeUndefined();
  });

  it("statuses are matched by recipient_user_id when the phone number is missing", () => {
    const [withPhone] = parseWhatsAppDelivery(fixture("whatsapp_api_js_delivered.json")).items;
    expect(withPhone?.activity).toMatchObject({
      name: "status",
      from: { id: "16315551181" },
      replyToId: "ABGGFlA5Fpa",
    });
    const [usernameOnly] = parseWhatsAppDelivery(fixture("derived_username_only_delivered.json")).items;
    expect(usernameOnly?.activity).toMatchObject({
      name: "status",
      from: { id: BSUID },
      channelData: { status: "delivered", whatsapp: { bsuid: BSUID } },
    });
  });

  it("a message with neither from nor from_user_id is ignored with a reason", () => {
    const body = fixture("derived_username_only_incoming.json") as {
      entry: Array<{
        changes: Array<{ value: { messages: Array<Record<string, unknown>>; contacts?: unknown } }>;
      }>;
    };
    const value = body.entry[0]?.changes[0]?.value;
    if (value) {
      delete value.messages[0]?.from_user_id;
      delete value.contacts;
    }
    const parsed = parseWhatsAppDelivery(body);
    expect(parsed.items).toEqual([]);
    expect(parsed.ignored[0]?.reason).toMatch(/from_user_id/);
  });
});

describe("sends to a BSUID", () => {
  it.each([
    ["US.13491208655302741918", true],
    ["US.ENT.11815799212886844830", true],
    ["6591234567", false],
    ["us.123", false],
  ])("%s is a BSUID: %s", (id, expected) => {
    expect(isBsuid(id)).toBe(expected);
  });

  it("goes by `recipient` instead of `to`; a phone number keeps `to`", () => {
    const [toBsuid] = toWhatsAppBodies({ type: "message", text: "hi" }, BSUID, {});
    expect(toBsuid).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      recipient: BSUID,
      type: "text",
      text: { body: "hi" },
    });
    expect(toWhatsAppBodies({ type: "message", text: "hi" }, "6591234567", {})[0]).toMatchObject({
      to: "6591234567",
    });
    expect(whatsAppTemplate(BSUID, { name: "hello", language: "en" })).toMatchObject({ recipient: BSUID });
  });

  it("drops Messenger's phone-number quick reply (the shopper types the number)", () => {
    const [body] = toWhatsAppBodies(
      {
        type: "message",
        text: "Your phone number?",
        suggestedActions: {
          to: [],
          actions: [
            { type: "postBack", title: "", value: "PHONE", channelData: { quickReply: "user_phone_number" } },
            { type: "postBack", title: "Stop", value: "STOP" },
          ],
        },
      },
      BSUID,
      {},
    );
    expect(body).toMatchObject({
      interactive: { action: { buttons: [{ reply: { id: "STOP", title: "Stop" } }] } },
    });
  });
});

describe("media", () => {
  it.each([
    ["image", { type: "image", image: { id: "1", mime_type: "image/jpeg", caption: "this?" } }, "image"],
    [
      "voice note",
      { type: "audio", audio: { id: "2", mime_type: "audio/ogg; codecs=opus", voice: true } },
      "audio",
    ],
    ["video", { type: "video", video: { id: "3", mime_type: "video/mp4" } }, "video"],
    ["document", { type: "document", document: { id: "4", mime_type: "application/pdf" } }, "file"],
    ["sticker", { type: "sticker", sticker: { id: "5", mime_type: "image/webp" } }, "sticker"],
  ])("a WhatsApp %s keeps its kind and Graph media id", (_, message, kind) => {
    const [item] = parseWhatsAppDelivery(whatsappMessage({ waId: "65", message })).items;
    expect(item?.activity.channelData).toMatchObject({
      kind,
      media: { kind, id: (message as unknown as Record<string, { id: string }>)[message.type]?.id },
    });
  });

  it("a Messenger photo and a sticker keep their address", () => {
    const photo = metaAttachment({
      channel: "messenger",
      user: "1",
      type: "image",
      url: "https://cdn/p.jpg",
    });
    expect(annotateMedia(parseMessengerDelivery(photo)).items[0]?.activity.channelData).toMatchObject({
      kind: "image",
      media: { kind: "image", url: "https://cdn/p.jpg" },
    });
    expect(
      messengerMedia({
        message: { attachments: [{ type: "image", payload: { url: "u", sticker_id: 369239263222822 } }] },
      }),
    ).toEqual({ kind: "sticker", url: "u" });
    expect(messengerMedia({ message: { attachments: [{ type: "location", payload: {} }] } })).toBeUndefined();
    expect(whatsappMedia({ type: "text", text: { body: "x" } })).toBeUndefined();
  });
});
