import { h, str } from "../common/dom.js";
import { orderStatusLabel } from "../common/orders.js";
import { enc } from "./api.js";
import { BASE } from "./config.js";
import { confirmDialog } from "./form.js";

// ---------------------------------------------------------------- orders: asking before a change, undo, links
// Every status move asks first; "shipped" asks for the tracking number and an optional https link
// (`PATCH /api/admin/orders/{id} {status, tracking:{number,url?}}`, docs/api.md). While the order carries an
// `undoUntil` in the future an Undo button takes the last change back (`POST …/undo`).

const label = (s) => orderStatusLabel(s).toLowerCase();

/** The PATCH body for moving `o` to `to`, or null when the merchant backs out. */
export async function askForChange(o, to) {
  const id = str(o.orderId);
  if (to === "shipped") return askTracking(o);
  if (to === "cancelled") {
    // the dialog's own "Cancel" would read as "cancel the order" here
    const keep = document.querySelector('[data-testid="confirm-cancel"]');
    const keepLabel = keep.textContent;
    keep.textContent = "Keep the order";
    const ok = await confirmDialog(
      `Cancel order ${id}?`,
      "Its items go back into stock. The shopper is told in the chat if their 24-hour window is open.",
      "Cancel order",
    );
    keep.textContent = keepLabel;
    return ok ? { status: to } : null;
  }
  const ok = await confirmDialog(
    `Mark order ${id} as ${label(to)}?`,
    "The shopper is told in the chat if their 24-hour window is open. You can undo this for 10 minutes.",
    `Mark ${label(to)}`,
  );
  return ok ? { status: to } : null;
}

export function isHttpsUrl(text) {
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}

/** A dialog for the tracking number (required) and link (optional, https); resolves to the body or null. */
function askTracking(o) {
  const number = h("input", {
    class: "input",
    id: "trk-number",
    testid: "tracking-number",
    autocomplete: "off",
    maxlength: 100,
  });
  const url = h("input", {
    class: "input",
    id: "trk-url",
    testid: "tracking-url",
    type: "url",
    autocomplete: "off",
    placeholder: "https://…",
  });
  const err = h("div", { class: "ferr", testid: "tracking-error", role: "alert" });
  const form = h(
    "form",
    { method: "dialog", novalidate: true },
    h("h2", {}, `Ship order ${str(o.orderId)}`),
    h(
      "p",
      {},
      "The shopper gets the tracking number (and link) in the chat if their 24-hour window is open.",
    ),
    h("div", { class: "f w12" }, h("label", { for: "trk-number" }, "Tracking number"), number),
    h("div", { class: "f w12" }, h("label", { for: "trk-url" }, "Tracking link (optional)"), url),
    err,
    h(
      "div",
      { class: "row" },
      h("button", { class: "btn", type: "submit", value: "cancel", testid: "tracking-cancel" }, "Back"),
      h(
        "button",
        { class: "btn primary solid", type: "submit", value: "ok", testid: "tracking-ok" },
        "Mark shipped",
      ),
    ),
  );
  const dlg = h("dialog", { class: "dlg trk", testid: "tracking-dialog" }, form);
  form.addEventListener("input", () => {
    err.textContent = "";
  });
  document.body.append(dlg);
  return new Promise((resolve) => {
    form.addEventListener("submit", (e) => {
      if (e.submitter?.value !== "ok") return;
      const n = number.value.trim();
      const u = url.value.trim();
      const problem = !n
        ? "Enter the tracking number."
        : u && !isHttpsUrl(u)
          ? "The link must start with https://."
          : "";
      if (problem) {
        e.preventDefault();
        err.textContent = problem;
        (n ? url : number).focus();
      }
    });
    dlg.addEventListener(
      "close",
      () => {
        const n = number.value.trim();
        const u = url.value.trim();
        dlg.remove();
        resolve(
          dlg.returnValue === "ok"
            ? { status: "shipped", tracking: u ? { number: n, url: u } : { number: n } }
            : null,
        );
      },
      { once: true },
    );
    dlg.returnValue = "";
    dlg.showModal();
  });
}

/** The Undo button while `o.undoUntil` is in the future (it hides itself when the time is up); else null. */
export function undoButton(o, run) {
  const until = Date.parse(str(o.undoUntil));
  if (!Number.isFinite(until) || until <= Date.now()) return null;
  const btn = h(
    "button",
    {
      class: "btn",
      type: "button",
      testid: "order-undo",
      "data-order-action": "undo",
      onclick: (e) => run(e.currentTarget),
    },
    "Undo last change",
  );
  const left = until - Date.now();
  setTimeout(() => btn.remove(), Math.min(left, 2 ** 31 - 1));
  return btn;
}

/** The order's tracking, shown on the detail screen once shipped. */
export function trackingLine(o) {
  const t = o.tracking;
  if (!t || !str(t.number)) return null;
  const link = isHttpsUrl(str(t.url))
    ? h(
        "a",
        { href: str(t.url), target: "_blank", rel: "noopener noreferrer", testid: "order-tracking-link" },
        "Track",
      )
    : null;
  return h(
    "span",
    { class: "otrack", testid: "order-tracking" },
    "Tracking ",
    h("b", { class: "mono", "data-testid": "order-tracking-number" }, str(t.number)),
    link ? " · " : null,
    link,
  );
}

/** The team inbox with this order's (or question's) conversation open (web/inbox reads `#c=`). */
export function conversationLink(conversationId, text = "Open the conversation") {
  const id = str(conversationId);
  if (!id) return null;
  return h(
    "a",
    {
      class: "btn small",
      href: `${BASE}/inbox#c=${enc(id)}`,
      target: "_blank",
      rel: "noopener",
      testid: "open-conversation",
    },
    text,
  );
}
