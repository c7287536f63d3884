import { str } from "../common/dom.js";
import { sendAction } from "./deliveries.js";
import { phone } from "./state.js";
import { el } from "./ui.js";

// ---------------------------------------------------------------- WhatsApp list sheet
export let sheet = null;
export function closeSheet() {
  if (sheet) sheet.remove();
  sheet = null;
}
export function openSheet(title, sections) {
  closeSheet();
  const back = el("div", "sheet-backdrop");
  back.dataset.testid = "list-sheet";
  back.addEventListener("click", (e) => {
    if (e.target === back) closeSheet();
  });
  const sh = el("div", "sheet");
  sh.setAttribute("role", "dialog");
  sh.setAttribute("aria-label", title);
  const head = el("div", "sheet-head");
  const x = el("button", "x", "✕");
  x.type = "button";
  x.setAttribute("aria-label", "Close");
  x.addEventListener("click", closeSheet);
  head.append(x, el("div", "t", title));
  const bodyEl = el("div", "sheet-body");
  for (const sec of Array.isArray(sections) ? sections : []) {
    if (!sec || typeof sec !== "object") continue;
    if (sec.title) bodyEl.append(el("div", "sheet-sec", str(sec.title)));
    for (const row of Array.isArray(sec.rows) ? sec.rows : []) {
      if (!row || typeof row !== "object") continue;
      const id = str(row.id);
      const rt = str(row.title);
      const rd = str(row.description);
      const btn = el("button", "sheet-row");
      btn.type = "button";
      btn.dataset.testid = "list-row";
      const txt = el("span", "txt");
      const t = el("span", "rt", rt);
      t.dir = "auto";
      txt.append(t);
      if (rd) {
        const d = el("span", "rd", rd);
        d.dir = "auto";
        txt.append(d);
      }
      btn.append(txt, el("span", "radio"));
      btn.addEventListener("click", () => {
        closeSheet();
        void sendAction("whatsapp", { kind: "list_reply", id, title: rt, description: rd });
      });
      bodyEl.append(btn);
    }
  }
  sh.append(head, bodyEl);
  back.append(sh);
  phone.append(back);
  sheet = back;
  x.focus();
}
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") closeSheet();
});
