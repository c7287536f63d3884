import { safeUrl, str } from "../common/dom.js";
import { sendAction } from "./deliveries.js";
import { ICON_BAG, ICON_LINK, ICON_LIST, ICON_REPLY } from "./icons.js";
import { openSheet } from "./sheet.js";
import { append, botRow, bubbleEl, finishBubble, markRead, setTyping, unsupported } from "./thread.js";
import { el, imageEl, linkEl, richText, svg } from "./ui.js";

export function renderWhatsApp(s, body, time) {
  if (body.status === "read") {
    // mark-as-read (and maybe a typing indicator) for a message we sent
    const hit = s.sent.get(str(body.message_id));
    if (hit) {
      markRead(s, str(body.message_id));
      if (body.typing_indicator) setTyping(s, true);
    }
    return;
  }
  setTyping(s, false);
  const type = str(body.type);
  if (type === "text" && body.text && typeof body.text === "object") {
    const r = botRow(s);
    const b = bubbleEl(s, "", time);
    b.append(richText(body.text.body, "whatsapp"));
    r.stack.append(finishBubble(s, b));
    return append(s, r.row);
  }
  if (type === "image" && body.image && typeof body.image === "object") {
    const r = botRow(s);
    const b = bubbleEl(s, "media", time);
    b.append(imageEl(body.image.link, body.image.caption || "image"));
    if (body.image.caption) {
      const c = el("span", "caption-text");
      c.append(richText(body.image.caption, "whatsapp"));
      b.append(c);
    }
    r.stack.append(finishBubble(s, b));
    return append(s, r.row);
  }
  if (type === "interactive" && body.interactive && typeof body.interactive === "object") {
    const row = waInteractive(s, body.interactive, time);
    if (row) return append(s, row);
    return unsupported(s, time, `interactive ${str(body.interactive.type)}`);
  }
  if (type === "template" && body.template && typeof body.template === "object") {
    const r = botRow(s);
    const b = bubbleEl(s, "", time);
    const lang = body.template.language && str(body.template.language.code);
    b.append(el("span", "hdr-text", `Template: ${str(body.template.name)}`));
    b.append(el("span", "footer", `approved template message${lang ? ` (${lang})` : ""}`));
    r.stack.append(finishBubble(s, b));
    return append(s, r.row);
  }
  return unsupported(s, time, `type ${type}`);
}

export function waHeader(b, header) {
  if (!header || typeof header !== "object") return;
  if (header.type === "text" && header.text) b.append(el("span", "hdr-text", str(header.text)));
  else if (header.type === "image" && header.image) b.append(imageEl(header.image.link, "", "hdr-img"));
}
export function waBodyText(b, it) {
  if (it.body && typeof it.body === "object" && it.body.text) b.append(richText(it.body.text, "whatsapp"));
  if (it.footer && typeof it.footer === "object" && it.footer.text)
    b.append(el("span", "footer", str(it.footer.text)));
}

/** An interactive message's row (buttons go under its bubble) and bubble, with its header and body text. */
function waCard(s, it, time) {
  const r = botRow(s);
  r.stack.classList.add("with-buttons");
  const b = bubbleEl(s, "", time);
  waHeader(b, it.header);
  waBodyText(b, it);
  return { r, b };
}

export function waInteractive(s, it, time) {
  const itype = str(it.type);
  const action = it.action && typeof it.action === "object" ? it.action : {};
  if (itype === "button") {
    const { r, b } = waCard(s, it, time);
    r.stack.append(finishBubble(s, b));
    for (const btn of Array.isArray(action.buttons) ? action.buttons : []) {
      const reply = btn?.reply && typeof btn.reply === "object" ? btn.reply : null;
      if (!reply) continue;
      const title = str(reply.title);
      const id = str(reply.id);
      const button = el("button", "wa-btn choice");
      button.type = "button";
      button.dataset.testid = "choice";
      button.append(svg(ICON_REPLY, "btn-ico"), document.createTextNode(title));
      button.addEventListener("click", () => sendAction("whatsapp", { kind: "button_reply", id, title }));
      r.stack.append(button);
    }
    return r.row;
  }
  if (itype === "list") {
    const { r, b } = waCard(s, it, time);
    finishBubble(s, b);
    const open = el("button", "in-bubble-btn");
    open.type = "button";
    open.dataset.testid = "list-open";
    open.append(svg(ICON_LIST, "btn-ico"), document.createTextNode(str(action.button) || "Menu"));
    open.addEventListener("click", () => openSheet(str(action.button) || "Menu", action.sections));
    b.append(open);
    r.stack.append(b);
    return r.row;
  }
  if (itype === "product" || itype === "product_list") {
    const { r, b } = waCard(s, it, time);
    const list = el("span", "products");
    list.dataset.testid = "products";
    const addItem = (rid) => {
      const p = el("span", "product");
      p.dataset.testid = "product";
      const pid = el("span", "pid", rid);
      pid.append(el("span", "pcat", action.catalog_id ? `catalog ${str(action.catalog_id)}` : "product"));
      const thumb = el("span", "thumb");
      thumb.append(svg(ICON_BAG, "thumb-ico"));
      p.append(thumb, pid);
      list.append(p);
    };
    if (itype === "product") addItem(str(action.product_retailer_id));
    for (const sec of Array.isArray(action.sections) ? action.sections : []) {
      if (!sec || typeof sec !== "object") continue;
      if (sec.title) list.append(el("span", "sec", str(sec.title)));
      for (const item of Array.isArray(sec.product_items) ? sec.product_items : []) {
        if (item && typeof item === "object") addItem(str(item.product_retailer_id));
      }
    }
    b.append(list);
    r.stack.append(finishBubble(s, b));
    return r.row;
  }
  if (itype === "cta_url" && action.parameters && typeof action.parameters === "object") {
    const { r, b } = waCard(s, it, time);
    r.stack.append(finishBubble(s, b));
    const u = safeUrl(action.parameters.url);
    if (u) {
      const a = linkEl(u, "", "wa-btn");
      a.append(
        svg(ICON_LINK, "btn-ico"),
        document.createTextNode(str(action.parameters.display_text) || "Open"),
      );
      r.stack.append(a);
    }
    return r.row;
  }
  return null;
}
