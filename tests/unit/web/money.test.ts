/** web/common/money.js: integer minor units and ISO 4217 currencies, in words and back from the form. */
import { describe, expect, it } from "vitest";
import { formatMoney, fractionDigits, money, toMajor, toMinor } from "../../../web/common/money.js";

describe("money", () => {
  it("takes its minor digits from the currency", () => {
    expect(fractionDigits("USD")).toBe(2);
    expect(fractionDigits("JPY")).toBe(0);
    expect(fractionDigits("KWD")).toBe(3);
    expect(fractionDigits("nope")).toBe(2);
  });

  it("reads an amount with its currency, or apart", () => {
    expect(money({ amount: 2599, currency: "USD" })).toBe(
      new Intl.NumberFormat(undefined, { style: "currency", currency: "USD" }).format(25.99),
    );
    expect(money(500, "JPY")).toBe(
      new Intl.NumberFormat(undefined, { style: "currency", currency: "JPY" }).format(500),
    );
    expect(money(1234, "??")).toBe("12.34");
    expect(money(undefined, "USD")).toBe("");
    expect(money(Number.NaN, "USD")).toBe("");
  });

  it("formats a price for the admin, with a dash when there is none", () => {
    expect(formatMoney({ amount: 1000, currency: "kwd" })).toBe(
      new Intl.NumberFormat(undefined, { style: "currency", currency: "KWD" }).format(1),
    );
    expect(formatMoney(null)).toBe("—");
    expect(formatMoney({ currency: "USD" })).toBe("—");
  });

  it("turns what the merchant typed into minor units", () => {
    expect(toMinor("19.99", "USD")).toBe(1999);
    expect(toMinor("19,99", "USD")).toBe(1999);
    expect(toMinor("1,299.00", "USD")).toBe(129900);
    expect(toMinor("1 299", "USD")).toBe(129900);
    expect(toMinor("500", "JPY")).toBe(500);
    expect(toMinor("5.5", "JPY")).toBeNull();
    expect(toMinor("1.2345", "KWD")).toBeNull();
    expect(toMinor("1.234", "KWD")).toBe(1234);
    expect(toMinor("-3", "USD")).toBeNull();
    expect(toMinor("abc", "USD")).toBeNull();
  });

  it("shows minor units in the form's major units", () => {
    expect(toMajor({ amount: 1999, currency: "USD" })).toBe("19.99");
    expect(toMajor({ amount: 500, currency: "JPY" })).toBe("500");
    expect(toMajor({ amount: 5 })).toBe("0.05");
    expect(toMajor(undefined)).toBe("");
  });
});
