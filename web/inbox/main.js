import "./chrome.js";
import { $ } from "../common/dom.js";
import { startToken } from "../common/token.js";
import { buildChannelSelect } from "./channels.js";
import { act, autosize, renderComposer, send } from "./composer.js";
import { TOKEN_KEY } from "./config.js";
import { closeConversation, decodeHash, openConversation } from "./conversation.js";
import { schedulePoll } from "./poll.js";
import { renderCounts, renderQueue, setFilter, tickTimes } from "./queue.js";
import { showSignin, signIn, signOut } from "./signin.js";
import { composer, msgEl, state, transcript } from "./state.js";
import { renderTeamBar } from "./team.js";
import { hideMessage } from "./toast.js";
import { nearBottom, scrollToBottom } from "./transcript.js";

// ---------------------------------------------------------------- events
for (const b of document.querySelectorAll("[data-filter]"))
  b.addEventListener("click", () => {
    setFilter(b.dataset.filter);
    schedulePoll(0);
  });
buildChannelSelect($("channel-filter"), () => {
  state.listSig = "";
  renderCounts();
  renderQueue();
});
$("queue").addEventListener("keydown", (e) => {
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  const items = [...document.querySelectorAll("#queue .qi")];
  const i = items.indexOf(document.activeElement);
  const next = items[e.key === "ArrowDown" ? i + 1 : i - 1];
  if (next) {
    e.preventDefault();
    next.focus();
  }
});
$("back").addEventListener("click", () => closeConversation());
$("takeover").addEventListener("click", () => act("takeover"));
$("release").addEventListener("click", () => act("release"));
$("composer-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void send();
});
composer.addEventListener("input", () => {
  autosize();
  renderComposer();
});
composer.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    void send();
  }
});
transcript.addEventListener("scroll", () => {
  if (nearBottom()) $("jump").hidden = true;
});
$("jump").addEventListener("click", scrollToBottom);
window.addEventListener("hashchange", () => {
  const id = decodeHash();
  if (id && id !== state.openId && state.token) void openConversation(id);
});
document.addEventListener("visibilitychange", () => {
  if (!document.hidden && state.token) schedulePoll(0);
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !msgEl.hidden) hideMessage();
});
$("signin-form").addEventListener("submit", (e) => {
  e.preventDefault();
  signIn($("token").value.trim()).catch((err) => showSignin(String(err?.message)));
});
$("signout").addEventListener("click", () => signOut(""));
setInterval(() => {
  if (state.token) tickTimes();
}, 1000);

// A `?token=` in the address (handy locally) fills the field and signs in (staff.js takes it out of the
// address bar and the history).
export const initial = startToken(TOKEN_KEY);
showSignin("");
renderTeamBar();
if (initial) {
  $("token").value = initial;
  signIn(initial).catch((err) => showSignin(String(err?.message)));
}
