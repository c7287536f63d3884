/** The sign-in chores around the bearer token kept in sessionStorage (per tab). */
import { ApiError } from "./api.js";
import { $ } from "./dom.js";

/** The sign-in card instead of the page: hides Sign out and the elements `hide` names, then says `error`. */
export function showSigninCard(error, hide) {
  $("signin-view").hidden = false;
  for (const id of ["signout", ...hide]) $(id).hidden = true;
  showSigninError(error);
}
/** The sign-in form's error line and local hint; focuses the token field. */
export function showSigninError(error) {
  const err = $("signin-error");
  err.textContent = error || "";
  err.hidden = !error;
  $("dev-hint").hidden = !/^(localhost|127\.0\.0\.1|\[::1\])$/.test(location.hostname);
  setTimeout(() => $("token").focus(), 0);
}
/** Clears the error line; false (with `emptyText` shown) when no token was typed. */
export function checkToken(token, emptyText) {
  const err = $("signin-error");
  err.hidden = true;
  if (token) return true;
  err.textContent = emptyText;
  err.hidden = false;
  return false;
}
export function rejectedText(e) {
  return e instanceof ApiError && (e.status === 401 || e.status === 403)
    ? "That token was not accepted. Check it and try again."
    : e.message;
}
export function saveToken(key, token) {
  try {
    sessionStorage.setItem(key, token);
  } catch {
    /* private mode: the token is kept for this page only */
  }
}
export function forgetToken(key) {
  try {
    sessionStorage.removeItem(key);
  } catch {
    /* storage blocked */
  }
}
/**
 * The token to start with: a `?token=` in the address (handy locally), else the one saved for this tab. The
 * `?token=` is taken out of the address bar and the history so it does not linger in bookmarks or screenshots.
 */
export function startToken(key) {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get("token");
  if (fromUrl !== null) {
    params.delete("token");
    const rest = params.toString();
    history.replaceState(null, "", `${location.pathname}${rest ? `?${rest}` : ""}${location.hash}`);
  }
  let saved = "";
  try {
    saved = sessionStorage.getItem(key) || "";
  } catch {
    saved = "";
  }
  return (fromUrl || saved || "").trim();
}
