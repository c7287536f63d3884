import "./chrome.js";
import { $ } from "../common/dom.js";
import { startToken } from "../common/token.js";
import { TOKEN_KEY } from "./config.js";
import { go, route } from "./router.js";
import { showSignin, signIn, signOut } from "./signin.js";
import { state } from "./state.js";

// ---------------------------------------------------------------- wiring
$("tabs").addEventListener("click", (e) => {
  const t = e.target.closest(".tab");
  if (!t) return;
  if (t.dataset.tab === "answers") state.draftAnswer = null;
  go(`#/${t.dataset.tab}`);
});
$("tabs").addEventListener("keydown", (e) => {
  if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
  const tabs = [...document.querySelectorAll(".tab")];
  const i = tabs.indexOf(document.activeElement);
  if (i < 0) return;
  const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
  next.focus();
  next.click();
});
window.addEventListener("hashchange", route);
$("signin-form").addEventListener("submit", (e) => {
  e.preventDefault();
  signIn($("token").value.trim(), $("signin")).catch((err) => showSignin(String(err?.message)));
});
$("signout").addEventListener("click", () => signOut(""));

// A `?token=` in the address (handy locally) fills the field (staff.js takes it out of the address bar).
export const initial = startToken(TOKEN_KEY);
showSignin("");
if (initial) {
  $("token").value = initial;
  signIn(initial, $("signin")).catch((err) => showSignin(String(err?.message)));
}
