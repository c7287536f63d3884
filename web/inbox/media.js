import { h, safeUrl, str } from "../common/dom.js";
import { convPath } from "./api.js";
import { BASE } from "./config.js";
import { state } from "./state.js";

// ---------------------------------------------------------------- media in the transcript
/**
 * What a shopper sent (photo, sticker, video, voice note, document) is fetched through
 * `GET /api/agent/conversations/{id}/media?message=…` with the agent's bearer token in a header (never in a URL),
 * turned into a blob and shown from an object URL. Each message's file is fetched once per open conversation;
 * the object URLs are let go when another conversation opens.
 */
const cache = new Map(); // `${conversation}|${message}` → Promise<string> (an object URL)
let cacheFor = "";

export const MEDIA_LABELS = {
  image: "Photo",
  sticker: "Sticker",
  video: "Video",
  audio: "Voice note",
  document: "Document",
  file: "File",
};

/** Lets go of the object URLs of the conversation that was open before. */
export function resetMedia(conversationId) {
  if (conversationId === cacheFor) return;
  for (const p of cache.values()) p.then((u) => URL.revokeObjectURL(u)).catch(() => {});
  cache.clear();
  cacheFor = conversationId;
}

/** The file of one transcript message, as an object URL (fetched with the agent token). */
export function mediaUrl(conversationId, messageId) {
  resetMedia(conversationId);
  const key = `${conversationId}|${messageId}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const res = await fetch(
        `${BASE}${convPath(conversationId)}/media?message=${encodeURIComponent(messageId)}`,
        {
          headers: { authorization: `Bearer ${state.token}` },
          cache: "no-store",
          credentials: "omit",
        },
      );
      if (!res.ok) throw new Error(`the server answered ${res.status}`);
      return URL.createObjectURL(await res.blob());
    })();
    p.catch(() => cache.delete(key)); // a failure is tried again on the next render
    cache.set(key, p);
  }
  return p;
}

/** True when the transcript text only names the media (`[image]`, `[audio]`…): then the media replaces it. */
export function onlyNamesMedia(text) {
  return /^\s*\[(?:\d+ images?|[a-z_ ]+)\]\s*$/.test(str(text));
}

/**
 * The node that shows a message's media, or null. Inbound media comes through the media route; what an agent
 * sent by a public address (`media.url`, no message id to fetch by) is shown from that address.
 */
export function mediaNode(m, conversationId) {
  const media = m?.media && typeof m.media === "object" ? m.media : null;
  if (!media) return null;
  const kind = str(media.kind) || "file";
  const label = MEDIA_LABELS[kind] || "Attachment";
  const box = h("div", { class: `media media-${kind}`, testid: "media", "data-kind": kind });
  const publicUrl = m.direction === "out" ? safeUrl(media.url) : "";
  if (publicUrl) {
    if (kind === "image" || kind === "sticker") {
      box.append(h("img", { src: publicUrl, alt: label, loading: "lazy", referrerpolicy: "no-referrer" }));
    } else {
      box.append(
        h("a", { href: publicUrl, target: "_blank", rel: "noopener noreferrer", text: `Open ${label}` }),
      );
    }
    return box;
  }
  const messageId = str(m.externalId);
  if (!messageId) {
    box.append(h("span", { class: "media-note", text: `${label} (not available)` }));
    return box;
  }
  const status = h("span", { class: "media-note", text: `Loading ${label.toLowerCase()}…` });
  box.append(status);
  if (kind === "document" || kind === "file") {
    // a download, fetched only when asked for
    status.replaceChildren(
      h("button", {
        class: "btn small",
        type: "button",
        text: `Download ${label.toLowerCase()}`,
        onclick: () => openFile(conversationId, messageId, status),
      }),
    );
    return box;
  }
  mediaUrl(conversationId, messageId).then(
    (url) => {
      let node;
      if (kind === "audio") node = h("audio", { controls: true, preload: "metadata", src: url });
      else if (kind === "video")
        // the first frame is the poster; it plays inline when asked
        node = h("video", { controls: true, preload: "metadata", playsinline: true, src: url });
      else node = h("img", { src: url, alt: label, testid: "media-image" });
      status.replaceWith(node);
    },
    (e) => {
      status.textContent = `${label}: could not load (${e?.message || e})`;
      status.classList.add("bad");
    },
  );
  return box;
}

async function openFile(conversationId, messageId, status) {
  try {
    const url = await mediaUrl(conversationId, messageId);
    const a = h("a", { href: url, download: "attachment" });
    document.body.append(a);
    a.click();
    a.remove();
  } catch (e) {
    status.textContent = `Could not download (${e?.message || e})`;
  }
}
