import { safeUrl, str } from "../common/dom.js";
import { sendAction } from "./deliveries.js";
import { state } from "./state.js";
import { append, botRow, bubbleEl, markAllRead, scrollToEnd, setTyping, unsupported } from "./thread.js";
import { el, imageEl, linkEl, richText } from "./ui.js";

// ---------------------------------------------------------------- rendering bot messages
export function renderMessenger(s, body, time) {
  if (typeof body.sender_action === "string") {
    if (body.sender_action === "typing_on") setTyping(s, true);
    else if (body.sender_action === "typing_off") setTyping(s, false);
    else if (body.sender_action === "mark_seen") markAllRead(s);
    return;
  }
  setTyping(s, false);
  const m = body.message;
  if (!m || typeof m !== "object") return unsupported(s, time, "no message");
  const human = body.messaging_type === "MESSAGE_TAG" && body.tag === "HUMAN_AGENT";
  let row;
  if (typeof m.text === "string") {
    const r = botRow(s);
    const b = bubbleEl(s, "", time);
    b.append(richText(m.text, s.channel));
    r.stack.append(b);
    row = r.row;
  } else if (m.attachment && typeof m.attachment === "object") {
    row = messengerAttachment(s, m.attachment, time);
    if (!row) return unsupported(s, time, `attachment ${str(m.attachment.type)}`);
  } else {
    return unsupported(s, time, "message without text or attachment");
  }
  if (human) row.querySelector(".stack").append(el("div", "tagline", "Sent by a person"));
  append(s, row);
  if (Array.isArray(m.quick_replies) && m.quick_replies.length) {
    const bar = el("div", "qr-bar");
    bar.dataset.testid = "quick-replies";
    for (const q of m.quick_replies) {
      if (!q || typeof q !== "object") continue;
      const ct = str(q.content_type) || "text";
      let title = str(q.title);
      if (ct === "user_email") title = "✉ Share email";
      else if (ct === "user_phone_number") title = "☎ Share phone number";
      if (!title) continue;
      const btn = el("button", "choice");
      btn.type = "button";
      btn.dataset.testid = "choice";
      const icon = safeUrl(q.image_url);
      if (icon) {
        const img = document.createElement("img");
        img.alt = "";
        img.referrerPolicy = "no-referrer";
        img.addEventListener("error", () => img.remove());
        img.src = icon;
        btn.append(img);
      }
      btn.append(document.createTextNode(title));
      btn.addEventListener("click", () => {
        let text = title;
        if (ct === "user_email") text = "shopper@example.com";
        else if (ct === "user_phone_number") text = "+6591234567";
        void sendAction(s.channel, { kind: "quick_reply", title: text, payload: str(q.payload) || text });
      });
      bar.append(btn);
    }
    if (bar.childElementCount) {
      s.thread.insertBefore(bar, s.typing || null);
      if (s.channel === state.channel) scrollToEnd(false);
    }
  }
}

export function messengerAttachment(s, att, time) {
  const type = str(att.type);
  const p = att.payload && typeof att.payload === "object" ? att.payload : {};
  if (type === "template") {
    const tt = str(p.template_type);
    if (tt === "generic" && Array.isArray(p.elements)) {
      const r = botRow(s, { wide: true });
      const car = el("div", "carousel");
      car.dataset.testid = "carousel";
      car.title = time;
      for (const e of p.elements) {
        if (!e || typeof e !== "object") continue;
        const card = el("div", "card");
        card.dataset.testid = "card";
        if (e.image_url !== undefined) card.append(imageEl(e.image_url, e.title));
        const cb = el("div", "card-body");
        const t = el("div", "card-title", str(e.title));
        t.dir = "auto";
        cb.append(t);
        if (e.subtitle) {
          const st = el("div", "card-sub", str(e.subtitle));
          st.dir = "auto";
          cb.append(st);
        }
        card.append(cb);
        for (const btn of Array.isArray(e.buttons) ? e.buttons : [])
          card.append(templateButton(btn, s.channel));
        car.append(card);
      }
      r.stack.append(car);
      return r.row;
    }
    if (tt === "button") {
      const r = botRow(s);
      const card = el("div", "card");
      card.dataset.testid = "card";
      const cb = el("div", "card-body");
      const t = el("div", "card-text");
      t.dir = "auto";
      t.append(richText(p.text, "messenger"));
      cb.append(t);
      card.append(cb);
      for (const btn of Array.isArray(p.buttons) ? p.buttons : [])
        card.append(templateButton(btn, s.channel));
      card.title = time;
      r.stack.append(card);
      return r.row;
    }
    return null;
  }
  const url = safeUrl(p.url);
  if (type === "image") {
    const r = botRow(s);
    const b = bubbleEl(s, "media", time);
    b.append(imageEl(p.url, "image"));
    r.stack.append(b);
    return r.row;
  }
  if ((type === "video" || type === "audio" || type === "file") && url) {
    const r = botRow(s);
    const b = bubbleEl(s, "", time);
    b.append(linkEl(url, `Open ${type} attachment`));
    r.stack.append(b);
    return r.row;
  }
  return null;
}

export function templateButton(btn, channel) {
  const b = btn && typeof btn === "object" ? btn : {};
  const title = str(b.title) || "Button";
  const type = str(b.type);
  if (type === "web_url") {
    const u = safeUrl(b.url);
    if (u) {
      const a = linkEl(u, title, "card-btn");
      a.dataset.testid = "card-button";
      return a;
    }
  }
  const button = el("button", "card-btn", title);
  button.type = "button";
  button.dataset.testid = "card-button";
  if (type === "postback") {
    button.addEventListener("click", () =>
      sendAction(channel, { kind: "postback", title, payload: str(b.payload) }),
    );
  } else {
    button.disabled = true;
    button.title = `${type || "unknown"} button (not simulated)`;
  }
  return button;
}
