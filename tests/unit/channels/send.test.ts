import type { Activity, CardAction } from "botframework-schema";
import { describe, expect, it } from "vitest";
import { HERO_CARD, type ProductCard } from "../../../lib/channels/cards";
import { toMessengerBodies } from "../../../lib/channels/messenger/send";
import { codePointLength } from "../../../lib/channels/text";
import type { GraphBody } from "../../../lib/channels/types";
import { toWhatsAppBodies, whatsAppMarkRead } from "../../../lib/channels/whatsapp/send";

const PSID = "9876543210987654";
const WA_ID = "6591234567";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Fixture factories with overrides.
const action = (i: number, over: Partial<CardAction> = {}): CardAction =>
  ({ type: "postBack", title: `Choice ${i}`, value: `CHOICE_${i}`, ...over }) as CardAction;
const actions = (n: number) => Array.from({ length: n }, (_, i) => action(i));
const card = (i: number, over: Partial<ProductCard> = {}): ProductCard => ({
  title: `Product ${i}`,
  subtitle: `$${i}.99`,
  images: [{ url: `https://img.example/${i}.jpg` }],
  buttons: [action(i, { title: "Add to cart", value: `ADD:${i}` })],
  productId: `SKU-${i}`,
  ...over,
});
const withCards = (cards: ProductCard[], over: Partial<Activity> = {}): Partial<Activity> => ({
  type: "message",
  attachments: cards.map((content) => ({ contentType: HERO_CARD, content })),
  ...over,
});
const choices = (n: number, over: Partial<Activity> = {}): Partial<Activity> => ({
  type: "message",
  text: "Pick one",
  suggestedActions: { to: [], actions: actions(n) },
  ...over,
});
/** Words of 4 to 9 letters, so splitting happens at whitespace. */
const prose = (length: number) => {
  let s = "";
  for (let i = 0; s.length < length; i++) s += `${"lorem".padEnd(4 + (i % 6), "x")} `;
  return s.slice(0, length).trim();
};

// biome-ignore lint/suspicious/noExplicitAny: test helper digs into untyped Graph bodies
const get = (body: GraphBody | undefined, path: string): any =>
  // biome-ignore lint/suspicious/noExplicitAny: see above
  path.split(".").reduce<any>((v, k) => v?.[k], body);

describe("toMessengerBodies", () => {
  const send = (a: Partial<Activity>, opts = {}) => toMessengerBodies(a, PSID, opts);

  it("wraps a text in the Send API envelope, RESPONSE by default and no tag", () => {
    expect(send({ type: "message", text: "Hello" })).toEqual([
      {
        recipient: { id: PSID },
        messaging_type: "RESPONSE",
        message: { text: "Hello", metadata: "chatcart" },
      },
    ]);
  });

  it("puts the HUMAN_AGENT tag only on MESSAGE_TAG sends", () => {
    const tagged = send(
      { type: "message", text: "Hi" },
      { messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
    );
    expect(tagged[0]).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    const update = send({ type: "message", text: "Hi" }, { messagingType: "UPDATE", tag: "HUMAN_AGENT" });
    expect(update[0]).toMatchObject({ messaging_type: "UPDATE" });
    expect(update[0]).not.toHaveProperty("tag");
  });

  it("splits a 4500-character text into 3 messages of at most 2000, at whitespace", () => {
    const text = prose(4500);
    const bodies = send({ type: "message", text });
    expect(bodies).toHaveLength(3);
    const parts = bodies.map((b) => get(b, "message.text") as string);
    for (const p of parts) expect(codePointLength(p)).toBeLessThanOrEqual(2000);
    expect(parts.join(" ")).toBe(text);
  });

  it("turns 15 suggested actions into 13 quick replies on the text", () => {
    const [body] = send(choices(15));
    const replies = get(body, "message.quick_replies");
    expect(get(body, "message.text")).toBe("Pick one");
    expect(replies).toHaveLength(13);
    expect(replies[0]).toEqual({ content_type: "text", title: "Choice 0", payload: "CHOICE_0" });
  });

  it("cuts quick reply titles to 20 and payloads to 1000", () => {
    const long = action(0, { title: "A very long choice title", value: "P".repeat(1200) });
    const [body] = send(choices(0, { suggestedActions: { to: [], actions: [long] } }));
    const [reply] = get(body, "message.quick_replies");
    expect(codePointLength(reply.title)).toBeLessThanOrEqual(20);
    expect(reply.title.endsWith("…")).toBe(true);
    expect(codePointLength(reply.payload)).toBeLessThanOrEqual(1000);
  });

  it("maps phone number and email quick replies to their content types", () => {
    const special = [
      action(0, { channelData: { quickReply: "user_phone_number" } }),
      action(1, { channelData: { quickReply: "user_email" } }),
      action(2, { type: "imBack", value: "yes" }),
    ];
    const [body] = send(choices(0, { suggestedActions: { to: [], actions: special } }));
    expect(get(body, "message.quick_replies")).toEqual([
      { content_type: "user_phone_number" },
      { content_type: "user_email" },
      { content_type: "text", title: "Choice 2", payload: "yes" },
    ]);
  });

  it("sends the text first, then one generic template of at most 10 elements", () => {
    const bodies = send(
      withCards(
        Array.from({ length: 12 }, (_, i) => card(i)),
        { text: "Our tees" },
      ),
    );
    expect(bodies).toHaveLength(2);
    expect(get(bodies[0], "message")).toEqual({ text: "Our tees", metadata: "chatcart" });
    expect(get(bodies[1], "message.attachment.type")).toBe("template");
    expect(get(bodies[1], "message.attachment.payload.template_type")).toBe("generic");
    const elements = get(bodies[1], "message.attachment.payload.elements");
    expect(elements).toHaveLength(10);
    expect(elements[0]).toEqual({
      title: "Product 0",
      subtitle: "$0.99",
      image_url: "https://img.example/0.jpg",
      buttons: [{ type: "postback", title: "Add to cart", payload: "ADD:0" }],
    });
  });

  it("keeps element titles and subtitles within 80 and at most 3 postback buttons of 20", () => {
    const big = card(0, {
      title: "T".repeat(100),
      subtitle: "S".repeat(100),
      buttons: [...actions(3), action(3, { title: "A button title that is too long" })].reverse(),
    });
    const [element] = get(send(withCards([big]))[0], "message.attachment.payload.elements");
    expect(codePointLength(element.title)).toBe(80);
    expect(codePointLength(element.subtitle)).toBe(80);
    expect(element.buttons).toHaveLength(3);
    expect(element.buttons[0].title).toMatch(/^.{19}…$/u);
    for (const b of element.buttons) expect(b.type).toBe("postback");
  });

  it("maps an openUrl card button to a web_url button", () => {
    const c = card(0, { buttons: [action(0, { type: "openUrl", title: "View", value: "https://shop/x" })] });
    const [element] = get(send(withCards([c]))[0], "message.attachment.payload.elements");
    expect(element.buttons).toEqual([{ type: "web_url", title: "View", url: "https://shop/x" }]);
  });

  it("puts the quick replies on the last message when there are cards", () => {
    const bodies = send(
      withCards([card(0)], { text: "Look", suggestedActions: { to: [], actions: actions(2) } }),
    );
    expect(get(bodies[0], "message.quick_replies")).toBeUndefined();
    expect(get(bodies[1], "message.quick_replies")).toHaveLength(2);
  });

  it("sends image attachments as reusable image attachments", () => {
    const bodies = send({
      type: "message",
      attachments: [{ contentType: "image/png", contentUrl: "https://img.example/a.png" }],
    });
    expect(get(bodies[0], "message")).toEqual({
      attachment: { type: "image", payload: { url: "https://img.example/a.png", is_reusable: true } },
      metadata: "chatcart",
    });
  });

  it("sends channelData.graphBody as is, with the recipient and our echo marker", () => {
    const message = { attachment: { type: "template", payload: { template_type: "button" } } };
    expect(send({ type: "message", text: "ignored", channelData: { graphBody: { message } } })).toEqual([
      { recipient: { id: PSID }, messaging_type: "RESPONSE", message: { metadata: "chatcart", ...message } },
    ]);
  });

  it("marks every message with our echo metadata, so its echo is known as ours", () => {
    const bodies = send({
      type: "message",
      text: "x".repeat(2500),
      attachments: [{ contentType: "image/png", contentUrl: "https://img.example/a.png" }],
    });
    expect(bodies).toHaveLength(3);
    for (const b of bodies) expect(get(b, "message.metadata")).toBe("chatcart");
  });

  it.each(["typing", "event", "endOfConversation"])("sends nothing for a %s activity", (type) => {
    expect(send({ type, text: "x" })).toEqual([]);
  });
});

describe("toWhatsAppBodies", () => {
  const send = (a: Partial<Activity>, opts = {}) => toWhatsAppBodies(a, WA_ID, opts);
  const envelope = { messaging_product: "whatsapp", recipient_type: "individual", to: WA_ID };

  it("wraps a text in the Cloud API envelope", () => {
    expect(send({ type: "message", text: "Hello" })).toEqual([
      { ...envelope, type: "text", text: { body: "Hello" } },
    ]);
  });

  it("splits text longer than 4096", () => {
    const text = prose(5000);
    const bodies = send({ type: "message", text });
    expect(bodies).toHaveLength(2);
    for (const b of bodies) expect(codePointLength(get(b, "text.body"))).toBeLessThanOrEqual(4096);
  });

  it("sends up to 3 choices as reply buttons with the text as body", () => {
    const [body] = send(choices(3));
    expect(body).toEqual({
      ...envelope,
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Pick one" },
        action: {
          buttons: [0, 1, 2].map((i) => ({
            type: "reply",
            reply: { id: `CHOICE_${i}`, title: `Choice ${i}` },
          })),
        },
      },
    });
  });

  it("cuts a 25-character button title to 20 ending with …, and ids to 256", () => {
    const long = action(0, { title: "Add the red tee to my cart", value: "I".repeat(300) });
    const [body] = send(choices(0, { suggestedActions: { to: [], actions: [long] } }));
    const [button] = get(body, "interactive.action.buttons");
    expect(codePointLength(button.reply.title)).toBeLessThanOrEqual(20);
    expect(button.reply.title.endsWith("…")).toBe(true);
    expect(codePointLength(button.reply.id)).toBeLessThanOrEqual(256);
  });

  it("does not split an emoji in a button title", () => {
    const emoji = action(0, { title: "🛒".repeat(25) });
    const [body] = send(choices(0, { suggestedActions: { to: [], actions: [emoji] } }));
    const title: string = get(body, "interactive.action.buttons.0.reply.title");
    expect(title).toBe(`${"🛒".repeat(19)}…`);
    expect(title).not.toMatch(LONE_SURROGATE);
  });

  it("sends 4+ choices as a one-section list with the default button label", () => {
    const [body] = send(choices(4));
    expect(get(body, "interactive.type")).toBe("list");
    expect(get(body, "interactive.action.button")).toBe("Options");
    expect(get(body, "interactive.action.sections")).toEqual([
      { rows: [0, 1, 2, 3].map((i) => ({ id: `CHOICE_${i}`, title: `Choice ${i}` })) },
    ]);
  });

  it("keeps 10 of 12 list rows, within the row and button limits", () => {
    const many = [
      action(0, {
        title: "A row title longer than twenty-four",
        value: "R".repeat(250),
        text: "D".repeat(100),
      }),
      ...actions(12).slice(1),
    ];
    const [body] = send(
      choices(0, {
        suggestedActions: { to: [], actions: many },
        channelData: { listButton: "See all the options" },
      }),
    );
    expect(codePointLength(get(body, "interactive.action.button"))).toBeLessThanOrEqual(20);
    const rows = get(body, "interactive.action.sections.0.rows");
    expect(rows).toHaveLength(10);
    expect(codePointLength(rows[0].title)).toBeLessThanOrEqual(24);
    expect(codePointLength(rows[0].description)).toBeLessThanOrEqual(72);
    expect(codePointLength(rows[0].id)).toBeLessThanOrEqual(200);
  });

  it("keeps a long text whole: what exceeds the 1024 body goes first as text", () => {
    const text = prose(1500);
    const bodies = send(choices(2, { text }));
    expect(bodies.map((b) => b.type)).toEqual(["text", "interactive"]);
    expect(codePointLength(get(bodies[1], "interactive.body.text"))).toBeLessThanOrEqual(1024);
    expect(`${get(bodies[0], "text.body")} ${get(bodies[1], "interactive.body.text")}`).toBe(text);
  });

  it("sends one catalog product as a single-product message", () => {
    const [body] = send(withCards([card(1)], { text: "This one?" }), { catalogId: "CAT" });
    expect(body).toEqual({
      ...envelope,
      type: "interactive",
      interactive: {
        type: "product",
        body: { text: "This one?" },
        action: { catalog_id: "CAT", product_retailer_id: "SKU-1" },
      },
    });
  });

  it("sends 40 catalog products as one product list of 30, with header and body", () => {
    const text = `${"Our summer collection is here and it is gorgeous".repeat(2)}\nPick what you like`;
    const bodies = send(
      withCards(
        Array.from({ length: 40 }, (_, i) => card(i)),
        { text },
      ),
      { catalogId: "CAT" },
    );
    expect(bodies).toHaveLength(1);
    const interactive = get(bodies[0], "interactive");
    expect(interactive.type).toBe("product_list");
    expect(interactive.header.type).toBe("text");
    expect(codePointLength(interactive.header.text)).toBeLessThanOrEqual(60);
    expect(interactive.body.text).toBe(text);
    expect(interactive.action.catalog_id).toBe("CAT");
    const items = interactive.action.sections.flatMap((s: { product_items: unknown[] }) => s.product_items);
    expect(items).toHaveLength(30);
    expect(items[0]).toEqual({ product_retailer_id: "SKU-0" });
    for (const s of interactive.action.sections) expect(codePointLength(s.title)).toBeLessThanOrEqual(24);
  });

  it("groups catalog products by section, at most 10 sections with titles of 24", () => {
    const cards = Array.from({ length: 12 }, (_, i) =>
      card(i, { section: `Section number ${i} of the shop` }),
    );
    const bodies = send(withCards(cards, { text: "All" }), { catalogId: "CAT" });
    const sections = get(bodies[0], "interactive.action.sections");
    expect(sections).toHaveLength(10);
    for (const s of sections) expect(codePointLength(s.title)).toBeLessThanOrEqual(24);
  });

  it("truncates product list body to 1024 and still sends header and body without text", () => {
    const long = send(withCards([card(0), card(1)], { text: "x ".repeat(700) }), { catalogId: "CAT" });
    expect(codePointLength(get(long[0], "interactive.body.text"))).toBeLessThanOrEqual(1024);
    const none = send(withCards([card(0), card(1)]), { catalogId: "CAT" });
    expect(get(none[0], "interactive.header.text")).toBe("Product 0, Product 1");
    expect(get(none[0], "interactive.body.text")).toBe("Product 0, Product 1");
  });

  it("without a catalog, sends the text then one button message per card, with an image header", () => {
    const bodies = send(withCards([card(0), card(1)], { text: "Our tees" }));
    expect(bodies.map((b) => b.type)).toEqual(["text", "interactive", "interactive"]);
    expect(get(bodies[1], "interactive")).toEqual({
      type: "button",
      header: { type: "image", image: { link: "https://img.example/0.jpg" } },
      body: { text: "Product 0\n$0.99" },
      action: { buttons: [{ type: "reply", reply: { id: "ADD:0", title: "Add to cart" } }] },
    });
  });

  it("falls back to button messages when a card has no productId, keeping 3 of 4 buttons", () => {
    const cards = [card(0, { buttons: actions(4) }), card(1, { productId: undefined })];
    const bodies = send(withCards(cards), { catalogId: "CAT" });
    expect(bodies.map((b) => get(b, "interactive.type"))).toEqual(["button", "button"]);
    expect(get(bodies[0], "interactive.action.buttons")).toHaveLength(3);
  });

  it("keeps a card body within 1024", () => {
    const bodies = send(withCards([card(0, { subtitle: "s".repeat(2000) })]));
    expect(codePointLength(get(bodies[0], "interactive.body.text"))).toBeLessThanOrEqual(1024);
  });

  it("sends a card without buttons as an image with caption, or as text without image", () => {
    const bodies = send(withCards([card(0, { buttons: [] }), card(1, { buttons: [], images: [] })]));
    expect(bodies[0]).toEqual({
      ...envelope,
      type: "image",
      image: { link: "https://img.example/0.jpg", caption: "Product 0\n$0.99" },
    });
    expect(bodies[1]).toEqual({ ...envelope, type: "text", text: { body: "Product 1\n$1.99" } });
  });

  it("sends choices after the cards, with their titles as body when the text went with the cards", () => {
    const bodies = send(
      withCards([card(0), card(1)], { text: "Our tees", suggestedActions: { to: [], actions: actions(2) } }),
      { catalogId: "CAT" },
    );
    expect(bodies.map((b) => get(b, "interactive.type"))).toEqual(["product_list", "button"]);
    expect(get(bodies[1], "interactive.body.text")).toBe("Choice 0 · Choice 1");
  });

  it("sends image attachments as image messages by link", () => {
    const bodies = send({
      type: "message",
      attachments: [{ contentType: "image/jpeg", contentUrl: "https://img.example/a.jpg" }],
    });
    expect(bodies).toEqual([{ ...envelope, type: "image", image: { link: "https://img.example/a.jpg" } }]);
  });

  it("sends channelData.graphBody as is, to the shopper", () => {
    const graphBody = { type: "template", template: { name: "order_update", language: { code: "en" } } };
    expect(send({ type: "message", channelData: { graphBody } })).toEqual([{ ...envelope, ...graphBody }]);
  });

  it.each(["typing", "event"])("sends nothing for a %s activity", (type) => {
    expect(send({ type, text: "x" })).toEqual([]);
  });

  it("marks a message read", () => {
    expect(whatsAppMarkRead("wamid.1")).toEqual({
      messaging_product: "whatsapp",
      status: "read",
      message_id: "wamid.1",
    });
  });
});

describe("toWhatsAppBodies: duplicate choices", () => {
  it("drops choices with a duplicate payload before choosing buttons or list (ids must be unique)", () => {
    const dup = [action(0), action(1), action(2), action(9, { value: "CHOICE_0" })];
    const [body] = toWhatsAppBodies(choices(0, { suggestedActions: { to: [], actions: dup } }), WA_ID, {});
    expect(get(body, "interactive.type")).toBe("button");
    expect(get(body, "interactive.action.buttons")).toHaveLength(3);
  });
});
