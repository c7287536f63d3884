import { $, str } from "../common/dom.js";
import { checkToken, forgetToken, rejectedText, saveToken, showSigninCard } from "../common/token.js";
import { api, listAll, pickArray, pickObject } from "./api.js";
import { TOKEN_KEY } from "./config.js";
import { route } from "./router.js";
import { state, view } from "./state.js";
import { hideMessage } from "./toast.js";
import { setBusy } from "./ui.js";

// ---------------------------------------------------------------- sign-in
export function showSignin(error) {
  showSigninCard(error, ["view", "tabs"]);
}
export function signOut(reason) {
  forgetToken(TOKEN_KEY);
  state.token = "";
  state.products = state.answers = state.unanswered = state.settings = state.orders = state.analytics = null;
  state.analyticsRange = { from: "", to: "" };
  state.analyticsSource = "";
  hideMessage();
  $("token").value = "";
  $("shop-name").textContent = "Shop editor";
  showSignin(reason);
}
export async function signIn(token, button) {
  if (!checkToken(token, "Enter your admin token.")) return;
  state.token = token;
  setBusy(button, true, "Signing in…");
  try {
    state.products = await listAll("/api/admin/products", ["products", "items"], { signingIn: true });
  } catch (e) {
    state.token = "";
    setBusy(button, false);
    showSignin(rejectedText(e));
    return;
  }
  setBusy(button, false);
  saveToken(TOKEN_KEY, token);
  $("signin-view").hidden = true;
  view.hidden = false;
  $("tabs").hidden = false;
  $("signout").hidden = false;
  updateCounts();
  await loadSettings();
  loadAnswers().catch(() => {});
  loadUnanswered().catch(() => {});
  route();
}
export async function loadSettings() {
  try {
    const data = await api("GET", "/api/admin/settings");
    state.settings = pickObject(data, "settings");
    const name = state.settings && str(state.settings.name);
    if (name) $("shop-name").textContent = name;
  } catch {
    /* the shop name is decoration */
  }
}
export async function loadProducts() {
  state.products = await listAll("/api/admin/products", ["products", "items"]);
  updateCounts();
  return state.products;
}
export async function loadAnswers() {
  state.answers = await listAll("/api/admin/answers", ["answers", "items"]);
  updateCounts();
  return state.answers;
}
export async function loadUnanswered() {
  const list = pickArray(await api("GET", "/api/admin/unanswered?limit=200"), [
    "questions",
    "unanswered",
    "items",
  ]);
  list.sort((a, b) => str(b.lastAt).localeCompare(str(a.lastAt)));
  state.unanswered = list;
  updateCounts();
  return list;
}
export function updateCounts() {
  const set = (id, n) => {
    const b = $(id);
    b.hidden = n === null || n === undefined || (id === "count-unanswered" && n === 0);
    b.textContent = n === null || n === undefined ? "" : String(n);
  };
  set("count-products", state.products ? state.products.length : null);
  set("count-answers", state.answers ? state.answers.length : null);
  set("count-unanswered", state.unanswered ? state.unanswered.length : null);
}
