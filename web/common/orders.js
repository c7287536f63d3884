/** Orders in words: statuses, payment methods, who changed what and whether the shopper was told. Pure. */
import { str } from "./dom.js";

/** lib/orders/types.ts ORDER_STATUSES in words. */
export const ORDER_STATUS_LABELS = {
  pending: "Pending",
  confirmed: "Confirmed",
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
};
export function orderStatusLabel(s) {
  return ORDER_STATUS_LABELS[s] || str(s) || "—";
}
export const PAYMENT_METHODS = { cod: "Cash on delivery" };
export function paymentMethodLabel(m) {
  return PAYMENT_METHODS[m] || str(m);
}
export const NOT_SENT_REASONS = {
  window_closed: "the shopper's 24-hour chat window is closed",
  send_failed: "Meta did not accept the message",
  no_conversation: "there is no chat to send to",
  no_account: "the shop has no page or number on this channel",
  error: "something went wrong while sending",
};
/** Whether the shopper was told about an order's status change, in words; "" when the entry says nothing. */
export function notifiedText(entry) {
  const n = str(entry?.notified);
  if (n === "sent") return "Shopper told in the chat";
  if (n === "queued") return "Message to the shopper queued: it goes out shortly";
  if (n === "not_sent") {
    const why = NOT_SENT_REASONS[str(entry.reason)] || str(entry.reason);
    return why ? `Shopper not told: ${why}` : "Shopper not told";
  }
  return "";
}
/** Who made a status change: `shopper`, `bot` or an admin token's id. */
export function changedByText(by) {
  const b = str(by);
  if (b === "shopper") return "by the shopper";
  if (b === "bot") return "by the bot";
  if (b.startsWith("admin-")) return `by an admin (${b.slice(6, 12)}…)`;
  return b ? `by ${b}` : "";
}
/** A delivery address: its text, then the shared location's coordinates. */
export function addressText(a) {
  if (!a || typeof a !== "object") return "";
  const parts = [];
  if (str(a.text)) parts.push(str(a.text));
  if (typeof a.latitude === "number" && typeof a.longitude === "number")
    parts.push(`(${a.latitude.toFixed(5)}, ${a.longitude.toFixed(5)})`);
  return parts.join(" ");
}
