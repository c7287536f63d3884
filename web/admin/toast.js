import { h } from "../common/dom.js";
import { msgEl } from "./state.js";

let msgTimer = 0;

import { icon } from "./ui.js";

// ---------------------------------------------------------------- messages
/** One message line under the tabs: ok (fades), info, or error (stays until the next action). */
export function showMessage(kind, text, opts = {}) {
  clearTimeout(msgTimer);
  msgEl.dataset.kind = kind;
  msgEl.setAttribute("role", kind === "error" ? "alert" : "status");
  const body = h("div", { class: "msg-text", "data-testid": "message-text" }, text);
  if (opts.list?.length)
    body.append(
      h(
        "ul",
        {},
        opts.list.map((t) => h("li", {}, t)),
      ),
    );
  const actions = h("div", { class: "msg-actions" });
  if (opts.action)
    actions.append(
      h("button", {
        class: "btn small",
        type: "button",
        testid: opts.action.testid,
        text: opts.action.label,
        onclick: opts.action.run,
      }),
    );
  actions.append(
    h(
      "button",
      { class: "icon-btn", type: "button", "aria-label": "Dismiss", onclick: hideMessage },
      icon("close"),
    ),
  );
  msgEl.replaceChildren(body, actions);
  msgEl.hidden = false;
  if (kind === "ok") msgTimer = setTimeout(hideMessage, 5000);
}
export function hideMessage() {
  clearTimeout(msgTimer);
  msgEl.hidden = true;
  msgEl.replaceChildren();
  delete msgEl.dataset.kind;
}
