import { h, str } from "../common/dom.js";
import { enc } from "./api.js";
import { LOCALE_NAMES, LOCALES } from "./config.js";
import { loadScreen, show } from "./router.js";
import { loadAnswers } from "./signin.js";
import { state } from "./state.js";
import { emptyNote, firstText, icon, searchBox } from "./ui.js";

// ---------------------------------------------------------------- answers: list
export function answerMatches(a, q) {
  if (!q) return true;
  if (str(a.id).toLowerCase().includes(q)) return true;
  const qs = Object.values(a.questions || {}).flat();
  const as = Object.values(a.answer || {});
  return [...qs, ...as].some((t) => str(t).toLowerCase().includes(q));
}
export function firstQuestion(a) {
  const qs = a.questions || {};
  for (const l of LOCALES) if (Array.isArray(qs[l]) && qs[l].length) return str(qs[l][0]);
  return "";
}
export async function answerList(seq) {
  if (!state.answers && !(await loadScreen(seq, "answers", loadAnswers))) return;
  const search = searchBox("answerSearch", () => refill(), {
    testid: "answer-search",
    placeholder: "Search questions and answers",
    "aria-label": "Search answers",
  });
  const listBox = h("div", { class: "card list" });
  const refill = () => {
    const q = state.answerSearch.trim().toLowerCase();
    const found = state.answers.filter((a) => answerMatches(a, q));
    if (!found.length) {
      listBox.replaceChildren(
        emptyNote(
          q ? "No answer matches your search" : "No answers yet",
          q ? "" : "Answers teach the bot what to say about shipping, returns, sizes…",
        ),
      );
      return;
    }
    listBox.replaceChildren(...found.map(answerRow));
  };
  refill();
  show(
    h(
      "div",
      { class: "head" },
      h("h1", {}, "Answers"),
      h("span", { class: "sub" }, `${state.answers.length} answers`),
      h("span", { class: "grow" }),
      h("label", { class: "search" }, icon("search"), search),
      h(
        "a",
        {
          class: "btn primary",
          href: "#/answers/new",
          testid: "new-answer",
          onclick: () => {
            state.draftAnswer = null;
          },
        },
        icon("plus"),
        "New answer",
      ),
    ),
    listBox,
  );
}
export function answerRow(a) {
  const answerText = str(a.answer?.en) || firstText(a.answer);
  const nq = Object.values(a.questions || {}).reduce((n, qs) => n + (Array.isArray(qs) ? qs.length : 0), 0);
  return h(
    "a",
    { class: "arow", href: `#/answers/edit/${enc(str(a.id))}`, testid: "answer-row", "data-id": str(a.id) },
    h(
      "div",
      { class: "body" },
      h("div", { class: "q", dir: "auto" }, firstQuestion(a) || str(a.id)),
      h("div", { class: "a", dir: "auto" }, answerText || "No answer text yet"),
      h(
        "div",
        { class: "meta" },
        h("span", { class: "mono" }, str(a.id)),
        h("span", {}, `${nq} example question${nq === 1 ? "" : "s"}`),
        h(
          "span",
          { class: "chips", "aria-label": "Languages with an answer" },
          LOCALES.map((l) =>
            h("span", { class: str(a.answer?.[l]).trim() ? "chip" : "chip off", title: LOCALE_NAMES[l] }, l),
          ),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------- answers: editor
