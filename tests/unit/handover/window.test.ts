/** Meta's windows with controlled clocks: 23 h, 25 h, 6 days and 8 days after the shopper's last message. */
import { describe, expect, it } from "vitest";
import { planAgentSend, windowOf } from "../../../lib/handover/window";

const LAST = Date.parse("2026-03-01T10:00:00.000Z");
const H = 3_600_000;
const at = (hours: number) => LAST + hours * H;
const TEMPLATE = { name: "reopen_chat", language: "en" };

describe("windowOf", () => {
  it("Messenger: expiresAt 24 h and humanAgentUntil 7 days after the last message", () => {
    expect(windowOf("messenger", new Date(LAST).toISOString(), at(1))).toEqual({
      channel: "messenger",
      lastInboundAt: "2026-03-01T10:00:00.000Z",
      expiresAt: "2026-03-02T10:00:00.000Z",
      humanAgentUntil: "2026-03-08T10:00:00.000Z",
      state: "open",
    });
  });

  it("WhatsApp: no HUMAN_AGENT window", () => {
    expect(windowOf("whatsapp", new Date(LAST).toISOString(), at(25))).toEqual({
      channel: "whatsapp",
      lastInboundAt: "2026-03-01T10:00:00.000Z",
      expiresAt: "2026-03-02T10:00:00.000Z",
      state: "closed",
    });
  });

  it("is closed when the shopper never wrote", () => {
    expect(windowOf("messenger", undefined, at(0)).state).toBe("closed");
  });

  it.each([
    [24 * H - 1, "open"],
    [24 * H, "human_agent"],
    [7 * 24 * H - 1, "human_agent"],
    [7 * 24 * H, "closed"],
  ])("Messenger at +%d ms: %s (limits exclusive)", (offset, state) => {
    expect(windowOf("messenger", new Date(LAST).toISOString(), LAST + offset).state).toBe(state);
  });
});

describe("planAgentSend", () => {
  const plan = (channel: "messenger" | "whatsapp", hours: number, whatsappTemplate?: typeof TEMPLATE) =>
    planAgentSend(windowOf(channel, new Date(LAST).toISOString(), at(hours)), { whatsappTemplate });

  it.each([
    ["messenger", 23, { kind: "message", messagingType: "RESPONSE" }],
    ["messenger", 25, { kind: "message", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" }],
    ["messenger", 6 * 24, { kind: "message", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" }],
    ["whatsapp", 23, { kind: "message" }],
  ] as const)("%s %d h after the last message: %j", (channel, hours, expected) => {
    expect(plan(channel, hours)).toEqual(expected);
  });

  it.each([
    ["messenger", 8 * 24],
    ["whatsapp", 25],
    ["whatsapp", 6 * 24],
    ["whatsapp", 8 * 24],
  ] as const)("%s %d h after: refused with a clear message", (channel, hours) => {
    const p = plan(channel, hours);
    expect(p).toMatchObject({ kind: "refused", code: "handover.window_closed" });
    expect(p.kind === "refused" && p.message).toMatch(channel === "messenger" ? /7 days/ : /24 hours/);
  });

  it.each([25, 6 * 24, 8 * 24])("WhatsApp %d h after with a template: the template", (hours) => {
    expect(plan("whatsapp", hours, TEMPLATE)).toEqual({ kind: "template", template: TEMPLATE });
  });

  it("WhatsApp inside 24 h ignores the template", () => {
    expect(plan("whatsapp", 23, TEMPLATE)).toEqual({ kind: "message" });
  });

  it("Messenger after 7 days stays refused whatever the template", () => {
    expect(plan("messenger", 8 * 24, TEMPLATE).kind).toBe("refused");
  });
});
