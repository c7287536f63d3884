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
