import { append, h } from "../common/dom.js";
import { analyticsView } from "./analytics.js";
import { answerEditor } from "./answerEditor.js";
import { answerList } from "./answers.js";
import { reportError } from "./api.js";
import { importView } from "./feedImport.js";
import { orderDetail, orderList } from "./orders.js";
import { productEditor } from "./productEditor.js";
import { productGroupEditor } from "./productGroup.js";
import { productList } from "./products.js";
import { settingsView } from "./settings.js";
import { msgEl, state, view } from "./state.js";
import { templatesView } from "./templates.js";

let renderSeq = 0;
/** The number of the screen being drawn: a load that finishes after another screen was asked for is dropped. */
export const currentSeq = () => renderSeq;

import { hideMessage } from "./toast.js";
import { unansweredView } from "./unanswered.js";
import { welcomeView } from "./welcome.js";

// ---------------------------------------------------------------- routing (#/tab[/new|/edit/id])
export function parseHash() {
  const parts = location.hash.replace(/^#\/?/, "").split("/");
  const tab = [
    "products",
    "orders",
    "answers",
    "import",
    "unanswered",
    "analytics",
    "welcome",
    "settings",
    "templates",
  ].includes(parts[0])
    ? parts[0]
    : "products";
  let mode = "list";
  let id = "";
  if (parts[1] === "new") mode = "new";
  else if ((parts[1] === "edit" || parts[1] === "group") && parts[2]) {
    mode = parts[1];
    try {
      id = decodeURIComponent(parts.slice(2).join("/"));
    } catch {
      mode = "list";
    }
  }
  return { tab, mode, id };
}
export function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}
export function route() {
  if (!state.token) return;
  const r = parseHash();
  const changedScreen = r.tab !== state.route.tab || r.mode !== state.route.mode || r.id !== state.route.id;
  state.route = r;
  for (const t of document.querySelectorAll(".tab")) {
    t.setAttribute("aria-selected", String(t.dataset.tab === r.tab));
    t.tabIndex = t.dataset.tab === r.tab ? 0 : -1;
  }
  if (changedScreen && msgEl.dataset.kind !== "ok") hideMessage();
  if (changedScreen) window.scrollTo(0, 0);
  const seq = ++renderSeq;
  const screens = {
    products: {
      list: productList,
      new: () => productEditor(null, seq),
      edit: () => productEditor(r.id, seq),
      group: () => productGroupEditor(r.id, seq),
    },
    orders: { list: orderList, new: orderList, edit: () => orderDetail(r.id, seq) },
    answers: { list: answerList, new: () => answerEditor(null, seq), edit: () => answerEditor(r.id, seq) },
    import: { list: importView, new: importView, edit: importView },
    unanswered: { list: unansweredView, new: unansweredView, edit: unansweredView },
    analytics: { list: analyticsView, new: analyticsView, edit: analyticsView },
    welcome: { list: welcomeView, new: welcomeView, edit: welcomeView },
    settings: { list: settingsView, new: settingsView, edit: settingsView },
    templates: { list: templatesView, new: templatesView, edit: templatesView },
  };
  (screens[r.tab][r.mode] || screens[r.tab].list)(seq);
}
export const current = (seq) => seq === renderSeq;
export function show(...nodes) {
  view.replaceChildren();
  append(view, nodes);
}
export function loadingScreen(text) {
  show(h("div", { class: "card loading" }, h("span", { class: "spin", "aria-hidden": "true" }), text));
}
/**
 * A screen that loads its `what` (into `state[key]`) again each time it opens: "Loading…" only while there is
 * nothing to show yet; a failure is reported (by `failed`, when given) and, with nothing loaded, the screen says
 * so. True when it may draw.
 */
export async function reloadScreen(seq, what, key, load, failed) {
  if (!state[key]) loadingScreen(`Loading ${what}…`);
  try {
    await load();
  } catch (e) {
    if (!current(seq)) return false;
    if (failed) failed(e);
    else reportError(e, `Could not load the ${what}`);
    if (!state[key]) {
      show(
        h(
          "div",
          { class: "card empty" },
          h("b", {}, `${what[0]?.toUpperCase()}${what.slice(1)} are not available right now`),
        ),
      );
      return false;
    }
  }
  return current(seq);
}
/** A list screen's first load: false when it failed (reported) or another screen has taken over. */
export async function loadScreen(seq, what, load) {
  loadingScreen(`Loading ${what}…`);
  try {
    await load();
  } catch (e) {
    reportError(e, `Could not load the ${what}`);
    return false;
  }
  return current(seq);
}
