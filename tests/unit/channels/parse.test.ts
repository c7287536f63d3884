import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMessengerDelivery } from "../../../lib/channels/messenger/parse";
import type { ParsedDelivery } from "../../../lib/channels/types";
import { parseWhatsAppDelivery } from "../../../lib/channels/whatsapp/parse";

const fixtures = new URL("../../fixtures/", import.meta.url);
const load = (path: string): unknown => JSON.parse(readFileSync(new URL(path, fixtures), "utf8"));

const PAGE = "1234567890123456";
const PSID = "9876543210987654";
const PHONE_ID = "1122334455667";
const WA_ID = "972987654321";

/** Expected fields of the single item each fixture holds (checked with `toMatchObject`). */
const messengerCases: Array<[file: string, expected: Record<string, unknown>]> = [
  [
    "text.json",
    {
      dedupKey: "mid.1457764197618:41d102a3e1ae206a38",
      activity: {
        type: "message",
        id: "mid.1457764197618:41d102a3e1ae206a38",
        text: "hello, world!",
        channelData: { kind: "text" },
      },
    },
  ],
  [
    "quick_reply.json",
    {
      dedupKey: "mid.1457764197618:41d102a3e1ae206a38",
      activity: {
        type: "message",
        text: "hello, world!",
        value: { payload: "DEVELOPER_DEFINED_PAYLOAD" },
        channelData: { kind: "quick_reply", payload: "DEVELOPER_DEFINED_PAYLOAD" },
      },
    },
  ],
  [
    "image_attachment.json",
    {
      dedupKey: "mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c",
      activity: {
        type: "message",
        channelData: { kind: "image" },
        attachments: [{ contentType: "image/*", contentUrl: "https://example.invalid/photo.jpg" }],
      },
    },
  ],
  [
    "postback.json",
    {
      dedupKey: "m_MESSAGE-ID",
      activity: {
        type: "message",
        id: "m_MESSAGE-ID",
        text: "TITLE-FOR-THE-CTA",
        value: { payload: "USER-DEFINED-PAYLOAD" },
        channelData: { kind: "postback", payload: "USER-DEFINED-PAYLOAD" },
      },
    },
  ],
  [
    "postback_get_started_with_referral.json",
    {
      dedupKey: "m_MESSAGE-ID",
      activity: {
        type: "message",
        text: "Get Started",
        channelData: {
          kind: "postback",
          payload: "GET_STARTED",
          referral: { source: "SHORTLINK", type: "OPEN_THREAD", ref: "USER-DEFINED-REFERRAL-PARAM" },
        },
      },
    },
  ],
  [
    "message_with_ads_referral.json",
    {
      dedupKey: "mid.1457764197618:41d102a3e1ae206a38",
      activity: {
        type: "message",
        text: "hello, world!",
        channelData: {
          kind: "text",
          referral: {
            source: "ADS",
            type: "OPEN_THREAD",
            ref: "REF_DATA_IF_SPECIFIED_IN_THE_AD",
            adId: "ID_OF_THE_AD",
            headline: "TITLE_OF_THE_AD",
          },
        },
      },
    },
  ],
  [
    "referral_mme.json",
    {
      activity: {
        type: "event",
        name: "referral",
        channelData: {
          referral: { source: "SHORTLINK", type: "OPEN_THREAD", ref: "REF_DATA_PASSED_IN_M.ME_PARAM" },
        },
      },
    },
  ],
  [
    "referral_ad.json",
    {
      activity: {
        type: "event",
        name: "referral",
        channelData: {
          referral: { source: "ADS", ref: "REF_DATA_IF_SPECIFIED_IN_THE_AD", adId: "ID_OF_THE_AD" },
        },
      },
    },
  ],
  [
    "delivery.json",
    { activity: { type: "event", name: "delivery", channelData: { status: "1458668856253" } } },
  ],
  ["read.json", { activity: { type: "event", name: "read", channelData: { status: "1458668856253" } } }],
];

const whatsAppCases: Array<[file: string, expected: Record<string, unknown>]> = [
  [
    "split_message_text.json",
    {
      dedupKey: "wamid.xyzxyz",
      activity: { type: "message", text: "Body Text", channelData: { kind: "text" } },
    },
  ],
  [
    "split_message_reply.json",
    {
      dedupKey: "wamid.xyzxyz",
      activity: { text: "replied text", replyToId: "wamid.xyzxyz==", channelData: { kind: "text" } },
    },
  ],
  [
    "split_interactive_button_reply.json",
    {
      dedupKey: "wamid.xyzxyz",
      activity: {
        type: "message",
        text: "title",
        value: { payload: "callback_data" },
        channelData: { kind: "button_reply", payload: "callback_data" },
      },
    },
  ],
  [
    "split_interactive_list_reply.json",
    {
      dedupKey: "wamid.zyzxyz",
      activity: {
        id: "wamid.zyzxyz",
        text: "title",
        value: { payload: "callback_data" },
        channelData: { kind: "list_reply", payload: "callback_data" },
      },
    },
  ],
  [
    "split_template_quick_reply_button.json",
    {
      dedupKey: "wamid.xsidjw",
      activity: {
        text: "title",
        value: { payload: "callback_data" },
        channelData: { kind: "button_reply", payload: "callback_data" },
      },
    },
  ],
  [
    "split_message_order.json",
    {
      dedupKey: "wamid.xyzxyz",
      activity: {
        channelData: {
          kind: "order",
          order: {
            catalogId: "354160437058781",
            text: "",
            items: [
              { retailerId: "HAMBURGER", quantity: 3, itemPrice: 30, currency: "ILS" },
              { retailerId: "FRENCH_FRIES", quantity: 2, itemPrice: 35, currency: "ILS" },
              { retailerId: "SODA", quantity: 2, itemPrice: 10, currency: "ILS" },
            ],
          },
        },
      },
    },
  ],
  [
    "split_message_chosen_location.json",
    {
      dedupKey: "wamid.xyzxyz",
      activity: {
        channelData: {
          kind: "location",
          location: {
            latitude: 37.4611978,
            longitude: -122.2164385,
            name: "Facebook HQ",
            address: "1 Hacker Way, Menlo Park, CA 94025",
          },
        },
        entities: [
          { type: "GeoCoordinates", latitude: 37.4611978, longitude: -122.2164385, name: "Facebook HQ" },
        ],
      },
    },
  ],
  [
    "split_message_current_location.json",
    {
      activity: {
        channelData: { kind: "location", location: { latitude: 12.25089, longitude: 43.90539 } },
        entities: [{ type: "GeoCoordinates", latitude: 12.25089, longitude: 43.90539 }],
      },
    },
  ],
  [
    "split_message_image.json",
    {
      dedupKey: "wamid.xyzxyz",
      activity: {
        channelData: { kind: "image" },
        attachments: [{ contentType: "image/jpeg", content: { mediaId: "65463453" } }],
      },
    },
  ],
  [
    "split_message_referral.json",
    {
      dedupKey: "wamid.ID",
      activity: {
        text: "BODY",
        channelData: {
          kind: "text",
          referral: {
            source: "ad or post",
            type: "ad or post",
            adId: "ADID",
            url: "AD_OR_POST_FB_URL",
            headline: "AD_TITLE",
          },
        },
      },
    },
  ],
  ...(["sent", "delivered", "read", "failed"] as const).map((status): [string, Record<string, unknown>] => [
    `split_status_${status}.json`,
    { activity: { type: "event", name: "status", replyToId: "wamid.xyzxyz", channelData: { status } } },
  ]),
  // a status carrying the sender's `biz_opaque_callback_data` (send once: lib/outbound/reconcile.ts reads it)
  [
    "split_status_with_tracker.json",
    {
      activity: {
        type: "event",
        name: "status",
        replyToId: "wamid.xyzxyz",
        channelData: { status: "sent", raw: { biz_opaque_callback_data: "some data" } },
      },
    },
  ],
];

const only = (parsed: ParsedDelivery) => {
  expect(parsed.ignored).toEqual([]);
  expect(parsed.items).toHaveLength(1);
  const [item] = parsed.items;
  if (!item) throw new Error("no item");
  return item;
};

describe("parseMessengerDelivery", () => {
  it("has a case for every Messenger fixture", () => {
    const covered = [...messengerCases.map(([f]) => f), "echo.json"].sort();
    expect(readdirSync(new URL("messenger/", fixtures)).sort()).toEqual(covered);
  });

  it.each(messengerCases)("%s", (file, expected) => {
    const item = only(parseMessengerDelivery(load(`messenger/${file}`)));
    expect(item).toMatchObject(expected);
    expect(item.accountId).toBe(PAGE);
    expect(item.activity).toMatchObject({
      channelId: "messenger",
      from: { id: PSID },
      recipient: { id: PAGE },
      conversation: { id: `messenger:${PSID}` },
    });
    expect(item.activity.timestamp).toBeInstanceOf(Date);
    expect(item.activity.channelData.raw).toBeDefined();
    // Only shopper messages (and referrals, which the bot greets) are deduplicated.
    if (item.activity.type === "event" && item.activity.name !== "referral")
      expect(item.dedupKey).toBeUndefined();
  });

  it("parses the timestamp in milliseconds", () => {
    const item = only(parseMessengerDelivery(load("messenger/text.json")));
    expect(item.activity.timestamp?.getTime()).toBe(1458692752478);
  });

  it("echo.json: an echo event from the page, in the shopper's conversation, with the app id", () => {
    const item = only(parseMessengerDelivery(load("messenger/echo.json")));
    expect(item).toMatchObject({
      accountId: PAGE,
      activity: {
        type: "event",
        name: "echo",
        text: "hello, world!",
        from: { id: PAGE },
        recipient: { id: PSID },
        conversation: { id: `messenger:${PSID}` },
        channelData: { appId: "1517776481860111" },
      },
    });
    expect(item.dedupKey).toBeUndefined();
  });

  const envelope = (events: unknown[], key = "messaging") => ({
    object: "page",
    entry: [{ id: PAGE, time: 1, [key]: events }],
  });
  const from = { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1700000000000 };

  it("a location attachment becomes a location message with a GeoCoordinates entity", () => {
    const body = envelope([
      {
        ...from,
        message: {
          mid: "m1",
          attachments: [
            { type: "location", title: "Home", payload: { coordinates: { lat: 1.5, long: 103.8 } } },
          ],
        },
      },
    ]);
    expect(only(parseMessengerDelivery(body)).activity).toMatchObject({
      channelData: { kind: "location", location: { latitude: 1.5, longitude: 103.8, name: "Home" } },
      entities: [{ type: "GeoCoordinates", latitude: 1.5, longitude: 103.8, name: "Home" }],
    });
  });

  it("a postback without mid is deduplicated by sender and timestamp", () => {
    const body = envelope([{ ...from, postback: { title: "Buy", payload: "BUY" } }]);
    expect(only(parseMessengerDelivery(body)).dedupKey).toBe(`postback:${PSID}:1700000000000`);
  });

  it("an attachment we do not handle is an unsupported message, answered once", () => {
    const body = envelope([
      { ...from, message: { mid: "m2", attachments: [{ type: "audio", payload: { url: "https://x" } }] } },
    ]);
    expect(only(parseMessengerDelivery(body))).toMatchObject({
      dedupKey: "m2",
      activity: { type: "message", channelData: { kind: "unsupported" } },
    });
  });

  it.each(["pass_thread_control", "take_thread_control", "request_thread_control"])(
    "%s becomes a handover event",
    (key) => {
      const body = envelope([{ ...from, [key]: { metadata: "m" } }]);
      expect(only(parseMessengerDelivery(body)).activity).toMatchObject({
        type: "event",
        name: "handover",
        value: { action: key, metadata: "m" },
      });
    },
  );

  it("standby events are observed, never deduplicated for a reply", () => {
    const body = envelope([{ ...from, message: { mid: "m3", text: "hi agent" } }], "standby");
    const item = only(parseMessengerDelivery(body));
    expect(item.activity).toMatchObject({ type: "event", name: "standby", text: "hi agent" });
    expect(item.dedupKey).toBeUndefined();
  });

  it("keeps the good events of a batch and reports the bad ones", () => {
    const body = envelope([
      { ...from, message: { mid: "ok", text: "hi" } },
      { ...from, message: { mid: "bad", text: 5 } },
      { ...from, optin: { ref: "x" } },
      { recipient: { id: PAGE } },
    ]);
    const parsed = parseMessengerDelivery(body);
    expect(parsed.items.map((i) => i.dedupKey)).toEqual(["ok"]);
    expect(parsed.ignored).toHaveLength(3);
    expect(parsed.ignored[0]?.reason).toMatch(/malformed message: text/);
    expect(parsed.ignored[1]?.reason).toMatch(/unsupported event \(optin\)/);
  });

  it("falls back to the recipient as account id when the entry has no id", () => {
    const body = { object: "page", entry: [{ messaging: [{ ...from, message: { mid: "x", text: "hi" } }] }] };
    expect(only(parseMessengerDelivery(body)).accountId).toBe(PAGE);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["an array", []],
    ["a string", "page"],
    ["another object", { object: "whatsapp_business_account", entry: [] }],
    ["a page without entry", { object: "page" }],
    ["entry not an array", { object: "page", entry: { id: PAGE } }],
  ])("garbage (%s) gives no items and one reason, without throwing", (_, body) => {
    const parsed = parseMessengerDelivery(body);
    expect(parsed.items).toEqual([]);
    expect(parsed.ignored).toHaveLength(1);
    expect(parsed.ignored[0]?.reason).toMatch(/^messenger: /);
  });

  it.each<[string, unknown]>([
    ["an entry that is a number", [5]],
    ["messaging not an array", [{ id: PAGE, messaging: "x" }]],
    ["an event that is null", [{ id: PAGE, messaging: [null] }]],
    [
      "a sender without id",
      [{ id: PAGE, messaging: [{ sender: {}, recipient: { id: PAGE }, message: {} }] }],
    ],
    ["a bad quick reply", [{ id: PAGE, messaging: [{ ...from, message: { quick_reply: { payload: 1 } } }] }]],
  ])("a malformed part (%s) is ignored with a reason", (_, entry) => {
    const parsed = parseMessengerDelivery({ object: "page", entry });
    expect(parsed.items).toEqual([]);
    expect(parsed.ignored.length).toBeGreaterThan(0);
  });
});

describe("parseWhatsAppDelivery", () => {
  it("has a case for every WhatsApp fixture", () => {
    const files = readdirSync(new URL("whatsapp/", fixtures)).filter((f) => f.startsWith("split_"));
    expect(files.sort()).toEqual(whatsAppCases.map(([f]) => f).sort());
  });

  it.each(whatsAppCases)("%s", (file, expected) => {
    const item = only(parseWhatsAppDelivery(load(`whatsapp/${file}`)));
    expect(item).toMatchObject(expected);
    expect(item.accountId).toBe(PHONE_ID);
    expect(item.activity).toMatchObject({
      channelId: "whatsapp",
      from: { id: WA_ID },
      recipient: { id: PHONE_ID },
      conversation: { id: `whatsapp:${WA_ID}` },
    });
    expect(item.activity.timestamp).toBeInstanceOf(Date);
    expect(item.activity.channelData.raw).toBeDefined();
    if (item.activity.type === "message") {
      expect(item.activity.from.name).toBe("Test Name");
      expect(item.dedupKey).toBe(item.activity.id);
    } else {
      expect(item.dedupKey).toBeUndefined();
    }
  });

  it("signed_text_body.raw: the real captured delivery", () => {
    const body = JSON.parse(readFileSync(new URL("whatsapp/signed_text_body.raw", fixtures), "utf8"));
    const item = only(parseWhatsAppDelivery(body));
    expect(item).toMatchObject({
      accountId: "277321005464405",
      dedupKey: "wamid.HBgMOTcyNTQ0NDAxMjQzFQIAEhggM0RFQTNCMEEwRTY3QzUwODYzMDc4NjQ4QzM4ODAxM0YA",
      activity: {
        text: "Hey there! I am using PyWa.",
        from: { id: "972544401243", name: "PyWa Tests" },
        conversation: { id: "whatsapp:972544401243" },
        channelData: { kind: "text" },
      },
    });
    expect(item.activity.timestamp?.getTime()).toBe(1730231903 * 1000);
  });

  const delivery = (messages: unknown[], extra: Record<string, unknown> = {}) => ({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "1",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { phone_number_id: PHONE_ID },
              contacts: [{ wa_id: WA_ID, profile: { name: "Ana" } }],
              messages,
              ...extra,
            },
          },
        ],
      },
    ],
  });
  const msg = { from: WA_ID, timestamp: "1700000000" };

  it("an image with a caption carries the caption as text and attachment name", () => {
    const body = delivery([
      { ...msg, id: "w1", type: "image", image: { id: "9", mime_type: "image/png", caption: "this?" } },
    ]);
    expect(only(parseWhatsAppDelivery(body)).activity).toMatchObject({
      text: "this?",
      attachments: [{ contentType: "image/png", content: { mediaId: "9" }, name: "this?" }],
    });
  });

  it.each([
    ["an unknown type", { type: "hologram" }],
    ["a flow reply", { type: "interactive", interactive: { type: "nfm_reply", nfm_reply: {} } }],
  ])("%s becomes an unsupported message with a dedup key", (_, part) => {
    const item = only(parseWhatsAppDelivery(delivery([{ ...msg, id: "w2", ...part }])));
    expect(item).toMatchObject({
      dedupKey: "w2",
      activity: { type: "message", channelData: { kind: "unsupported" } },
    });
  });

  it("keeps the good messages of a batch and reports the bad ones", () => {
    const parsed = parseWhatsAppDelivery(
      delivery([
        { ...msg, id: "ok", type: "text", text: { body: "hi" } },
        { ...msg, id: "bad", type: "text", text: { body: 5 } },
        { ...msg, id: "bad2", type: "order", order: { product_items: "x" } },
        { id: "no-from", type: "text", text: { body: "hi" } },
      ]),
    );
    expect(parsed.items.map((i) => i.dedupKey)).toEqual(["ok"]);
    expect(parsed.ignored).toHaveLength(3);
    expect(parsed.ignored[0]?.reason).toMatch(/malformed text message: text\.body/);
  });

  it("ignores changes of other fields and webhook errors with a reason", () => {
    const body = {
      object: "whatsapp_business_account",
      entry: [{ id: "1", changes: [{ field: "account_update", value: {} }] }],
    };
    expect(parseWhatsAppDelivery(body)).toEqual({
      items: [],
      ignored: [{ reason: 'whatsapp: unsupported change field "account_update"' }],
    });
    const errors = parseWhatsAppDelivery(delivery([], { errors: [{ code: 131000 }] }));
    expect(errors.ignored[0]?.reason).toMatch(/delivery errors/);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["an array", []],
    ["a page delivery", { object: "page", entry: [] }],
    ["no entry", { object: "whatsapp_business_account" }],
    ["entry not an array", { object: "whatsapp_business_account", entry: "x" }],
  ])("garbage (%s) gives no items and one reason, without throwing", (_, body) => {
    const parsed = parseWhatsAppDelivery(body);
    expect(parsed.items).toEqual([]);
    expect(parsed.ignored).toHaveLength(1);
    expect(parsed.ignored[0]?.reason).toMatch(/^whatsapp: /);
  });

  it.each<[string, unknown]>([
    ["changes missing", [{ id: "1" }]],
    ["a value without metadata", [{ id: "1", changes: [{ field: "messages", value: { messages: [] } }] }]],
    ["a change that is null", [{ id: "1", changes: [null] }]],
  ])("a malformed part (%s) is ignored with a reason", (_, entry) => {
    const parsed = parseWhatsAppDelivery({ object: "whatsapp_business_account", entry });
    expect(parsed.items).toEqual([]);
    expect(parsed.ignored).toHaveLength(1);
  });
});
