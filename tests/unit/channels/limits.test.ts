/**
 * Issue 14 (2, 7): every inbound text is capped at the platform's limit in the parsers, text algorithms are
 * linear, and malformed parts of a signed delivery (oversized ids, out-of-range times, an empty `from`) are
 * reported (the webhook logs them at warn) instead of reaching a turn.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../lib/channels/limits";
import { parseMessengerDelivery } from "../../../lib/channels/messenger/parse";
import { capText, codePointLength, splitText, truncate } from "../../../lib/channels/text";
import { parseWhatsAppDelivery } from "../../../lib/channels/whatsapp/parse";
import { messengerText, whatsappMessage, whatsappText } from "../../../lib/dev/deliveries";

const HUGE = "12 Orchard Road ".repeat(10_000); // 160 KB

describe("caps at the edge", () => {
  it("a 160 KB location address and profile name are cut to the field limit", () => {
    const delivery = whatsappMessage({
      waId: "6591234567",
      name: HUGE,
      message: { type: "location", location: { latitude: 1.3, longitude: 103.8, address: HUGE, name: HUGE } },
    });
    const { items, ignored } = parseWhatsAppDelivery(delivery);
    expect(ignored).toEqual([]);
    const { activity } = items[0] as (typeof items)[number];
    expect(activity.channelData.location?.address?.length).toBe(LIMITS.field);
    expect(activity.channelData.location?.name?.length).toBe(LIMITS.field);
    expect(activity.from.name.length).toBe(LIMITS.field);
  });

  it.each([
    ["whatsapp", () => parseWhatsAppDelivery(whatsappText({ waId: "6591234567", text: HUGE }))],
    ["messenger", () => parseMessengerDelivery(messengerText({ psid: "123", text: HUGE }))],
  ])("a 160 KB %s text is cut to %i", (_channel, parse) => {
    const [item] = parse().items;
    expect(item?.activity.text?.length).toBe(LIMITS.text);
  });

  it.each([
    ["an oversized message id", { id: `wamid.${"x".repeat(5000)}` }],
    ["an empty from", { from: "" }],
    ["a time past the year 2100", { timestamp: "99999999999999" }],
  ])("WhatsApp: %s is malformed, not an item", (_label, override) => {
    const delivery = whatsappMessage({ waId: "6591234567", message: { type: "text", text: { body: "hi" } } });
    Object.assign(delivery.entry[0]?.changes[0]?.value.messages[0] as object, override);
    const { items, ignored } = parseWhatsAppDelivery(delivery);
    expect(items).toEqual([]);
    expect(ignored[0]?.reason).toMatch(/malformed/);
  });

  it.each([
    [
      "an oversized sender id",
      (e: Record<string, unknown>) => Object.assign(e, { sender: { id: "9".repeat(500) } }),
    ],
    ["an empty sender id", (e: Record<string, unknown>) => Object.assign(e, { sender: { id: "" } })],
    ["a time out of range", (e: Record<string, unknown>) => Object.assign(e, { timestamp: 8.64e15 })],
  ])("Messenger: %s is malformed, not an item", (_label, change) => {
    const delivery = messengerText({ psid: "123", text: "hi" });
    change(delivery.entry[0]?.messaging[0] as unknown as Record<string, unknown>);
    const { items, ignored } = parseMessengerDelivery(delivery);
    expect(items).toEqual([]);
    expect(ignored[0]?.reason).toMatch(/malformed/);
  });
});

describe("linear text algorithms (regression: 100,000 characters took 8.7 s)", () => {
  const long = "word ".repeat(60_000); // 300,000 characters: quadratic code takes minutes

  it("splits 300,000 characters into chunks that keep every word", () => {
    const chunks = splitText(long, 2000);
    expect(chunks.every((c) => codePointLength(c) <= 2000)).toBe(true);
    expect(chunks.join(" ").split(" ")).toHaveLength(60_000);
  });

  it("truncates 300,000 characters", () => {
    const cut = truncate(long, 1000);
    expect(codePointLength(cut)).toBeLessThanOrEqual(1000);
    expect(cut.endsWith("…")).toBe(true);
  });

  it("capText never splits a surrogate pair", () => {
    expect(capText("ab😀", 3)).toBe("ab");
    expect(capText("ab😀", 4)).toBe("ab😀");
  });
});
