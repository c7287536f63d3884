import { h, str } from "../common/dom.js";
import { api, enc, pickArray } from "./api.js";
import { fullDate } from "./format.js";

// ---------------------------------------------------------------- an order's notifications (issue 12)
/**
 * `GET /api/admin/orders/{id}/notifications` (docs/interface.md): each message about the order with its form,
 * cost category and status (`sent`, `queued`, `not_sent` with `reason`, then `delivered`, `read`, `failed`
 * with Meta's `error{code, title}`). The card is returned at once and fills itself in.
 */
const STATUS = {
  sent: "Sent",
  queued: "Queued",
  not_sent: "Not sent",
  delivered: "Delivered",
  read: "Read",
  failed: "Failed",
};
const LEVEL = { delivered: "ok", read: "ok", sent: "warn", queued: "warn", not_sent: "bad", failed: "bad" };

export function notificationsCard(orderId) {
  const body = h("div", { class: "sub" }, "Loading…");
  const card = h(
    "section",
    { class: "card section wide", testid: "order-notifications" },
    h("h3", {}, "Messages to the shopper"),
    body,
  );
  api("GET", `/api/admin/orders/${enc(orderId)}/notifications`)
    .then((data) => body.replaceWith(notificationList(pickArray(data?.items, []))))
    .catch((e) => {
      body.textContent = `Not available right now${e?.message ? `: ${e.message}` : ""}`;
    });
  return card;
}

export function notificationText(n) {
  const status = str(n?.status);
  const parts = [STATUS[status] || status || "Unknown"];
  if (status === "not_sent" && n?.reason) parts.push(`— ${str(n.reason).replace(/_/g, " ")}`);
  if (status === "failed" && n?.error && typeof n.error === "object")
    parts.push(
      `— ${[str(n.error.title), n.error.code ? `(${n.error.code})` : ""].filter(Boolean).join(" ")}`,
    );
  return parts.join(" ");
}

function notificationList(items) {
  if (!items.length)
    return h(
      "p",
      { class: "sub", "data-testid": "order-notifications-empty" },
      "No message about this order yet.",
    );
  return h(
    "ol",
    { class: "onotes" },
    items.map((n) =>
      h(
        "li",
        { testid: "order-notification", "data-status": str(n?.status) },
        h("span", { class: `tstat ${LEVEL[str(n?.status)] || "warn"}` }, notificationText(n)),
        h("span", { class: "onote-what" }, str(n?.purpose).replace(/_/g, " ")),
        h(
          "span",
          { class: "sub" },
          [str(n?.form), str(n?.category).replace(/_/g, " ")].filter(Boolean).join(" · "),
        ),
        h("span", { class: "when", title: fullDate(n?.statusAt || n?.at) }, fullDate(n?.statusAt || n?.at)),
      ),
    ),
  );
}
