import { $, h, str, svgIcon } from "../common/dom.js";
import { money } from "../common/money.js";
import * as orderWords from "../common/orders.js";
import { pickArray } from "./api.js";
import { LOCALES } from "./config.js";
import { channelName, duration, fullFmt, time, when } from "./format.js";
import { state } from "./state.js";

// ---------------------------------------------------------------- cart, orders, facts
/** A "… ago" label that tickTimes keeps current. */
export function agoNode(t, prefix, attrs = {}) {
  if (!Number.isFinite(t)) return null;
  return h("span", {
    ...attrs,
    "data-since": String(t),
    "data-prefix": prefix,
    "data-suffix": " ago",
    title: when(t),
    text: `${prefix}${duration(Date.now() - t)} ago`,
  });
}
export function itemCount(lines) {
  const n = lines.reduce((sum, l) => sum + (Number(l?.quantity) || 0), 0);
  return `${n} item${n === 1 ? "" : "s"}`;
}
/** Priced lines (cart or order): "2 × title", the line total; markup in a title stays text. */
export function lineList(lines, testid, currency) {
  return h(
    "ul",
    { class: "lines" },
    lines.map((l) =>
      h(
        "li",
        { testid, "data-product": str(l.productId) || undefined },
        h("span", { class: "qty", text: `${Number(l.quantity) || 0} ×` }),
        h("span", {
          class: "t",
          dir: "auto",
          title: str(l.productId) || undefined,
          text: str(l.title) || str(l.productId),
        }),
        h("span", {
          class: "money",
          text: money(
            l.lineTotal ?? (Number(l.unitPrice?.amount) || 0) * (Number(l.quantity) || 0),
            currency,
          ),
        }),
      ),
    ),
  );
}
export function statusChip(s, testid) {
  return h("span", {
    class: "ostatus",
    "data-status": str(s),
    testid,
    text: orderWords.orderStatusLabel(str(s)),
  });
}
export function cartSection(cart) {
  const items = cart ? pickArray(cart.items, []).filter((l) => l && typeof l === "object") : [];
  const currency = str(cart?.total?.currency || cart?.currency);
  const changed = time(cart?.updatedAt);
  const section = h(
    "section",
    { class: "cart", testid: "cart" },
    h(
      "h3",
      {},
      "Cart",
      items.length ? h("span", { class: "hmeta", text: itemCount(items) }) : null,
      agoNode(changed, "changed ", { class: "hmeta ago", testid: "cart-updated" }),
    ),
  );
  if (items.length === 0) {
    section.append(h("div", { class: "none", testid: "cart-empty", text: "Empty" }));
    return section;
  }
  section.append(
    lineList(items, "cart-item", currency),
    h(
      "div",
      { class: "total" },
      h("span", { text: "Total" }),
      h("span", { class: "money", testid: "cart-total", text: money(cart.total, currency) }),
    ),
  );
  return section;
}
export function orderNode(o) {
  const id = str(o.orderId || o.id);
  const lines = pickArray(o.items, []).filter((l) => l && typeof l === "object");
  const currency = str(o.total?.currency || o.currency);
  const customer = o.customer && typeof o.customer === "object" ? o.customer : {};
  const payment = o.payment && typeof o.payment === "object" ? o.payment : {};
  const history = pickArray(o.history, []).filter((e) => e && typeof e === "object");
  const created = time(o.createdAt);
  const facts = [
    ["Name", str(customer.name), "order-customer-name"],
    ["Phone", str(customer.phone), "order-customer-phone"],
    ["Address", orderWords.addressText(customer.address), "order-customer-address"],
    [
      "Payment",
      [orderWords.paymentMethodLabel(str(payment.method)), str(payment.status)].filter(Boolean).join(" · "),
      "order-payment",
    ],
  ].filter(([, v]) => v);
  const box = h(
    "details",
    { class: "order", testid: "order", "data-id": id, "data-status": str(o.status) },
    h(
      "summary",
      {},
      h(
        "span",
        { class: "row" },
        h("span", { class: "oid", testid: "order-id", text: id }),
        statusChip(o.status, "order-status"),
      ),
      h(
        "span",
        { class: "row osub" },
        h("span", {
          class: "odate",
          title: Number.isFinite(created) ? fullFmt.format(created) : undefined,
          text: [when(created), lines.length ? itemCount(lines) : ""].filter(Boolean).join(" · "),
        }),
        h("span", { class: "money", testid: "order-total", text: money(o.total, currency) }),
      ),
    ),
    h(
      "div",
      { class: "obody" },
      lines.length ? lineList(lines, "order-line", currency) : null,
      facts.length
        ? h(
            "dl",
            { class: "facts", testid: "order-customer" },
            facts.map(([k, v, testid]) => [h("dt", { text: k }), h("dd", { dir: "auto", testid, text: v })]),
          )
        : null,
      history.length
        ? h(
            "ol",
            { class: "ohist", testid: "order-history" },
            history.map((e) => {
              const at = time(e.at);
              const told = orderWords.notifiedText(e);
              return h(
                "li",
                { testid: "history-entry", "data-status": str(e.status) },
                statusChip(e.status, "history-status"),
                h("span", {
                  class: "hwhen",
                  title: Number.isFinite(at) ? fullFmt.format(at) : undefined,
                  text: [when(at), orderWords.changedByText(e.by)].filter(Boolean).join(" "),
                }),
                told
                  ? h("span", {
                      class: "told",
                      testid: "history-notified",
                      "data-notified": str(e.notified),
                      text: told,
                    })
                  : null,
              );
            }),
          )
        : null,
    ),
  );
  box.open = state.openOrders.has(id);
  box.addEventListener("toggle", () => {
    if (box.open) state.openOrders.add(id);
    else state.openOrders.delete(id);
  });
  return box;
}
/** The one-line summary a phone shows instead of the panel until it is tapped open. */
export function panelSummary(cart, orders) {
  const items = cart ? pickArray(cart.items, []) : [];
  const parts = [
    items.length
      ? `Cart ${itemCount(items)} · ${money(cart.total, str(cart.total?.currency))}`
      : "Cart empty",
    orders.length
      ? `${orders.length} order${orders.length === 1 ? "" : "s"} · ${orderWords.orderStatusLabel(str(orders[0].status))}`
      : "No orders",
  ];
  return h(
    "button",
    {
      class: "ptoggle",
      type: "button",
      testid: "details-toggle",
      "aria-expanded": String(state.panelOpen),
      onclick: (e) => {
        state.panelOpen = !state.panelOpen;
        e.currentTarget.setAttribute("aria-expanded", String(state.panelOpen));
        $("details").classList.toggle("open", state.panelOpen);
      },
    },
    h("span", { class: "psum", text: parts.join(" · ") }),
    svgIcon("M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6z"),
  );
}
export function renderDetails(data) {
  const conv = data.conversation || {};
  const cart = data.cart && typeof data.cart === "object" ? data.cart : null;
  const orders = pickArray(data.orders, []).filter((o) => o && typeof o === "object");
  const sig = JSON.stringify([conv, cart, orders]);
  if (sig === state.panelSig) return;
  state.panelSig = sig;
  const items = cart ? pickArray(cart.items, []) : [];

  const orderSection = h(
    "section",
    { class: "orders", testid: "orders" },
    h("h3", {}, "Orders", orders.length ? h("span", { class: "hmeta", text: String(orders.length) }) : null),
  );
  if (orders.length === 0) orderSection.append(h("div", { class: "none", text: "None yet" }));
  else orderSection.append(...orders.map(orderNode));

  const facts = [
    ["Channel", channelName(conv.channel)],
    ["User id", str(conv.userId)],
    ["Language", LOCALES[conv.locale] || str(conv.locale)],
    ["Source", str(conv.lastSource?.source || conv.source?.source)],
    ["First contact", when(time(conv.createdAt))],
    ["Last message", when(time(conv.lastInboundAt))],
  ].filter(([, v]) => v);
  const info = h(
    "section",
    { class: "info" },
    h("h3", { text: "Shopper" }),
    h(
      "dl",
      { class: "facts" },
      facts.map(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })]),
    ),
  );
  const box = $("details");
  const top = box.scrollTop;
  box.replaceChildren(panelSummary(cart, orders), cartSection(cart), orderSection, info);
  box.classList.toggle("empty", items.length === 0 && orders.length === 0);
  box.classList.toggle("open", state.panelOpen);
  box.scrollTop = top;
}
