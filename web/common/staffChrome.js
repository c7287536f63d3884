/**
 * What both staff pages put first in <body>: the header bar (logo, brand, the page's own controls, Sign out) and
 * the sign-in card, built from data with `h()` (text only). A page's main.js imports its chrome module first, so
 * these nodes exist before any other module looks them up by id.
 */
import { h, svgIcon } from "./dom.js";

const CHAT_ICON =
  "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm4 5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm4 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm4 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z";
const LOCK_ICON =
  "M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1zm2 0h6V7a3 3 0 0 0-6 0z";

const logo = (d) => h("span", { class: "logo", "aria-hidden": "true" }, svgIcon(d));

/**
 * The header and the sign-in card, first in <body>. `brand` is the page's name (`brandId` lets the page change
 * it), `tools` go before Sign out, `below` under the bar (the admin tabs, the status line). The card asks for the
 * `role`'s token (`dev-{role}-token` on a local stack) under `title` and `text`.
 */
export function staffChrome({ brand, brandId, tools = [], below = [], role, title, text, fieldClass }) {
  const header = h(
    "header",
    { class: "top" },
    h(
      "div",
      { class: "bar" },
      logo(CHAT_ICON),
      h("div", { class: "brand" }, h("b", { text: "Chatcart" }), h("span", { id: brandId, text: brand })),
      h("span", { class: "spacer" }),
      tools,
      h(
        "button",
        { class: "btn small ghost", type: "button", id: "signout", testid: "signout", hidden: true },
        "Sign out",
      ),
    ),
    below,
  );
  const field = h(
    "div",
    { class: fieldClass },
    h("label", { for: "token", text: `${role[0]?.toUpperCase()}${role.slice(1)} token` }),
    h("input", {
      class: "input",
      id: "token",
      testid: "token",
      type: "password",
      autocomplete: "current-password",
      autocapitalize: "off",
      spellcheck: "false",
      required: true,
    }),
  );
  const signin = h(
    "section",
    { class: "signin", id: "signin-view", hidden: true },
    h(
      "form",
      { class: "card", id: "signin-form", autocomplete: "off", novalidate: true },
      logo(LOCK_ICON),
      h("h1", { text: title }),
      h("p", { text }),
      field,
      h("p", { class: "err", id: "signin-error", testid: "signin-error", role: "alert", hidden: true }),
      h("button", { class: "btn primary", type: "submit", id: "signin", testid: "signin" }, "Sign in"),
      h(
        "p",
        { class: "hint", id: "dev-hint", hidden: true },
        "Running locally? The token is ",
        h("code", { text: `dev-${role}-token` }),
        ".",
      ),
    ),
  );
  document.body.prepend(header, signin);
}

/**
 * Tab buttons from data: `[{ key, label, icon?, badge?, hot? }]` → `<button class="{cls}" role="tab" data-{attr}=key
 * data-testid="{attr}-key">` with the icon, the label and, when `badge` names one, a hidden count badge.
 */
export function tabButtons(tabs, { cls, attr, testid = attr }) {
  return tabs.map((t) =>
    h(
      "button",
      { class: cls, type: "button", role: "tab", [`data-${attr}`]: t.key, testid: `${testid}-${t.key}` },
      t.icon ? svgIcon(t.icon) : null,
      ` ${t.label} `,
      t.badge ? h("span", { class: t.hot ? "badge hot" : "badge", id: t.badge, hidden: true }) : null,
    ),
  );
}
