import { str } from "../common/dom.js";
import { setError } from "./header.js";
import { renderMessenger } from "./messenger.js";
import { POLL_MS, seenCursors, state } from "./state.js";
import { unsupported } from "./thread.js";
import { nowTime } from "./ui.js";
import { renderWhatsApp } from "./whatsapp.js";

let cursor = null; // sink cursor; null until the first read
let cursorReady = false;

// ---------------------------------------------------------------- polling the Graph API sink
export async function poll() {
  try {
    // An empty cursor is valid: the sink was empty when it was taken, so "after" it means from the start.
    const url =
      cursorReady && cursor !== null
        ? `/dev/graph/messages?after=${encodeURIComponent(cursor)}`
        : "/dev/graph/messages";
    const res = await fetch(url, { cache: "no-store" });
    if (!res.ok) throw new Error(`GET /dev/graph/messages answered ${res.status}`);
    const data = await res.json();
    const list = data && Array.isArray(data.messages) ? data.messages : [];
    if (!cursorReady) {
      // First read: remember where the sink is and skip everything older.
      for (const m of list) if (m?.cursor) seenCursors.add(String(m.cursor));
      cursorReady = true;
    } else {
      for (const m of list) handleSinkMessage(m);
    }
    const last = list.length ? list[list.length - 1] : null;
    if (typeof data?.cursor === "string") cursor = data.cursor;
    else if (last?.cursor) cursor = String(last.cursor);
    setError("poll", "");
  } catch (e) {
    setError("poll", `Cannot read the Graph API sink: ${e?.message ? e.message : e}`);
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

export function handleSinkMessage(m) {
  if (!m || typeof m !== "object") return;
  if (m.cursor !== undefined) {
    const c = String(m.cursor);
    if (seenCursors.has(c)) return;
    seenCursors.add(c);
  }
  const body = m.body;
  if (!body || typeof body !== "object") return;
  const time = nowTime(m.receivedAt);
  try {
    if (m.edge) return; // a welcome-surface push (messenger_profile…), not a message
    if (m.channel === "messenger" || m.channel === "instagram") {
      const s = state[m.channel];
      if (!body.recipient || str(body.recipient.id) !== s.id) return;
      renderMessenger(s, body, time);
    } else if (m.channel === "whatsapp") {
      const s = state.whatsapp;
      if (body.status === "read") {
        if (s.sent.has(str(body.message_id))) renderWhatsApp(s, body, time);
        return;
      }
      if (str(body.to).replace(/\D/g, "") !== s.id) return;
      renderWhatsApp(s, body, time);
    }
  } catch (e) {
    console.error("could not render", body, e);
    const s = state[m.channel];
    if (s) unsupported(s, time, "render error");
  }
}
