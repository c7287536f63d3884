import { h } from "../common/dom.js";
import { toaster } from "../common/toast.js";
import { msgEl } from "./state.js";

const toast = toaster(msgEl);

// ---------------------------------------------------------------- messages
/** One message line under the tabs: ok (fades), info, or error (stays until the next action). */
export function showMessage(kind, text, opts = {}) {
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
  actions.append(toast.closeButton());
  toast.show(kind, [body, actions], kind === "ok" ? 5000 : 0);
}
export function hideMessage() {
  toast.hide();
}
