/**
 * The admin page's header (brand, the tab bar, the status line) and sign-in card, from data: imported first by
 * main.js, so the nodes exist before state.js and the screens look them up.
 */
import { h } from "../common/dom.js";
import { staffChrome, tabButtons } from "../common/staffChrome.js";

/** The tabs, in order: `#/key` is the tab's route (router.js); `badge` is the id of its count. */
export const TABS = [
  {
    key: "products",
    label: "Products",
    icon: "M4 7.5 12 3l8 4.5v9L12 21l-8-4.5zm2 1.7v6.1l5 2.8v-6.1zm12 0-5 2.8v6.1l5-2.8zM12 5.3 7 8.1l5 2.8 5-2.8z",
    badge: "count-products",
  },
  {
    key: "orders",
    label: "Orders",
    icon: "M7 4h10l1 3h3v2h-1.2l-1.6 10.2A2 2 0 0 1 16.2 21H7.8a2 2 0 0 1-2-1.8L4.2 9H3V7h3zm1.2 3h7.6l-.4-1H8.6zM6.2 9l1.6 10h8.4l1.6-10zM9 11h2v6H9zm4 0h2v6h-2z",
  },
  {
    key: "answers",
    label: "Answers",
    icon: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4zm2 4v2h12V8zm0 4v2h8v-2z",
    badge: "count-answers",
  },
  {
    key: "import",
    label: "Import",
    icon: "M11 3h2v9.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3zM4 18h16v2H4z",
  },
  {
    key: "unanswered",
    label: "Unanswered",
    icon: "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 13a1.3 1.3 0 1 0 0 2.6 1.3 1.3 0 0 0 0-2.6zm.1-9C9.9 6 8.4 7.3 8.3 9.3h2.1c.1-.9.7-1.4 1.6-1.4.9 0 1.6.6 1.6 1.4 0 .7-.3 1.1-1.2 1.7-1 .6-1.5 1.3-1.4 2.5v.5h2v-.4c0-.8.3-1.1 1.3-1.7 1-.6 1.6-1.4 1.6-2.6C15.9 7.4 14.3 6 12.1 6z",
    badge: "count-unanswered",
    hot: true,
  },
  { key: "analytics", label: "Analytics", icon: "M3 20h18v2H3zM5 11h3v7H5zm5.5-7h3v14h-3zM16 8h3v10h-3z" },
  {
    key: "welcome",
    label: "Welcome",
    icon: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4zm8 3.2-1 2.3-2.5.2 1.9 1.7-.6 2.4 2.2-1.3 2.2 1.3-.6-2.4 1.9-1.7-2.5-.2z",
  },
  {
    key: "settings",
    label: "Settings",
    icon: "M3 5h10v2H3zm14 0h4v2h-4zm-2-2h2v6h-2zM3 11h4v2H3zm8 0h10v2H11zm-2-2h2v6H9zm-6 8h10v2H3zm14 0h4v2h-4zm-2-2h2v6h-2z",
  },
  { key: "templates", label: "Templates", icon: "M5 3h10l4 4v14H5zm9 1.5V8h3.5zM8 11v2h8v-2zm0 4v2h6v-2z" },
];

staffChrome({
  brand: "Shop editor",
  brandId: "shop-name",
  below: [
    h(
      "div",
      { class: "tabs", id: "tabs", role: "tablist", "aria-label": "Sections", hidden: true },
      tabButtons(TABS, { cls: "tab", attr: "tab" }),
    ),
    h(
      "div",
      { class: "msgwrap" },
      h("div", {
        class: "msg",
        id: "message",
        testid: "message",
        role: "status",
        "aria-live": "polite",
        hidden: true,
      }),
    ),
  ],
  role: "admin",
  title: "Sign in to your shop",
  text: "Edit products, stock, prices and the bot's answers in every language.",
  fieldClass: "f w12",
});
