import { ApiError } from "../common/api.js";
import { $, safeUrl } from "../common/dom.js";
import { api, convPath } from "./api.js";
import { errorText } from "./composer.js";
import { refreshConversation } from "./conversation.js";
import { schedulePoll } from "./poll.js";
import { composer, state } from "./state.js";
import { hideMessage, showMessage } from "./toast.js";
import { scrollToBottom } from "./transcript.js";

// ---------------------------------------------------------------- an agent sends an image
/**
 * The agent API sends an image by its public http(s) address (`{"image": {"url"}}`, Meta fetches it), with the
 * composer's text as the words before it when there are any. The image row opens under the composer.
 */
const row = $("image-row");
const input = $("image-url");

export function openImageRow(open) {
  row.hidden = !open;
  $("attach").setAttribute("aria-expanded", String(open));
  if (open) input.focus();
  else input.value = "";
}

/** Follows the composer: no image when a reply is not possible. */
export function renderImageButton() {
  $("attach").disabled = composer.disabled;
  if (composer.disabled && !row.hidden) openImageRow(false);
  $("image-send").disabled = composer.disabled || state.busy || !safeUrl(input.value);
}

export async function sendImage() {
  const id = state.openId;
  const url = safeUrl(input.value);
  if (!id || !url || state.busy || composer.disabled) return;
  const text = composer.value.trim();
  state.busy = true;
  renderImageButton();
  try {
    await api("POST", `${convPath(id)}/messages`, { image: { url }, ...(text && { text }) });
    if (state.openId === id) {
      if (text) composer.value = "";
      state.drafts.delete(id);
      openImageRow(false);
    }
    hideMessage();
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) showMessage("error", errorText(e));
  } finally {
    state.busy = false;
    renderImageButton();
  }
  state.detailSig = "";
  await refreshConversation().catch(() => {});
  if (state.openId === id) scrollToBottom();
  schedulePoll(0);
}

$("attach").addEventListener("click", () => openImageRow(row.hidden));
input.addEventListener("input", renderImageButton);
$("image-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void sendImage();
});
$("image-cancel").addEventListener("click", () => openImageRow(false));
input.addEventListener("keydown", (e) => {
  if (e.key === "Escape") openImageRow(false);
});
