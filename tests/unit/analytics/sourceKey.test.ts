/**
 * The source keys the funnel counts under, from referrals as lib/channels parse them out of Meta's fixtures
 * (tests/fixtures/messenger/*referral*, tests/fixtures/whatsapp/split_message_referral.json), and the
 * attribution rule: the latest referral, else the first, else `organic`.
 */
import { describe, expect, it } from "vitest";
import type { TrafficSource } from "../../../lib/store/conversations";
import { sourceKey, sourceOfConversation } from "../../../lib/store/funnel";

const at = "2026-04-01T09:00:00.000Z";
const src = (s: Omit<TrafficSource, "at">): TrafficSource => ({ ...s, at });

describe("sourceKey", () => {
  it.each([
    ["no referral", undefined, "messenger", "organic"],
    [
      "an m.me link (SHORTLINK with ref)",
      src({ source: "SHORTLINK", type: "OPEN_THREAD", ref: "summer-sale" }),
      "messenger",
      "ref:summer-sale",
    ],
    [
      "Get Started with a ref",
      src({ source: "SHORTLINK", type: "OPEN_THREAD", ref: "USER-DEFINED-REFERRAL-PARAM" }),
      "messenger",
      "ref:USER-DEFINED-REFERRAL-PARAM",
    ],
    [
      "a Messenger ad: the ad id wins over its ref",
      src({ source: "ADS", type: "OPEN_THREAD", ref: "REF", adId: "6045246247433" }),
      "messenger",
      "ad:6045246247433",
    ],
    ["a click-to-WhatsApp ad", src({ source: "ad", type: "ad", adId: "120208" }), "whatsapp", "ad:120208"],
    [
      "a click-to-WhatsApp post",
      src({ source: "post", type: "post", adId: "9988" }),
      "whatsapp",
      "post:9988",
    ],
    [
      "a referral without ref or id",
      src({ source: "SHORTLINK", type: "OPEN_THREAD" }),
      "messenger",
      "messenger:shortlink",
    ],
    [
      "the chat plugin",
      src({ source: "CUSTOMER_CHAT_PLUGIN", type: "OPEN_THREAD" }),
      "messenger",
      "messenger:customer_chat_plugin",
    ],
    ["no channel known", src({ source: "MESSENGER_CODE" }), undefined, "messenger_code"],
    [
      "# and spaces in a ref (the sort key is day#source)",
      src({ source: "SHORTLINK", ref: "a#b c" }),
      "messenger",
      "ref:a_b_c",
    ],
  ])("%s → %s", (_name, source, channel, key) => {
    expect(sourceKey(source, channel)).toBe(key);
  });

  it("cuts a long ref to 100 characters", () => {
    expect(sourceKey(src({ source: "SHORTLINK", ref: "x".repeat(300) }))).toBe(`ref:${"x".repeat(100)}`);
  });
});

describe("attribution (sourceOfConversation)", () => {
  const ad = src({ source: "ADS", adId: "1" });
  const link = src({ source: "SHORTLINK", ref: "later" });
  it("counts for the latest referral, else the first, else organic", () => {
    expect(sourceOfConversation({ channel: "messenger", source: ad, lastSource: link })).toBe("ref:later");
    expect(sourceOfConversation({ channel: "messenger", source: ad })).toBe("ad:1");
    expect(sourceOfConversation({ channel: "whatsapp" })).toBe("organic");
  });
});
