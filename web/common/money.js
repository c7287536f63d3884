/** Money is integer minor units plus an ISO 4217 currency (docs/interface.md). Pure: unit-tested. */
import { str } from "./dom.js";

// ---------------------------------------------------------------- money and orders
export const moneyFormats = new Map();
/**
 * Money is integer minor units plus an ISO 4217 currency (docs/interface.md): `{amount, currency}`, or an amount and
 * the currency apart. The minor digits come from Intl (2 for USD, 0 for JPY, 3 for KWD); "" when no amount.
 */
export function money(v, currency) {
  let amount = v;
  let cur = currency;
  if (v && typeof v === "object") {
    amount = v.amount;
    cur = v.currency || currency;
  }
  if (typeof amount !== "number" || !Number.isFinite(amount)) return "";
  cur = str(cur).toUpperCase();
  if (!/^[A-Z]{3}$/.test(cur)) return (amount / 100).toFixed(2);
  let f = moneyFormats.get(cur);
  if (f === undefined) {
    try {
      f = new Intl.NumberFormat(undefined, { style: "currency", currency: cur });
    } catch {
      f = null;
    }
    moneyFormats.set(cur, f);
  }
  if (!f) return `${(amount / 100).toFixed(2)} ${cur}`;
  return f.format(amount / 10 ** f.resolvedOptions().maximumFractionDigits);
}

/** The minor digits of a currency (Intl: 2 for USD, 0 for JPY, 3 for KWD); 2 for an unknown code. */
export function fractionDigits(currency) {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits;
  } catch {
    return 2;
  }
}
/** A price `{amount, currency}` in words (USD when no currency); "—" when no amount. */
export function formatMoney(price) {
  if (!price || typeof price.amount !== "number") return "—";
  const currency = str(price.currency).toUpperCase() || "USD";
  const digits = fractionDigits(currency);
  const value = price.amount / 10 ** digits;
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency}`;
  }
}
/** "19.99" (or "19,99", "1,299.00") in major units → integer minor units; null when it is not a price. */
export function toMinor(text, currency) {
  const digits = fractionDigits(currency);
  let s = String(text).replace(/[\s\u00a0']/g, "");
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  else if (/^\d+,\d+$/.test(s)) s = s.replace(",", ".");
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return null;
  const frac = m[2] || "";
  if (frac.length > digits) return null;
  const minor = Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}
/** A price in major units as the form shows it ("19.99"), "" when no amount. */
export function toMajor(price) {
  if (!price || typeof price.amount !== "number") return "";
  const digits = fractionDigits(str(price.currency) || "USD");
  return (price.amount / 10 ** digits).toFixed(digits);
}
