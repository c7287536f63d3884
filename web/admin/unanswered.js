import { h, str } from "../common/dom.js";
import { LOCALE_LANG, LOCALE_NAMES, LOCALES } from "./config.js";
import { ago, fullDate } from "./format.js";
import { go, reloadScreen, route, show } from "./router.js";
import { loadUnanswered } from "./signin.js";
import { state } from "./state.js";
import { icon } from "./ui.js";
import { unansweredActions } from "./unansweredActions.js";

// ---------------------------------------------------------------- unanswered
export async function unansweredView(seq) {
  if (!(await reloadScreen(seq, "unanswered questions", "unanswered", loadUnanswered))) return;
  const refresh = h(
    "button",
    { class: "btn", type: "button", testid: "refresh-unanswered", onclick: () => route() },
    icon("refresh"),
    "Refresh",
  );
  const list = state.unanswered || [];
  show(
    h(
      "div",
      { class: "head" },
      h(
        "div",
        { class: "grow" },
        h("h1", {}, "Unanswered"),
        h("div", { class: "sub" }, "Questions the bot could not answer, newest first"),
      ),
      refresh,
    ),
    h(
      "div",
      { class: "card list" },
      list.length
        ? list.map(unansweredRow)
        : h(
            "div",
            { class: "empty" },
            h("b", {}, "Nothing unanswered"),
            "When shoppers ask something the bot cannot answer, it shows up here.",
          ),
    ),
  );
}
export function unansweredRow(u) {
  const locale = LOCALES.includes(u.locale) ? u.locale : "en";
  const count = typeof u.count === "number" ? u.count : 1;
  return h(
    "div",
    { class: "arow", testid: "unanswered-row", "data-key": str(u.key) },
    h(
      "div",
      { class: "count", title: `Asked ${count} time${count === 1 ? "" : "s"}` },
      String(count),
      h("small", {}, count === 1 ? "time" : "times"),
    ),
    h(
      "div",
      { class: "body" },
      h(
        "div",
        { class: "q", dir: "auto", lang: LOCALE_LANG[locale], "data-testid": "unanswered-text" },
        str(u.text),
      ),
      h(
        "div",
        { class: "meta" },
        h("span", { class: "chip", title: LOCALE_NAMES[locale], "data-testid": "unanswered-locale" }, locale),
        h("span", { title: fullDate(u.lastAt) }, `last asked ${ago(u.lastAt)}`),
        u.firstAt && u.firstAt !== u.lastAt
          ? h("span", { title: fullDate(u.firstAt) }, `first ${ago(u.firstAt)}`)
          : null,
      ),
    ),
    h(
      "div",
      { class: "act" },
      h(
        "button",
        {
          class: "btn small",
          type: "button",
          testid: "make-answer",
          onclick: () => {
            state.draftAnswer = { id: "", questions: { [locale]: [str(u.text)] }, answer: {} };
            go("#/answers/new");
          },
        },
        icon("reply"),
        "Make an answer",
      ),
      unansweredActions(u),
    ),
  );
}
