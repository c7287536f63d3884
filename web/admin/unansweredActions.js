import { h, str } from "../common/dom.js";
import { api, enc, reportError } from "./api.js";
import { conversationLink } from "./orderActions.js";
import { updateCounts } from "./signin.js";
import { state } from "./state.js";
import { showMessage } from "./toast.js";
import { setBusy } from "./ui.js";

// ---------------------------------------------------------------- unanswered: dismiss, open the conversation
// `DELETE /api/admin/unanswered/{key}` drops a question the shop will not answer; the latest `conversationId`
// opens in the team inbox (docs/api.md).
export function unansweredActions(u) {
  const dismiss = h(
    "button",
    {
      class: "btn small ghost",
      type: "button",
      testid: "dismiss-unanswered",
      onclick: async (e) => {
        const btn = e.currentTarget;
        const row = btn.closest("[data-testid='unanswered-row']");
        setBusy(btn, true, "Dismissing…");
        try {
          await api("DELETE", `/api/admin/unanswered/${enc(str(u.key))}`);
        } catch (err) {
          setBusy(btn, false);
          reportError(err, "Could not dismiss the question");
          return;
        }
        if (state.unanswered) state.unanswered = state.unanswered.filter((x) => x.key !== u.key);
        updateCounts();
        row?.remove();
        showMessage("ok", "Question dismissed.");
      },
    },
    "Dismiss",
  );
  return [conversationLink(u.conversationId, "Open the chat"), dismiss];
}
