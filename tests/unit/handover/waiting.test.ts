import { describe, expect, it } from "vitest";
import type { ShopSettings } from "../../../lib/catalog/types";
import { canBeMisunderstood } from "../../../lib/handover/misunderstood";
import { WAITING_NOTICE_EVERY_MS, waitingNotice } from "../../../lib/handover/waiting";

const settings = (over: Partial<ShopSettings> = {}): ShopSettings => ({
  name: "Shop",
  locales: ["en", "zh"],
  defaultLocale: "en",
  currency: "USD",
  paymentMethods: ["cod"],
  handover: { maxUnansweredTurns: 3, pageInbox: false, idleReleaseMinutes: 45 },
  ...over,
});

describe("canBeMisunderstood (issue 15: a 👍 handed shoppers to a person)", () => {
  it.each([
    ["👍", undefined, false],
    ["👍🏽👍", undefined, false],
    ["?!", undefined, false],
    ["", undefined, false],
    ["ok 👍", undefined, true],
    ["qzxv blorp", undefined, true],
    ["亚麻", undefined, true],
    ["42", undefined, true],
    ["anything", "reaction", false],
    ["anything", "sticker", false],
  ])("%j (%s) → %s", (text, kind, expected) => {
    expect(canBeMisunderstood({ text, kind })).toBe(expected);
  });
});

describe("waitingNotice", () => {
  const handoverAt = "2026-12-03T10:00:00.000Z";
  const at = (ms: number) => new Date(Date.parse(handoverAt) + ms);

  it("tells a waiting shopper, in their language, with the idle limit and the way back", () => {
    const n = waitingNotice({ status: "waiting", handoverAt }, "zh", settings(), at(1000));
    expect(n?.text).toContain("45");
    expect(n?.text).toMatch(/客服/);
    expect(n?.choices).toEqual([{ title: "和机器人聊", payload: "BOT" }]);
  });

  it("adds the opening hours while the shop is closed", () => {
    const closed = settings({ openingHours: { timezone: "UTC", days: {} }, hours: { en: "Mon–Fri 9–17" } });
    expect(waitingNotice({ status: "waiting", handoverAt }, "en", closed, at(1000))?.text).toMatch(
      /\nMon–Fri 9–17$/,
    );
  });

  it("once after the handover, then at most every 10 minutes; never while a person has it", () => {
    const noticed = at(1000).toISOString();
    const c = { status: "waiting" as const, handoverAt, waitingNoticeAt: noticed };
    expect(waitingNotice(c, "en", settings(), at(60_000))).toBeUndefined();
    expect(waitingNotice(c, "en", settings(), at(1000 + WAITING_NOTICE_EVERY_MS))).toBeDefined();
    expect(waitingNotice({ status: "agent", handoverAt }, "en", settings(), at(1000))).toBeUndefined();
    // a new handover after an old notice is told again
    const later = {
      status: "waiting" as const,
      handoverAt: at(5000).toISOString(),
      waitingNoticeAt: noticed,
    };
    expect(waitingNotice(later, "en", settings(), at(6000))).toBeDefined();
  });
});
