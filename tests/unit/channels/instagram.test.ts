/**
 * Instagram Direct payloads → Activities, from real third-party deliveries (tests/fixtures/instagram: Chatwoot's,
 * Meta's reaction example), and bot Activities → what Instagram renders.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseInstagramDelivery, toEpochMs } from "../../../lib/channels/instagram/parse";
import { INSTAGRAM_LIMITS, splitBytes, toInstagramBodies } from "../../../lib/channels/instagram/send";
import { instagramPostback, instagramQuickReply, metaAttachment } from "../../../lib/dev/deliveries";
import { FIXTURES } from "../../helpers/meta";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(FIXTURES, "instagram", name), "utf8")) as unknown;

describe("Instagram webhook payloads (Chatwoot's fixtures)", () => {
  it("a text message: a message Activity on `instagram:{IGSID}`, answered once by its mid", () => {
    const { items, ignored } = parseInstagramDelivery(fixture("chatwoot_message_create.json"));
    expect(ignored).toEqual([]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      accountId: "instagram-message-id-123",
      dedupKey: "message-id-1",
      activity: {
        type: "message",
        channelId: "instagram",
        conversation: { id: "instagram:Sender-id-1" },
        from: { id: "Sender-id-1" },
        text: "This is the first message from the customer",
        // the ISO date Chatwoot puts in `timestamp` is read, not refused
        timestamp: new Date("2021-09-08T06:34:04+0000"),
        channelData: { kind: "text" },
      },
    });
  });

  it("the dashboard's test event: numeric-string timestamp, entry id 0", () => {
    const { items } = parseInstagramDelivery(fixture("chatwoot_test_text.json"));
    expect(items[0]?.activity).toMatchObject({
      text: "random_text",
      conversation: { id: "instagram:12334" },
    });
    expect(items[0]?.accountId).toBe("0");
  });

  it("a story reply keeps its text and the story", () => {
    const { items } = parseInstagramDelivery(fixture("chatwoot_story_reply.json"));
    expect(items[0]?.activity).toMatchObject({
      type: "message",
      text: "This is the story reply",
      channelData: { kind: "story_reply", story: { url: "https://chatwoot-assets.local/sample.png" } },
    });
  });

  it("a story mention is a message without text (the bot greets)", () => {
    const { items } = parseInstagramDelivery(fixture("chatwoot_story_mention.json"));
    expect(items[0]?.activity).toMatchObject({
      type: "message",
      channelData: { kind: "story_mention", story: { url: "https://www.example.com/test.jpeg" } },
    });
    expect(items[0]?.activity.text).toBeUndefined();
  });

  it("an echo (of a story mention) is an event, never a shopper turn", () => {
    const { items } = parseInstagramDelivery(fixture("chatwoot_story_mention_echo.json"));
    expect(items[0]?.activity).toMatchObject({
      type: "event",
      name: "echo",
      conversation: { id: "instagram:chatwoot-app-user-id-1" },
    });
  });

  it("standby messages are observed, not answered", () => {
    const { items } = parseInstagramDelivery(fixture("chatwoot_standby.json"));
    expect(items[0]?.activity).toMatchObject({ type: "event", name: "standby", channelId: "instagram" });
  });

  it("seen by message id is a `read` event naming the message", () => {
    const { items } = parseInstagramDelivery(fixture("chatwoot_seen.json"));
    expect(items[0]?.activity).toMatchObject({ type: "event", name: "read", replyToId: "message-id-1" });
  });

  it("an unsent message is acknowledged and ignored", () => {
    const { items, ignored } = parseInstagramDelivery(fixture("chatwoot_unsend.json"));
    expect(items).toEqual([]);
    expect(ignored[0]?.reason).toMatch(/unsent/);
  });

  it("a shared post is a shopper message the bot says it cannot read", () => {
    const { items } = parseInstagramDelivery(fixture("chatwoot_attachment_share.json"));
    expect(items[0]?.activity).toMatchObject({ type: "message", channelData: { kind: "unsupported" } });
  });

  it("a reaction (Meta's example) is a reaction message with the emoji and the message it is on", () => {
    const { items } = parseInstagramDelivery(fixture("meta_docs_reaction.json"));
    expect(items[0]?.activity).toMatchObject({
      type: "message",
      channelData: { kind: "reaction", reaction: { emoji: "❤️" } },
    });
    expect(items[0]?.activity.channelData.reaction?.messageId).toBeTruthy();
  });

  it("quick replies and postbacks carry their payload; media carries its kind and address", () => {
    const qr = parseInstagramDelivery(instagramQuickReply({ igsid: "1", payload: "CART" })).items[0];
    expect(qr?.activity).toMatchObject({
      channelData: { kind: "quick_reply", payload: "CART" },
      value: { payload: "CART" },
    });
    const pb = parseInstagramDelivery(instagramPostback({ igsid: "1", payload: "BROWSE" })).items[0];
    expect(pb?.activity).toMatchObject({ channelData: { kind: "postback", payload: "BROWSE" } });
    const voice = metaAttachment({
      channel: "instagram",
      user: "1",
      type: "audio",
      url: "https://cdn/v.mp4",
    });
    expect(parseInstagramDelivery(voice).items[0]?.activity.channelData).toMatchObject({
      kind: "audio",
      media: { kind: "audio", url: "https://cdn/v.mp4" },
    });
  });

  it("the `changes` shape of the dashboard's test button is read like `messaging`", () => {
    const body = {
      object: "instagram",
      entry: [
        {
          id: "178",
          time: 1700000000,
          changes: [
            {
              field: "messages",
              value: {
                sender: { id: "9" },
                recipient: { id: "178" },
                timestamp: "1700000000",
                message: { mid: "m1", text: "hey" },
              },
            },
          ],
        },
      ],
    };
    expect(parseInstagramDelivery(body).items[0]?.activity).toMatchObject({
      text: "hey",
      timestamp: new Date(1700000000000),
    });
  });

  it.each([
    ["another object", { object: "page", entry: [] }],
    ["no entries", { object: "instagram" }],
    ["not an object", "instagram"],
  ])("%s is ignored with a reason, never thrown", (_, body) => {
    const parsed = parseInstagramDelivery(body);
    expect(parsed.items).toEqual([]);
    expect(parsed.ignored[0]?.reason).toMatch(/^instagram:/);
  });

  it("reads timestamps in seconds, milliseconds, numeric strings and ISO dates", () => {
    expect(toEpochMs(1700000000)).toBe(1700000000000);
    expect(toEpochMs(1700000000123)).toBe(1700000000123);
    expect(toEpochMs("1527459824")).toBe(1527459824000);
    expect(toEpochMs("2021-09-08T06:34:04+0000")).toBe(Date.parse("2021-09-08T06:34:04Z"));
    expect(toEpochMs("soon")).toBeUndefined();
  });
});

describe("Instagram replies", () => {
  const choice = (title: string, value: string, quickReply?: string) => ({
    type: "postBack",
    title,
    value,
    ...(quickReply && { channelData: { quickReply } }),
  });

  it("text quick replies only, no metadata, no phone quick reply", () => {
    const [body, ...rest] = toInstagramBodies(
      {
        type: "message",
        text: "What is your phone number?",
        suggestedActions: {
          to: [],
          actions: [choice("", "PHONE", "user_phone_number"), choice("Stop", "STOP")],
        },
      },
      "17841",
      {},
    );
    expect(rest).toEqual([]);
    expect(body).toEqual({
      recipient: { id: "17841" },
      messaging_type: "RESPONSE",
      message: {
        text: "What is your phone number?",
        quick_replies: [{ content_type: "text", title: "Stop", payload: "STOP" }],
      },
    });
  });

  it("long text is split at 1000 bytes (Arabic counts two a letter) and the choices ride on the last part", () => {
    const text = "مرحبا بكم ".repeat(200);
    const bodies = toInstagramBodies(
      { type: "message", text, suggestedActions: { to: [], actions: [choice("Cart", "CART")] } },
      "1",
      {},
    );
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) {
      const m = b.message as { text: string };
      expect(Buffer.byteLength(m.text)).toBeLessThanOrEqual(INSTAGRAM_LIMITS.textBytes);
    }
    expect((bodies.at(-1)?.message as { quick_replies?: unknown[] } | undefined)?.quick_replies).toHaveLength(
      1,
    );
    expect((bodies[0]?.message as { quick_replies?: unknown[] } | undefined)?.quick_replies).toBeUndefined();
    expect(splitBytes("short", 1000)).toEqual(["short"]);
  });

  it("product cards as a generic template within the limits; images without is_reusable", () => {
    const cards = Array.from({ length: 12 }, (_, i) => ({
      contentType: "application/vnd.microsoft.card.hero",
      content: {
        productId: `P${i}`,
        title: `Product ${i} ${"x".repeat(100)}`,
        images: [{ url: `https://img/${i}.png` }],
        buttons: [1, 2, 3, 4].map((n) => ({ type: "postBack", title: `B${n}`, value: `ADD:P${i}:${n}` })),
      },
    }));
    const bodies = toInstagramBodies(
      {
        type: "message",
        attachments: [{ contentType: "image/*", contentUrl: "https://img/a.png" }, ...cards],
      },
      "1",
      { messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
    );
    expect(bodies[0]).toMatchObject({
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { attachment: { type: "image", payload: { url: "https://img/a.png" } } },
    });
    type Template = {
      attachment: {
        payload: Record<string, unknown> & { elements: Array<{ title: string; buttons: unknown[] }> };
      };
    };
    const messageAt = (i: number) =>
      (bodies[i]?.message ?? { attachment: { payload: { elements: [] } } }) as Template;
    expect(messageAt(0).attachment.payload.is_reusable).toBeUndefined();
    const template = messageAt(1).attachment.payload;
    expect(template.elements).toHaveLength(10);
    expect(template.elements.every((e) => [...e.title].length <= 80 && e.buttons.length <= 3)).toBe(true);
  });
});
