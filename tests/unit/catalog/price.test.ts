/** Feed prices as merchants write them (lib/catalog/price.ts): currency or not, either decimal separator. */
import { describe, expect, it } from "vitest";
import { parseFeedPrice, saleActive } from "../../../lib/catalog/price";

describe("parseFeedPrice", () => {
  it.each([
    ["12.50 USD", "USD", 1250, "USD"],
    ["12 USD", "USD", 1200, "USD"],
    ["1,299.00 USD", "USD", 129900, "USD"],
    ["1,234,567.89 USD", "USD", 123456789, "USD"],
    ["0.99 USD", "USD", 99, "USD"],
    ["9.9 USD", "USD", 990, "USD"],
    ["0 USD", "USD", 0, "USD"],
    ["  19.99   EUR ", "EUR", 1999, "EUR"],
    ["USD 12.50", "USD", 1250, "USD"],
    ["12.50usd", "USD", 1250, "USD"],
    ["1500 JPY", "JPY", 1500, "JPY"],
    ["1.250 KWD", "KWD", 1250, "KWD"],
    ["12.500 USD", "USD", 1250, "USD"],
    ["150000 IDR", "IDR", 150000, "IDR"],
    ["1.15 USD", "USD", 115, "USD"],
    ["4.35 USD", "USD", 435, "USD"],
    // Merchant Center: no currency, the feed's (the shop's)
    ["250.00", "AED", 25000, "AED"],
    ["12.50", "USD", 1250, "USD"],
    ["45000000", "MNT", 4500000000, "MNT"],
    // decimal comma where unambiguous (Meta's French template as filled in: "49,00 TND")
    ["49,00 TND", "TND", 49000, "TND"],
    ["12,5 EUR", "EUR", 1250, "EUR"],
    ["1.299,00 EUR", "EUR", 129900, "EUR"],
    ["1 299,00 RUB", "RUB", 129900, "RUB"],
    ["1,299 USD", "USD", 129900, "USD"],
    ["1.299 JPY", "JPY", 1299, "JPY"],
    // symbols
    ["2990.00 ₽", "RUB", 299000, "RUB"],
    ["€12,50", "EUR", 1250, "EUR"],
    ["$5.00", "SGD", 500, "SGD"],
    ["$5.00", "USD", 500, "USD"],
  ])("%s in a %s shop → %i %s", (raw, shop, amount, currency) => {
    expect(parseFeedPrice(raw, shop)).toEqual({ ok: true, value: { amount, currency } });
  });

  it.each([
    ["no amount", "USD"],
    ["empty", ""],
    ["negative", "-5.00 USD"],
    ["bad grouping", "1,29.00 USD"],
    ["two currencies", "USD 12 EUR"],
    ["too many decimals", "12.505 USD"],
    ["decimals in a currency without minor units", "12.5 JPY"],
    ["a word", "free"],
    ["a four-letter code", "12 USDT"],
  ])("refuses %s", (_label, raw) => {
    expect(parseFeedPrice(raw, "USD").ok).toBe(false);
  });

  it("refuses a comma before three decimals in a three-decimal currency, saying how to write it", () => {
    const r = parseFeedPrice("1,299 KWD", "KWD");
    expect(r).toEqual({ ok: false, message: expect.stringContaining("ambiguous") });
  });

  it("refuses another currency than the shop's, naming both", () => {
    const r = parseFeedPrice("22500 GBP", "USD");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/GBP.*USD/);
    expect(parseFeedPrice("19.99 EUR", "TND").ok).toBe(false);
    expect(parseFeedPrice("€5", "USD").ok).toBe(false);
  });
});

describe("saleActive", () => {
  const now = new Date("2026-01-10T00:00:00Z");
  it.each([
    ["", true],
    ["2020-04-30T09:30-08:00/2020-05-30T23:59-08:00", false],
    ["2026-01-01T00:00:00/2026-02-01T00:00:00", true],
    ["2026-02-01T00:00:00Z/2026-03-01T00:00:00Z", false],
    ["garbage", true],
  ])("%s → %s", (range, active) => {
    expect(saleActive(range, now)).toBe(active);
  });
});
