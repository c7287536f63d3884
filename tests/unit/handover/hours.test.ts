import { describe, expect, it } from "vitest";
import type { OpeningHours, ShopSettings } from "../../../lib/catalog/types";
import { isOpen, localTime } from "../../../lib/handover/hours";
import { handoverText } from "../../../lib/handover/reply";

const SG: OpeningHours = {
  timezone: "Asia/Singapore",
  days: {
    mon: [["09:00", "18:00"]],
    sat: [
      ["10:00", "12:00"],
      ["13:00", "15:00"],
    ],
    fri: [["22:00", "02:00"]],
  },
};
// 2026-03-02 is a Monday; Singapore is UTC+8 all year.
const sg = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

describe("isOpen", () => {
  it.each([
    ["2026-03-02", "08:59", false],
    ["2026-03-02", "09:00", true],
    ["2026-03-02", "17:59", true],
    ["2026-03-02", "18:00", false],
    ["2026-03-03", "12:00", false], // Tuesday: not listed
    ["2026-03-07", "11:00", true], // Saturday, first interval
    ["2026-03-07", "12:30", false], // lunch
    ["2026-03-07", "14:00", true],
    ["2026-03-06", "23:00", true], // Friday night
    ["2026-03-07", "01:30", true], // …running past midnight into Saturday
    ["2026-03-07", "02:00", false],
  ])("%s %s in Singapore → %s", (date, time, open) => {
    expect(isOpen(SG, sg(date, time))).toBe(open);
  });

  it("follows daylight saving time through Intl", () => {
    const ny: OpeningHours = { timezone: "America/New_York", days: { mon: [["09:00", "17:00"]] } };
    expect(isOpen(ny, new Date("2026-01-05T14:30:00Z"))).toBe(true); // 09:30 EST
    expect(isOpen(ny, new Date("2026-07-06T13:30:00Z"))).toBe(true); // 09:30 EDT
    expect(isOpen(ny, new Date("2026-01-05T13:30:00Z"))).toBe(false); // 08:30 EST
  });

  it("treats a shop without opening hours as open", () => {
    expect(isOpen(undefined, new Date())).toBe(true);
  });

  it("reads the local weekday and minute", () => {
    expect(localTime("Asia/Singapore", sg("2026-03-02", "09:15"))).toEqual({ day: "mon", minute: 555 });
  });
});

describe("handoverText", () => {
  const settings: Pick<ShopSettings, "defaultLocale" | "hours" | "openingHours"> = {
    defaultLocale: "en",
    hours: { en: "We answer Mon 9–18.", ar: "نرد يوم الإثنين ٩–١٨." },
    openingHours: SG,
  };

  it("says a person will reply, without hours while the shop is open", () => {
    expect(handoverText("asked", "en", settings, sg("2026-03-02", "10:00"))).toBe(
      "I'll pass this to our team. A person will reply here.",
    );
  });

  it("adds the shop's hours in the shopper's language when closed", () => {
    const text = handoverText("asked", "ar", settings, sg("2026-03-03", "10:00"));
    expect(text.split("\n")).toEqual(["سأحول طلبك إلى فريقنا. سيرد عليك موظف هنا.", "نرد يوم الإثنين ٩–١٨."]);
  });

  it("falls back to the default locale's hours, then to a generic line", () => {
    const closed = sg("2026-03-03", "10:00");
    expect(handoverText("complaint", "zh", settings, closed)).toMatch(/\nWe answer Mon 9–18\.$/);
    const noText = { ...settings, hours: undefined };
    expect(handoverText("unanswered", "en", noText, closed)).toMatch(/\nWe're away right now/);
  });
});
