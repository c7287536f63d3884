/**
 * Feed prices as merchants write them: Meta's "12.50 USD", Merchant Center's "12.50" (the currency is the
 * feed's, here the shop's), "USD 12.50", "€12,50", "1.299,00 EUR", "49,00 TND", "2990.00 ₽", "1 299,00 RUB".
 *
 * The decimal separator is read only where it is unambiguous: the last of `.` and `,` when both appear; a
 * lone `,` followed by other than three digits ("12,5", "49,00"); a lone `.` is decimal, as Meta writes it
 * ("12.500 USD" is 12.50, "1.299 USD" is refused as three decimals), except in a currency without decimals
 * ("1.299 JPY" is 1299). A lone `,` before exactly three digits is a thousands separator ("1,299 USD") unless
 * the currency has three decimals ("1,299 KWD": refused as ambiguous, with how to write it). Amounts are computed on the digits, never through a float,
 * in minor units (lib/content/format.ts: USD 2, JPY 0, KWD 3).
 */
import { minorDigits } from "../content/format";
import type { Money } from "./types";

export type PriceResult = { ok: true; value: Money } | { ok: false; message: string };

/** Currency symbols → ISO 4217. `$`, `¥` and `kr` name several: the shop's currency when it is one of them. */
const SYMBOLS: Array<[string, string[]]> = [
  ["€", ["EUR"]],
  ["£", ["GBP"]],
  ["₽", ["RUB"]],
  ["руб.", ["RUB"]],
  ["руб", ["RUB"]],
  ["₹", ["INR"]],
  ["₱", ["PHP"]],
  ["₩", ["KRW"]],
  ["₫", ["VND"]],
  ["฿", ["THB"]],
  ["₺", ["TRY"]],
  ["₴", ["UAH"]],
  ["zł", ["PLN"]],
  ["Rp", ["IDR"]],
  ["RM", ["MYR"]],
  ["S$", ["SGD"]],
  ["US$", ["USD"]],
  ["A$", ["AUD"]],
  ["C$", ["CAD"]],
  ["HK$", ["HKD"]],
  ["NT$", ["TWD"]],
  ["R$", ["BRL"]],
  ["$", ["USD", "SGD", "AUD", "CAD", "HKD", "NZD", "MXN", "TWD"]],
  ["¥", ["JPY", "CNY"]],
  ["￥", ["JPY", "CNY"]],
  ["元", ["CNY"]],
  ["د.إ", ["AED"]],
  ["ر.س", ["SAR"]],
  ["FCFA", ["XOF", "XAF"]],
];

const SPACES = /[\s\u00a0\u202f\u2009']/g;

function currencyOf(raw: string, shopCurrency: string): { currency?: string; rest: string; error?: string } {
  let s = raw.trim();
  // ISO code before or after: "12.50 USD", "USD 12.50", "12.50USD"
  const code = /^([A-Za-z]{3})(?=[\s\d.,])|(?<=[\d.,\s])([A-Za-z]{3})$/.exec(s);
  if (code) {
    const currency = (code[1] ?? code[2] ?? "").toUpperCase();
    s = code[1] ? s.slice(3) : s.slice(0, -3);
    return { currency, rest: s.trim() };
  }
  for (const [symbol, currencies] of SYMBOLS) {
    const upper = s.toUpperCase();
    const sym = symbol.toUpperCase();
    if (upper.startsWith(sym) || upper.endsWith(sym)) {
      const rest = upper.startsWith(sym) ? s.slice(symbol.length) : s.slice(0, s.length - symbol.length);
      const currency = currencies.includes(shopCurrency) ? shopCurrency : currencies[0];
      return { currency, rest: rest.trim() };
    }
  }
  return { rest: s };
}

/** "1.299,00" → { whole: "1299", fraction: "00" }, or why it cannot be read. */
function splitNumber(
  s: string,
  digits: number,
): { whole: string; fraction: string } | { error: string } | undefined {
  const n = s.replace(SPACES, "");
  if (!/^\d[\d.,]*$/.test(n) || /[.,]$/.test(n)) return undefined;
  const lastDot = n.lastIndexOf(".");
  const lastComma = n.lastIndexOf(",");
  const grouped = (whole: string, sep: string) =>
    new RegExp(`^\\d{1,3}(?:\\${sep}\\d{3})*$`).test(whole) ? whole.replaceAll(sep, "") : undefined;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? "." : ",";
    const thousands = decimal === "." ? "," : ".";
    const at = Math.max(lastDot, lastComma);
    const whole = grouped(n.slice(0, at), thousands);
    const fraction = n.slice(at + 1);
    if (whole === undefined || !/^\d+$/.test(fraction)) return undefined;
    return { whole, fraction };
  }
  if (lastComma >= 0) {
    const parts = n.split(",");
    if (parts.length === 2 && (parts[1] ?? "").length !== 3)
      return { whole: parts[0] ?? "", fraction: parts[1] ?? "" };
    if (digits === 3 && parts.length === 2)
      return {
        error: `"${s}" is ambiguous: write the decimal point as "." (e.g. "${parts[0]}.${parts[1]}")`,
      };
    const whole = grouped(n, ",");
    return whole === undefined ? undefined : { whole, fraction: "" };
  }
  if (lastDot >= 0) {
    const parts = n.split(".");
    // Meta's convention: "." is the decimal point; only a currency without decimals reads "1.299" as 1299
    if (parts.length === 2 && !(digits === 0 && (parts[1] ?? "").length === 3))
      return { whole: parts[0] ?? "", fraction: parts[1] ?? "" };
    // "1.299.000": dots as thousands separators
    const whole = grouped(n, ".");
    return whole === undefined ? undefined : { whole, fraction: "" };
  }
  return { whole: n, fraction: "" };
}

/**
 * A feed price → Money. Without a currency the price is in `shopCurrency`. A currency other than the shop's
 * is refused (the bot sells in one currency: a "22500 GBP" line in a USD shop would show £ and charge $).
 */
export function parseFeedPrice(raw: string, shopCurrency: string): PriceResult {
  const text = raw.trim();
  const example = `"12.50 ${shopCurrency}" or "12.50"`;
  const { currency = shopCurrency, rest } = currencyOf(text, shopCurrency);
  let digits: number;
  try {
    digits = minorDigits(currency);
  } catch {
    return { ok: false, message: `"${text}": ${currency} is not an ISO 4217 currency code` };
  }
  const parts = splitNumber(rest, digits);
  if (!parts) return { ok: false, message: `"${text}" is not a price like ${example}` };
  if ("error" in parts) return { ok: false, message: parts.error };
  if (currency !== shopCurrency) {
    return {
      ok: false,
      message: `is in ${currency} ("${text}") but this shop sells in ${shopCurrency}: convert the price to ${shopCurrency} or change the shop's currency in settings`,
    };
  }
  let fraction = parts.fraction;
  if (fraction.length > digits) {
    if (/[^0]/.test(fraction.slice(digits)))
      return { ok: false, message: `"${text}": ${currency} prices have at most ${digits} decimal places` };
    fraction = fraction.slice(0, digits);
  }
  const amount =
    BigInt(parts.whole || "0") * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: "the price is too large" };
  return { ok: true, value: { amount: Number(amount), currency } };
}

/**
 * Meta's `sale_price_effective_date`, "2020-04-30T09:30-08:00/2020-05-30T23:59-08:00": whether `now` is
 * inside it. Unreadable or absent: true (the sale applies, as Meta treats a sale price without dates).
 */
export function saleActive(range: string, now: Date): boolean {
  const [from, to] = range.split("/").map((s) => s.trim());
  const t = now.getTime();
  const start = from ? Date.parse(from) : Number.NaN;
  const end = to ? Date.parse(to) : Number.NaN;
  if (!Number.isNaN(start) && t < start) return false;
  if (!Number.isNaN(end) && t > end) return false;
  return true;
}
