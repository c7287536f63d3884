import { h, str } from "../common/dom.js";
import { firstQuestion } from "./answers.js";
import { api, pickObject, reportError } from "./api.js";
import { ID_PATTERN, LOCALES } from "./config.js";
import * as editor from "./editor.js";
import { field, input, localeAttrs, textarea } from "./form.js";
import { loadUnanswered, updateCounts } from "./signin.js";
import { state } from "./state.js";
import { showMessage } from "./toast.js";
import { setBusy } from "./ui.js";

export function slug(text) {
  return (
    String(text)
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .split("-")
      .slice(0, 6)
      .join("-") || `answer-${Date.now().toString(36)}`
  );
}
export function answerKeyOf(parts) {
  const [a, b] = parts[0] === "answer" && parts.length > 2 ? parts.slice(1) : parts;
  if (a === "id") return "id";
  if (a === "questions") return LOCALES.includes(b) ? `questions-${b}` : "questions-en";
  if (a === "answer") return LOCALES.includes(b) ? `answer-${b}` : "answer-en";
  return null;
}
const ANSWER = { plural: "answers", noun: "answer", key: "answer" };

export async function answerEditor(id, seq) {
  const answer = await editor.loadItem(ANSWER, id, seq);
  if (answer !== undefined) renderAnswerForm(answer);
}
export function renderAnswerForm(answer) {
  const isNew = !answer;
  const draft = isNew ? state.draftAnswer : null;
  state.draftAnswer = null;
  const a = answer || draft || { id: "", questions: {}, answer: {} };
  let version = typeof a.version === "number" ? a.version : undefined;
  let idTouched = !!a.id;
  const idInput = input(a.id, {
    readonly: !isNew,
    spellcheck: "false",
    autocapitalize: "off",
    placeholder: "returns",
  });
  idInput.addEventListener("input", () => {
    idTouched = true;
  });
  const qs = {};
  const ans = {};
  const blocks = LOCALES.map((l) => {
    qs[l] = textarea(Array.isArray(a.questions?.[l]) ? a.questions[l].join("\n") : "", {
      ...localeAttrs(l),
      rows: 3,
    });
    ans[l] = textarea(a.answer?.[l], { ...localeAttrs(l), rows: 3 });
    return editor.localeBlock(l, ans[l], "✓ answered", [
      field(`questions-${l}`, "Example questions (one per line)", qs[l], { w: "w12" }),
      field(`answer-${l}`, "Answer", ans[l], { w: "w12" }),
    ]);
  });
  if (isNew)
    for (const l of LOCALES)
      qs[l].addEventListener("input", () => {
        if (idTouched) return;
        const first = LOCALES.map((x) => qs[x].value.split("\n")[0].trim()).find(Boolean) || "";
        idInput.value = first ? slug(first) : "";
      });
  if (isNew && !idTouched) {
    const first = firstQuestion(a);
    if (first) idInput.value = slug(first);
  }

  const controls = editor.editorControls(isNew, () => version);
  const { saveBtn, delBtn, verEl, showVersion } = controls;
  const form = h(
    "form",
    { class: "form", novalidate: true, "data-testid": "answer-form" },
    editor.section(
      "",
      null,
      h(
        "div",
        { class: "grid" },
        field("id", "Answer id", idInput, {
          w: "w8",
          note: isNew ? "A short name for you, e.g. returns or shipping-time." : null,
        }),
      ),
    ),
    editor.section(
      "Questions and answer, per language",
      "Write a few ways shoppers ask it; the bot learns to recognise similar questions and replies with the answer.",
      h("div", { class: "locales" }, blocks),
    ),
    editor.editorActions(ANSWER, controls),
  );
  const collect = () => {
    const errors = [];
    const id = idInput.value.trim();
    if (!id) errors.push(["id", "Give the answer an id."]);
    else if (!ID_PATTERN.test(id)) errors.push(["id", "Use up to 100 letters, digits, '.', '_' or '-'."]);
    const questions = {};
    const answerText = {};
    for (const l of LOCALES) {
      const lines = qs[l].value
        .split("\n")
        .map((x) => x.trim())
        .filter(Boolean);
      const text = ans[l].value.trim();
      if (lines.length) questions[l] = [...new Set(lines)];
      if (text) answerText[l] = text;
      if (lines.length && !text) errors.push([`answer-${l}`, "Write the answer for these questions."]);
      if (text && !lines.length) errors.push([`questions-${l}`, "Add at least one example question."]);
    }
    if (!Object.keys(questions).length && !errors.length)
      errors.push(["questions-en", "Add at least one example question."]);
    const { version: _v, updatedAt: _u, ...base } = answer || {};
    return { body: { ...base, id, questions, answer: answerText }, errors };
  };
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = editor.collectValid(form, collect);
    if (!body) return;
    setBusy(saveBtn, true, "Saving…");
    try {
      const taken = "An answer with this id exists already: choose another id.";
      if (
        isNew &&
        (await editor.idTaken(ANSWER, form, body.id, taken, `There is already an answer “${body.id}”.`))
      )
        return;
      const headers = isNew ? {} : editor.ifMatch(version);
      const data = await api("PUT", editor.itemPath(ANSWER, body.id), { body, headers });
      const saved = { ...body, ...(pickObject(data, "answer") || {}) };
      version = typeof saved.version === "number" ? saved.version : version;
      answer = saved;
      if (state.answers) {
        const i = state.answers.findIndex((x) => x.id === saved.id);
        if (i >= 0) state.answers[i] = saved;
        else state.answers.push(saved);
      }
      updateCounts();
      showVersion();
      showMessage("ok", `Saved the answer “${saved.id}”.`);
      // The question may have been unanswered until now.
      loadUnanswered().catch(() => {});
      if (isNew) editor.reopenSaved(ANSWER, saved, renderAnswerForm);
    } catch (e) {
      editor.reportSaveError(e, form, "answer", answerKeyOf);
    } finally {
      setBusy(saveBtn, false);
    }
  });
  editor.onDelete(ANSWER, delBtn, {
    id: a.id,
    version: () => version,
    confirm: ["Delete this answer?", `The bot will no longer answer with “${a.id}”.`],
    done: () => {
      if (state.answers) state.answers = state.answers.filter((x) => x.id !== a.id);
      updateCounts();
      showMessage("ok", `Deleted the answer “${a.id}”.`);
    },
    failed: (e) => reportError(e, "Could not delete"),
  });
  const heading = h("h1", { dir: "auto" }, isNew ? "New answer" : str(a.id));
  editor.showEditor(ANSWER, "Answers", heading, verEl, form);
  const focusLocale = draft && LOCALES.find((l) => draft.questions?.[l]);
  if (focusLocale) {
    ans[focusLocale].focus({ preventScroll: true });
    ans[focusLocale].closest(".loc").scrollIntoView({ block: "center" });
  } else if (isNew) qs.en.focus();
}
