/**
 * The inbox's header (brand, the live indicator, the status line), sign-in card and list filters, from data:
 * imported first by main.js, so the nodes exist before state.js and the panes look them up.
 */
import { $, h } from "../common/dom.js";
import { staffChrome, tabButtons } from "../common/staffChrome.js";

/** The list filters, in order: `key` is the list (state.lists), `badge` the id of its count. */
export const FILTERS = [
  { key: "waiting", label: "Waiting", badge: "count-waiting", hot: true },
  { key: "agent", label: "With agents", badge: "count-agent" },
  { key: "bot", label: "Bot", badge: "count-bot" },
];

staffChrome({
  brand: "Support inbox",
  tools: h(
    "span",
    { class: "live", id: "live", testid: "live", hidden: true },
    h("span", { id: "live-text", text: "Live" }),
  ),
  below: h("div", {
    class: "toast",
    id: "message",
    testid: "message",
    role: "status",
    "aria-live": "polite",
    hidden: true,
  }),
  role: "agent",
  title: "Sign in to the support inbox",
  text: "See shoppers waiting for a person, take a conversation over from the bot, reply and hand it back.",
});
$("filters").append(...tabButtons(FILTERS, { cls: "filter", attr: "filter" }));
