import { sendAction } from "./deliveries.js";
import { renderHeader } from "./header.js";
import { ICON_LOCK } from "./icons.js";
import { state } from "./state.js";
import { el, nowTime, richText, svg } from "./ui.js";

// ---------------------------------------------------------------- thread structure
export function buildIntro(s) {
  if (s.channel === "messenger") {
    const intro = el("div", "intro");
    intro.append(el("div", "big-avatar", "C"), el("div", "title", "Chatcart Shop"));
    intro.append(
      el("div", "note", "Local simulator: what you send is a signed webhook delivery to your stack."),
    );
    const gs = el("button", "get-started", "Get Started");
    gs.type = "button";
    gs.dataset.testid = "get-started";
    gs.addEventListener("click", () =>
      sendAction("messenger", { kind: "postback", title: "Get Started", payload: "GET_STARTED" }),
    );
    intro.append(gs);
    s.getStarted = gs;
    s.thread.append(intro);
  } else if (s.channel === "instagram") {
    // Instagram shows the business's profile on top and no Get Started button (ice breakers, when set)
    const intro = el("div", "intro ig-intro");
    intro.append(el("div", "big-avatar", "C"), el("div", "title", "Chatcart Shop"));
    intro.append(el("div", "note", "chatcart.shop · Instagram"));
    intro.append(
      el("div", "note", "Local simulator: what you send is a signed webhook delivery to your stack."),
    );
    s.thread.append(intro);
  } else {
    s.thread.append(el("div", "chip day", "Today"));
    const notice = el("div", "chip notice");
    notice.append(
      svg(ICON_LOCK, "lock-ico"),
      document.createTextNode(
        "Local simulator. Messages go to your Chatcart stack as signed webhook deliveries.",
      ),
    );
    s.thread.append(notice);
  }
}

export function isNearBottom(thread) {
  return thread.scrollHeight - thread.scrollTop - thread.clientHeight < 140;
}
export function scrollToEnd(onlyIfNear) {
  const t = state[state.channel].thread;
  if (onlyIfNear && !isNearBottom(t)) return;
  requestAnimationFrame(() => {
    t.scrollTop = t.scrollHeight;
  });
}

export function append(s, node) {
  // Quick replies belong to the last message only (as in Messenger).
  for (const qr of s.thread.querySelectorAll(".qr-bar")) qr.remove();
  if (s.typing) s.thread.insertBefore(node, s.typing);
  else s.thread.append(node);
  if (s.channel === state.channel) scrollToEnd(false);
}

export function userRow(s, text, extra) {
  s.started = true;
  if (s.getStarted) s.getStarted.hidden = true;
  for (const r of s.thread.querySelectorAll(".row.me.latest")) r.classList.remove("latest");
  const row = el("div", "row me latest");
  row.dataset.testid = "user-message";
  const bubble = el("div", "bubble tail");
  bubble.dir = "auto";
  bubble.append(richText(text, s.channel));
  if (extra) bubble.append(el("span", "small", extra));
  const meta = el("span", s.channel === "whatsapp" ? "meta" : "receipt");
  meta.dataset.status = "sending";
  if (s.channel === "whatsapp") {
    meta.dataset.time = nowTime();
    bubble.append(meta);
    row.append(bubble);
  } else {
    bubble.title = nowTime();
    row.append(bubble, meta);
  }
  append(s, row);
  return { row, meta };
}

export function botRow(s, opts) {
  const row = el("div", "row bot");
  row.dataset.testid = "bot-message";
  if (s.channel !== "whatsapp") row.append(el("div", "mini-avatar"));
  const stack = el("div", `stack${opts?.wide ? " wide" : ""}`);
  row.append(stack);
  return { row, stack };
}

export function bubbleEl(s, cls, time) {
  const b = el("div", `bubble tail${cls ? ` ${cls}` : ""}`);
  b.dir = "auto";
  if (s.channel === "whatsapp") {
    b.dataset.time = time;
  } else {
    b.title = time;
  }
  return b;
}
// WhatsApp shows the time inside the bubble; appended last so it floats bottom-right.
export function finishBubble(s, b) {
  if (s.channel === "whatsapp") {
    const meta = el("span", "meta");
    meta.dataset.time = b.dataset.time || nowTime();
    b.append(meta);
  }
  return b;
}

export function unsupported(s, time, what) {
  const { row, stack } = botRow(s);
  const b = bubbleEl(s, "unsupported", time);
  b.textContent = "[unsupported message]";
  if (what) b.title = what;
  stack.append(b);
  append(s, row);
}

// ---------------------------------------------------------------- typing indicator
export function setTyping(s, on) {
  clearTimeout(s.typingTimer);
  if (on) {
    if (!s.typing) {
      const row = el("div", "row bot typing");
      if (s.channel !== "whatsapp") row.append(el("div", "mini-avatar"));
      const b = el("div", "bubble");
      b.setAttribute("aria-label", "typing");
      b.append(el("span", "dot"), el("span", "dot"), el("span", "dot"));
      const stack = el("div", "stack");
      stack.append(b);
      row.append(stack);
      s.thread.append(row);
      s.typing = row;
      if (s.channel === state.channel) scrollToEnd(true);
    }
    // Both platforms drop the indicator after ~20-25 s, or when a message arrives.
    s.typingTimer = setTimeout(() => setTyping(s, false), 20000);
  } else if (s.typing) {
    s.typing.remove();
    s.typing = null;
  }
  if (s.channel === state.channel) renderHeader();
}

// ---------------------------------------------------------------- read receipts
export function markRead(s, msgId) {
  const hit = s.sent.get(msgId);
  if (!hit) return;
  // WhatsApp marks everything up to that message as read.
  for (const [, v] of s.sent) {
    if (v.meta.dataset.status === "sent") v.meta.dataset.status = "read";
    if (v === hit) break;
  }
  hit.meta.dataset.status = "read";
}
export function markAllRead(s) {
  for (const [, v] of s.sent) if (v.meta.dataset.status === "sent") v.meta.dataset.status = "read";
}
