/**
 * The welcome surfaces as Graph bodies (pure), typing and seen bodies, WhatsApp commands, and the bot's answer
 * to a photo or voice note.
 */
import { describe, expect, it } from "vitest";
import { presenceBodies } from "../../../lib/bot/presence";
import type { InboundActivity } from "../../../lib/channels/types";
import { isMediaKind, mediaAnswer } from "../../../lib/skills/media";
import { commandPayload } from "../../../lib/welcome/commands";
import { buildWelcomeSurfaces, META_LOCALES } from "../../../lib/welcome/surfaces";
import { demoShop } from "../../helpers/skills";

type Entry = {
  locale: string;
  text?: string;
  call_to_actions?: Array<{ title?: string; question?: string; payload?: string; url?: string }>;
};

describe("welcome surfaces", () => {
  it("defaults: every enabled locale plus Meta's `default` (the default locale)", () => {
    const { settings } = demoShop({ locales: ["en", "ar", "id"], defaultLocale: "ar" });
    const { messenger, instagram, whatsapp } = buildWelcomeSurfaces(settings);
    const greeting = messenger?.greeting as Entry[];
    expect(greeting.map((g) => g.locale)).toEqual(["default", "ar_AR", "en_US", "id_ID"]);
    expect(greeting[0]?.text).toBe(greeting[1]?.text);
    expect(messenger?.get_started).toEqual({ payload: "GET_STARTED" });
    const menu = messenger?.persistent_menu as Entry[];
    expect(menu.find((m) => m.locale === "id_ID")?.call_to_actions?.map((c) => c.payload)).toEqual([
      "BROWSE",
      "CART",
      "ORDERS",
      "HUMAN",
    ]);
    expect(instagram).toMatchObject({ platform: "instagram" });
    expect(instagram?.greeting).toBeUndefined();
    // WhatsApp has one set, in the default locale
    expect(whatsapp?.prompts).toEqual([
      "ماذا تبيعون؟",
      "ماذا في سلتي؟",
      "أين طلبي؟",
      "هل يمكنني التحدث إلى شخص؟",
    ]);
  });

  it("every locale has its texts, within Meta's limits", () => {
    const { settings } = demoShop();
    const { messenger = {}, whatsapp = {} } = buildWelcomeSurfaces(settings);
    for (const g of messenger.greeting as Entry[])
      expect([...(g.text ?? "")].length).toBeLessThanOrEqual(160);
    for (const m of messenger.persistent_menu as Entry[])
      for (const c of m.call_to_actions ?? []) expect([...(c.title ?? "")].length).toBeLessThanOrEqual(30);
    for (const i of messenger.ice_breakers as Entry[]) {
      expect(i.call_to_actions?.length).toBeLessThanOrEqual(4);
      for (const c of i.call_to_actions ?? []) expect([...(c.question ?? "")].length).toBeLessThanOrEqual(80);
    }
    expect((messenger.greeting as Entry[]).map((g) => g.locale)).toEqual([
      "default",
      ...Object.values(META_LOCALES),
    ]);
    expect(whatsapp.commands).toHaveLength(4);
  });

  it("the merchant's settings win; a link in the menu; nothing at all when disabled; same input, same bodies", () => {
    const { settings } = demoShop({
      welcome: {
        greeting: { en: "Hello from the shop" },
        getStarted: true,
        menu: { en: [{ title: "Our site", url: "https://shop.example" }] },
        iceBreakers: { en: [{ question: "Any sales?", action: "browse" }] },
        whatsapp: { iceBreakers: ["Sales?"], commands: [{ name: "cart", description: "Your cart" }] },
      },
    });
    const surfaces = buildWelcomeSurfaces(settings);
    expect((surfaces.messenger?.greeting as Entry[] | undefined)?.[0]).toEqual({
      locale: "default",
      text: "Hello from the shop",
    });
    expect((surfaces.messenger?.persistent_menu as Entry[] | undefined)?.[0]?.call_to_actions).toEqual([
      { type: "web_url", title: "Our site", url: "https://shop.example" },
    ]);
    expect(surfaces.whatsapp).toEqual({
      enable_welcome_message: true,
      prompts: ["Sales?"],
      commands: [{ command_name: "cart", command_description: "Your cart" }],
    });
    expect(buildWelcomeSurfaces(settings)).toEqual(surfaces);
    expect(buildWelcomeSurfaces(demoShop({ welcome: { enabled: false } }).settings)).toEqual({});
    const noStart = buildWelcomeSurfaces(demoShop({ welcome: { getStarted: false } }).settings).messenger;
    expect(noStart?.get_started).toBeUndefined();
    expect(noStart?.persistent_menu).toBeUndefined();
  });
});

describe("WhatsApp commands", () => {
  it.each([
    ["/cart", "CART"],
    ["/order ", "ORDERS"],
    ["/Browse", "BROWSE"],
    ["/human", "HUMAN"],
    ["/nothing", undefined],
    ["cart", undefined],
    [undefined, undefined],
  ])("%j → %j", (text, payload) => {
    expect(commandPayload(text)).toBe(payload);
  });
});

describe("typing and seen", () => {
  const activity = (
    channelId: "messenger" | "whatsapp" | "instagram",
    type: "message" | "event" = "message",
  ) =>
    ({
      type,
      id: "wamid.1",
      channelId,
      conversation: { id: `${channelId}:42` },
      from: { id: "42" },
      recipient: { id: "1" },
      channelData: {},
    }) as InboundActivity["activity"];

  it("Messenger and Instagram: mark_seen and typing_on; WhatsApp: the read receipt with its typing indicator", () => {
    for (const channel of ["messenger", "instagram"] as const) {
      expect(presenceBodies(channel, activity(channel))).toEqual([
        { recipient: { id: "42" }, sender_action: "mark_seen" },
        { recipient: { id: "42" }, sender_action: "typing_on" },
      ]);
    }
    expect(presenceBodies("whatsapp", activity("whatsapp"))).toEqual([
      {
        messaging_product: "whatsapp",
        status: "read",
        message_id: "wamid.1",
        typing_indicator: { type: "text" },
      },
    ]);
    expect(presenceBodies("messenger", activity("messenger", "event"))).toEqual([]);
  });
});

describe("a photo or voice note", () => {
  it("is answered in the shopper's language with a person as the way forward, and counts as unanswered", () => {
    const shop = demoShop();
    const c = { shop, locale: "zh" } as unknown as Parameters<typeof mediaAnswer>[1];
    const photo = mediaAnswer("image", c);
    expect(photo.reply.text).toContain("图片");
    expect(photo.reply.unanswered).toBe(true);
    expect(photo.reply.choices?.map((x) => x.payload)).toEqual(["HUMAN"]);
    expect(mediaAnswer("audio", { ...c, locale: "ar" } as typeof c).reply.text).toContain("الصوتية");
    expect(isMediaKind("sticker")).toBe(true);
    expect(isMediaKind("text")).toBe(false);
  });
});
