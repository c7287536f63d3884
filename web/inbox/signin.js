import { $, h } from "../common/dom.js";
import { checkToken, forgetToken, rejectedText, saveToken, showSigninCard } from "../common/token.js";
import { fetchList } from "./api.js";
import { TOKEN_KEY } from "./config.js";
import { closeConversation, decodeHash, openConversation } from "./conversation.js";
import { agentIdOf } from "./format.js";
import { schedulePoll, stopPolling } from "./poll.js";
import { setFilter } from "./queue.js";
import { state } from "./state.js";
import { hideMessage, setLive } from "./toast.js";

// ---------------------------------------------------------------- sign-in
export function showSignin(error) {
  stopPolling();
  document.body.classList.remove("signed-in");
  showSigninCard(error, ["app", "live"]);
}
export function signOut(reason) {
  forgetToken(TOKEN_KEY);
  state.token = "";
  state.lists = { waiting: null, agent: null, bot: null };
  state.listSig = "";
  closeConversation();
  hideMessage();
  $("token").value = "";
  showSignin(reason);
}
export async function signIn(token) {
  const button = $("signin");
  if (!checkToken(token, "Enter your agent token.")) return;
  state.token = token;
  state.me = await agentIdOf(token);
  button.disabled = true;
  button.replaceChildren(h("span", { class: "spin", "aria-hidden": "true" }), " Signing in…");
  try {
    state.lists.waiting = await fetchList("waiting", { signingIn: true });
  } catch (e) {
    state.token = "";
    showSignin(rejectedText(e));
    return;
  } finally {
    button.disabled = false;
    button.textContent = "Sign in";
  }
  saveToken(TOKEN_KEY, token);
  $("signin-view").hidden = true;
  $("app").hidden = false;
  $("signout").hidden = false;
  document.body.classList.add("signed-in");
  setLive(true);
  setFilter(state.filter);
  const fromHash = decodeHash();
  if (fromHash) await openConversation(fromHash);
  schedulePoll(0);
}
