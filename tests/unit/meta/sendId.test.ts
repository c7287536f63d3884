/** Our id on every outgoing message, in the field Meta echoes back (lib/channels/meta/sendId.ts). */
import { describe, expect, it } from "vitest";
import {
  isOurMetadata,
  sendIdFor,
  sendIdOfTag,
  TAG_LIMITS,
  tagBody,
} from "../../../lib/channels/meta/sendId";

const waText = { messaging_product: "whatsapp", to: "6591234567", type: "text", text: { body: "hi" } };
const waRead = { messaging_product: "whatsapp", status: "read", message_id: "wamid.in" };
const msText = {
  recipient: { id: "9876" },
  messaging_type: "RESPONSE",
  message: { text: "hi", metadata: "chatcart" },
};

describe("sendIdFor", () => {
  it("is the outbox id: the prefix and the padded position, the same every time", () => {
    expect(sendIdFor("whatsapp#wamid.in", 0)).toBe("whatsapp#wamid.in#000");
    expect(sendIdFor("whatsapp#wamid.in", 12)).toBe("whatsapp#wamid.in#012");
    expect(sendIdFor("x", 1)).toBe(sendIdFor("x", 1));
  });

  it("hashes an id too long for a tag, stably and distinctly", () => {
    const long = `messenger#${"m".repeat(600)}`;
    const a = sendIdFor(long, 0);
    expect(a).toMatch(/^h\.[0-9a-f]{64}$/);
    expect(sendIdFor(long, 0)).toBe(a);
    expect(sendIdFor(long, 1)).not.toBe(a);
    expect(`chatcart:${a}`.length).toBeLessThanOrEqual(TAG_LIMITS.whatsapp);
  });
});

describe("tagBody", () => {
  it("puts the id in WhatsApp's biz_opaque_callback_data and Messenger's metadata", () => {
    expect(tagBody("whatsapp", waText, "w#1#000")).toEqual({
      ...waText,
      biz_opaque_callback_data: "chatcart:w#1#000",
    });
    expect(tagBody("messenger", msText, "m#1#000")).toEqual({
      ...msText,
      message: { text: "hi", metadata: "chatcart:m#1#000" },
    });
  });

  it.each([
    ["a WhatsApp read receipt / typing indicator", "whatsapp", waRead],
    ["a Messenger sender action", "messenger", { recipient: { id: "9876" }, sender_action: "typing_on" }],
    [
      "a Messenger message with its sender's own metadata",
      "messenger",
      { message: { text: "x", metadata: "crm:42" } },
    ],
    [
      "a WhatsApp message with its own callback data",
      "whatsapp",
      { ...waText, biz_opaque_callback_data: "crm" },
    ],
    [
      "an Instagram message (no such field)",
      "instagram",
      { recipient: { id: "17" }, message: { text: "hi" } },
    ],
  ] as const)("leaves %s as it is", (_, channel, body) => {
    expect(tagBody(channel, body, "id#000")).toBe(body);
  });

  it("does not mutate the body it was given", () => {
    const body = structuredClone(msText);
    tagBody("messenger", body, "m#000");
    expect(body).toEqual(msText);
  });
});

describe("sendIdOfTag / isOurMetadata", () => {
  it.each<[unknown, string | undefined, boolean]>([
    ["chatcart:whatsapp#wamid.in#000", "whatsapp#wamid.in#000", true],
    ["chatcart", undefined, true],
    ["chatcart:", undefined, false],
    ["chatcartx:1", undefined, false],
    ["DEVELOPER_DEFINED_METADATA_STRING", undefined, false],
    ["some data", undefined, false],
    [undefined, undefined, false],
    [42, undefined, false],
    [`chatcart:${"x".repeat(300)}`, undefined, false],
  ])("%j → %j (ours: %j)", (tag, id, ours) => {
    expect(sendIdOfTag(tag)).toBe(id);
    expect(isOurMetadata(tag)).toBe(ours);
  });

  it("round-trips every id the sender makes", () => {
    for (const id of [sendIdFor("messenger#m_abc", 3), sendIdFor(`w#${"9".repeat(400)}`, 0)])
      expect(sendIdOfTag(`chatcart:${id}`)).toBe(id);
  });
});
