import { h, str } from "../common/dom.js";
import { formatMoney } from "../common/money.js";

// ---------------------------------------------------------------- analytics: what the orders count
// The report's `note` (docs/api.md: orders and revenue leave cancelled orders out) and the cancelled orders
// beside them (`cancelled`, `cancelledRevenue`, counted on the day they were placed).
export function analyticsNote(note, totals, currency) {
  const t = totals && typeof totals === "object" ? totals : {};
  const count = Number(t.cancelled) || 0;
  const revenue = formatMoney({ amount: Number(t.cancelledRevenue) || 0, currency });
  return h(
    "div",
    { class: "anote", testid: "analytics-note-card" },
    h(
      "span",
      { testid: "analytics-cancelled" },
      `Cancelled: ${count} ${count === 1 ? "order" : "orders"} (${revenue}).`,
    ),
    " ",
    str(note) ? h("span", { class: "sub", testid: "analytics-note" }, `Note: ${str(note)}.`) : null,
  );
}
