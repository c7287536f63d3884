import { ApiError } from "../common/api.js";
import { append, h, str } from "../common/dom.js";
import { formatMoney } from "../common/money.js";
import {
  addressText,
  changedByText,
  notifiedText,
  orderStatusLabel,
  paymentMethodLabel,
} from "../common/orders.js";
import { api, enc, pickArray, reportError } from "./api.js";
import { ago, fullDate } from "./format.js";
import { askForChange, conversationLink, trackingLine, undoButton } from "./orderActions.js";
import { notificationsCard } from "./orderNotifications.js";
import { current, loadingScreen, reloadScreen, route, show } from "./router.js";
import { state, view } from "./state.js";
import { hideMessage, showMessage } from "./toast.js";
import { icon, setBusy } from "./ui.js";

// ---------------------------------------------------------------- orders
export const ORDER_STATUSES = ["pending", "confirmed", "shipped", "delivered", "cancelled"];
// What may follow what (lib/orders/types.ts NEXT_STATUSES): only these get a button; the API answers 409
// to anything else (e.g. when another admin moved the order meanwhile).
export const NEXT_STATUSES = {
  pending: ["confirmed", "cancelled"],
  confirmed: ["shipped", "cancelled"],
  shipped: ["delivered"],
  delivered: [],
  cancelled: [],
};
export const STATUS_ACTIONS = {
  confirmed: "Confirm",
  shipped: "Mark shipped",
  delivered: "Mark delivered",
  cancelled: "Cancel order",
};
// order wording shared with /inbox (common/orders.js)
const statusLabel = orderStatusLabel;
const byText = changedByText;
export function statusChip(s, testid = "order-status") {
  return h("span", { class: "ost", "data-status": str(s), testid }, statusLabel(s));
}
export const ordersPath = "/api/admin/orders";
/** A page of orders (newest first) for the status filter; `more` appends the next page. */
export async function loadOrders(more) {
  const q = new URLSearchParams({ limit: "50" });
  if (state.orderFilter) q.set("status", state.orderFilter);
  if (more && state.ordersNext) q.set("cursor", state.ordersNext);
  const data = await api("GET", `${ordersPath}?${q}`);
  const items = pickArray(data, ["items", "orders"]).filter((o) => o && typeof o === "object");
  state.orders = more ? [...(state.orders || []), ...items] : items;
  state.ordersNext = data && typeof data.next === "string" ? data.next : "";
  return state.orders;
}
export async function orderList(seq) {
  if (!(await reloadScreen(seq, "orders", "orders", () => loadOrders(false)))) return;
  const filter = h(
    "select",
    { class: "select ofilter", testid: "order-filter", "aria-label": "Show orders by status" },
    h("option", { value: "" }, "All statuses"),
    ORDER_STATUSES.map((st) => h("option", { value: st }, statusLabel(st))),
  );
  filter.value = state.orderFilter;
  filter.addEventListener("change", () => {
    state.orderFilter = filter.value;
    route();
  });
  const refresh = h(
    "button",
    { class: "btn", type: "button", testid: "refresh-orders", onclick: () => route() },
    icon("refresh"),
    "Refresh",
  );
  const listBox = h("div", { class: "card list", role: "list", "aria-label": "Orders" });
  const fill = () => {
    const list = state.orders || [];
    if (!list.length) {
      listBox.replaceChildren(
        h(
          "div",
          { class: "empty" },
          h(
            "b",
            {},
            state.orderFilter ? `No ${statusLabel(state.orderFilter).toLowerCase()} orders` : "No orders yet",
          ),
          state.orderFilter
            ? "Pick another status to see more."
            : "Orders shoppers place in the chat show up here.",
        ),
      );
      return;
    }
    const more = state.ordersNext
      ? h(
          "div",
          { class: "more" },
          h("button", { class: "btn small", type: "button", testid: "orders-more", text: "Show more" }),
        )
      : null;
    more?.firstChild.addEventListener("click", async (e) => {
      setBusy(e.currentTarget, true, "Loading…");
      try {
        await loadOrders(true);
      } catch (err) {
        reportError(err, "Could not load more orders");
      }
      fill();
    });
    listBox.replaceChildren();
    append(listBox, [
      h(
        "div",
        { class: "lhead o", "aria-hidden": "true" },
        h("span", {}, "Order"),
        h("span", {}, "Placed"),
        h("span", {}, "Customer"),
        h("span", { class: "num" }, "Total"),
        h("span", { class: "num" }, "Status"),
      ),
      list.map(orderRow),
      more,
    ]);
  };
  fill();
  show(
    h(
      "div",
      { class: "head" },
      h("div", { class: "grow" }, h("h1", {}, "Orders"), h("div", { class: "sub" }, "Newest first")),
      filter,
      refresh,
    ),
    listBox,
  );
}
export function orderRow(o) {
  return h(
    "a",
    {
      class: "orow",
      role: "listitem",
      href: `#/orders/edit/${enc(str(o.orderId))}`,
      testid: "order-row",
      "data-id": str(o.orderId),
    },
    h("span", { class: "oid mono", "data-testid": "order-id" }, str(o.orderId)),
    h("span", { class: "odate", "data-testid": "order-date" }, fullDate(o.createdAt)),
    h("span", { class: "ocust", dir: "auto", "data-testid": "order-customer" }, str(o.customer?.name) || "—"),
    h("span", { class: "ototal num", "data-testid": "order-total" }, formatMoney(o.total)),
    h("span", { class: "ostat" }, statusChip(o.status)),
  );
}
export function backToOrders() {
  return h("a", { class: "back", href: "#/orders", testid: "back" }, icon("back"), "All orders");
}
export async function orderDetail(id, seq) {
  loadingScreen("Loading the order…");
  let order;
  try {
    order = await api("GET", `${ordersPath}/${enc(id)}`);
  } catch (e) {
    if (!current(seq)) return;
    const missing = e instanceof ApiError && e.status === 404;
    if (!missing) reportError(e, "Could not load the order");
    show(
      backToOrders(),
      h(
        "div",
        { class: "card empty" },
        h("b", {}, missing ? "No such order" : "The order is not available right now"),
        missing ? `There is no order ${id}.` : "",
      ),
    );
    return;
  }
  if (current(seq)) renderOrder(order);
}
/** Pairs of label and value as a definition list; empty values are left out. */
export function kv(pairs) {
  const dl = h("dl", { class: "kv" });
  for (const [label, value, testid] of pairs) {
    if (value === undefined || value === null || value === "") continue;
    dl.append(h("dt", {}, label), h("dd", { dir: "auto", "data-testid": testid }, value));
  }
  return dl.childNodes.length ? dl : h("p", { class: "sub" }, "—");
}
export function renderOrder(o) {
  const status = str(o.status);
  const next = NEXT_STATUSES[status] || [];
  const actions = h("div", { class: "card oactions", testid: "order-actions" });
  if (next.length) {
    actions.append(h("span", { class: "lbl" }, "Move to"));
    for (const to of next)
      actions.append(
        h(
          "button",
          {
            class: to === "cancelled" ? "btn danger" : "btn primary",
            type: "button",
            testid: `order-to-${to}`,
            "data-order-action": to,
            onclick: (e) => changeOrderStatus(o, to, e.currentTarget),
          },
          STATUS_ACTIONS[to] || statusLabel(to),
        ),
      );
  } else
    actions.append(
      h(
        "span",
        { class: "final" },
        `This order is ${statusLabel(status).toLowerCase()}: nothing more to do.`,
      ),
    );
  append(actions, [
    trackingLine(o),
    undoButton(o, (b) => changeOrderStatus(o, "undo", b)),
    conversationLink(o.conversationId),
  ]);

  const items = pickArray(o.items, []);
  const lines = h(
    "table",
    { class: "olines", testid: "order-lines" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { class: "c hc" }, "Item"),
        h("th", { class: "c hc num" }, "Qty"),
        h("th", { class: "c hc num" }, "Price"),
        h("th", { class: "c hc num" }, "Total"),
      ),
    ),
    h(
      "tbody",
      {},
      items.map((l) =>
        h(
          "tr",
          { testid: "order-line" },
          h(
            "td",
            { class: "c" },
            h("span", { dir: "auto", "data-testid": "order-line-title" }, str(l.title) || str(l.productId)),
            h("span", { class: "pid" }, str(l.productId)),
          ),
          h("td", { class: "c num", "data-testid": "order-line-quantity" }, String(Number(l.quantity) || 0)),
          h("td", { class: "c num" }, formatMoney(l.unitPrice)),
          h("td", { class: "c num" }, formatMoney(l.lineTotal)),
        ),
      ),
    ),
    h(
      "tfoot",
      {},
      h(
        "tr",
        {},
        h("td", { class: "c fc", colspan: "3" }, "Total"),
        h("td", { class: "c fc num", "data-testid": "order-detail-total" }, formatMoney(o.total)),
      ),
    ),
  );
  const customer = o.customer && typeof o.customer === "object" ? o.customer : {};
  const payment = o.payment && typeof o.payment === "object" ? o.payment : {};
  const history = pickArray(o.history, []);
  show(
    backToOrders(),
    h(
      "div",
      { class: "head" },
      h("h1", { class: "mono", "data-testid": "order-title" }, str(o.orderId)),
      statusChip(status, "order-detail-status"),
      h("span", { class: "grow" }),
      h("span", { class: "sub", title: fullDate(o.createdAt) }, `placed ${ago(o.createdAt)}`),
    ),
    actions,
    h(
      "div",
      { class: "ogrid" },
      h("section", { class: "card section" }, h("h3", {}, "Items"), lines),
      h(
        "div",
        { class: "side" },
        h(
          "section",
          { class: "card section", "data-testid": "order-customer-card" },
          h("h3", {}, "Customer"),
          kv([
            ["Name", str(customer.name), "order-customer-name"],
            ["Phone", str(customer.phone), "order-customer-phone"],
            ["Address", addressText(customer.address), "order-customer-address"],
            ["Chat", [str(o.channel), str(o.userId)].filter(Boolean).join(" · "), "order-chat"],
          ]),
        ),
        h(
          "section",
          { class: "card section", "data-testid": "order-payment" },
          h("h3", {}, "Payment"),
          kv([
            ["Method", paymentMethodLabel(str(payment.method)), "order-payment-method"],
            ["Status", str(payment.status), "order-payment-status"],
            ["Reference", str(payment.reference), "order-payment-reference"],
          ]),
        ),
      ),
      h(
        "section",
        { class: "card section wide" },
        h("h3", {}, "History"),
        h(
          "ol",
          { class: "ohist", testid: "order-history" },
          history.map((entry) => {
            const told = notifiedText(entry);
            return h(
              "li",
              { testid: "history-entry", "data-status": str(entry?.status) },
              statusChip(entry?.status, "history-status"),
              h("span", { class: "when", title: fullDate(entry?.at) }, fullDate(entry?.at)),
              h("span", { class: "who" }, byText(entry?.by)),
              told
                ? h(
                    "span",
                    {
                      class: "told",
                      "data-testid": "history-notified",
                      "data-notified": str(entry.notified),
                    },
                    told,
                  )
                : null,
            );
          }),
        ),
      ),
      notificationsCard(str(o.orderId)),
    ),
  );
}
export async function changeOrderStatus(o, to, btn) {
  const body = to === "undo" ? null : await askForChange(o, to);
  if (to !== "undo" && !body) return;
  hideMessage();
  const buttons = [...view.querySelectorAll("[data-order-action]")];
  for (const b of buttons) b.disabled = true;
  setBusy(btn, true, "Saving…");
  let updated;
  try {
    const path = `${ordersPath}/${enc(str(o.orderId))}`;
    updated = await (body ? api("PATCH", path, { body }) : api("POST", `${path}/undo`));
  } catch (e) {
    setBusy(btn, false);
    for (const b of buttons) b.disabled = false;
    if (e instanceof ApiError && e.status === 409)
      showMessage("error", `${e.message} Reload to see the order as it is now.`, {
        action: { label: "Reload", testid: "reload", run: () => route() },
      });
    else reportError(e, "Could not change the order");
    return;
  }
  if (state.orders) state.orders = state.orders.map((x) => (x.orderId === updated.orderId ? updated : x));
  if (state.route.tab !== "orders" || state.route.id !== o.orderId) return;
  renderOrder(updated);
  const last = pickArray(updated.history, []).at(-1);
  const told = notifiedText(last);
  showMessage(
    str(last?.notified) === "not_sent" ? "info" : "ok",
    `Order ${str(updated.orderId)} is now ${statusLabel(updated.status).toLowerCase()}.${told ? ` ${told}.` : ""}`,
  );
}
