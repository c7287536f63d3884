import { str } from "../common/dom.js";

// ---------------------------------------------------------------- money
export function fractionDigits(currency) {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits;
  } catch {
    return 2;
  }
}
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
export function toMajor(price) {
  if (!price || typeof price.amount !== "number") return "";
  const digits = fractionDigits(str(price.currency) || "USD");
  return (price.amount / 10 ** digits).toFixed(digits);
}

// ---------------------------------------------------------------- time
export function ago(iso) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return "";
  const s = (t - Date.now()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const units = [
    ["year", 31536000],
    ["month", 2592000],
    ["week", 604800],
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
  ];
  for (const [u, sec] of units) if (Math.abs(s) >= sec) return rtf.format(Math.round(s / sec), u);
  return rtf.format(0, "second");
}
export function fullDate(iso) {
  const t = Date.parse(iso);
  return Number.isFinite(t)
    ? new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(t)
    : "";
}
