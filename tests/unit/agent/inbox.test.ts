import { describe, expect, it } from "vitest";
import { applySettingsPatch } from "../../../lib/admin/settingsPatch";
import { renderCanned } from "../../../lib/agent/canned";
import { displayName, handoverKind } from "../../../lib/agent/inbox";
import type { ShopSettings } from "../../../lib/catalog/types";
import { UNDO_WINDOW_MS, undoableUntil } from "../../../lib/store/orderUndo";

describe("the inbox's words for a conversation", () => {
  it("names the shopper from their checkout, else the platform's profile", () => {
    expect(displayName({ profile: { name: "Maria Santos" }, name: "maria.s" })).toBe("Maria Santos");
    expect(displayName({ name: "maria.s" })).toBe("maria.s");
    expect(displayName({ profile: { name: "  " } })).toBeUndefined();
  });

  it.each([
    ["asked", "asked"],
    ["complaint", "asked"],
    ["unanswered", "unanswered"],
    ["cart_value", "cart_value"],
    ["page-inbox", "agent"],
    [undefined, undefined],
  ])("handover reason %s is kind %s", (reason, kind) => {
    expect(handoverKind(reason)).toBe(kind);
  });
});

describe("renderCanned", () => {
  it("fills the name and order id, and tidies a missing one", () => {
    expect(
      renderCanned("Hi {name}, order {orderId} ships today.", { name: "Ana", orderId: "CC-7K3F9Q" }),
    ).toBe("Hi Ana, order CC-7K3F9Q ships today.");
    expect(renderCanned("Hi {name}, thanks!", {})).toBe("Hi, thanks!");
  });
});

describe("applySettingsPatch", () => {
  const current: ShopSettings = {
    name: "Shop",
    locales: ["en"],
    defaultLocale: "en",
    currency: "USD",
    greeting: { en: "Hello" },
    paymentMethods: ["cod"],
    handover: { maxUnansweredTurns: 3, pageInbox: false, idleReleaseMinutes: 60 },
    version: 4,
    catalogVersion: 9,
  };

  it("merges handover and cart field by field, replaces other sections, removes optional ones on null", () => {
    expect(
      applySettingsPatch(current, {
        handover: { idleReleaseMinutes: 30 },
        greeting: null,
        paymentMethods: ["cod", "gcash"],
      }),
    ).toEqual({
      name: "Shop",
      locales: ["en"],
      defaultLocale: "en",
      currency: "USD",
      paymentMethods: ["cod", "gcash"],
      handover: { maxUnansweredTurns: 3, pageInbox: false, idleReleaseMinutes: 30 },
    });
  });
});

describe("undoableUntil", () => {
  const placed = { status: "pending" as const, at: "2026-12-03T10:00:00.000Z", by: "shopper" };
  const confirmed = {
    status: "confirmed" as const,
    at: "2026-12-03T10:05:00.000Z",
    by: "admin-0123456789abcdef",
  };
  const history = [placed, confirmed];
  const changed = Date.parse("2026-12-03T10:05:00.000Z");

  it("an admin's last change, within the window", () => {
    expect(undoableUntil({ history }, changed + 1000)).toBe(new Date(changed + UNDO_WINDOW_MS).toISOString());
    expect(undoableUntil({ history }, changed + UNDO_WINDOW_MS)).toBeUndefined();
  });

  it("never the shopper's change, the first entry, or an undo", () => {
    expect(undoableUntil({ history: [placed] }, changed)).toBeUndefined();
    expect(undoableUntil({ history: [placed, { ...confirmed, by: "shopper" }] }, changed)).toBeUndefined();
    expect(
      undoableUntil({ history: [...history, { ...placed, undo: true, by: "admin-x" }] }, changed),
    ).toBeUndefined();
  });
});
