import { append, h, str } from "../common/dom.js";
import { LOCALE_NAMES } from "./config.js";
import { localeAttrs } from "./form.js";
import { effectiveOf } from "./welcomeSurfaces.js";

// ---------------------------------------------------------------- the welcome surfaces: editors
/**
 * The editors of the Welcome tab (welcome.js): per locale the Messenger greeting, the persistent menu and the ice
 * breakers (Messenger and Instagram), and WhatsApp's ice breakers and commands. Each section starts from what
 * Chatcart sets now (the merchant's value, else the built-in default read from `GET /api/admin/welcome`) and is
 * saved only when the merchant set it before or edits it, so untouched defaults keep following the catalogues.
 * Limits are lib/catalog/schema.ts's (Meta's).
 */
export const ACTIONS = { browse: "Browse", cart: "My cart", orders: "My order", human: "Talk to a person" };
export const COMMAND_NAMES = ["browse", "cart", "order", "human"];
/** A section that remembers whether the merchant set it (before, or by editing it now). */
function section(testid, title, hint, custom, ...body) {
  const flag = h("span", { class: "wl-flag" });
  const box = h(
    "section",
    { class: "wl-sec", testid },
    h("h3", {}, title, flag),
    h("p", { class: "hint" }, hint),
  );
  const mark = (on) => {
    box.dataset.custom = on ? "1" : "";
    flag.textContent = on ? "custom" : "default";
    flag.classList.toggle("on", on);
  };
  mark(custom);
  append(box, body);
  box.addEventListener("input", () => mark(true));
  box.addEventListener("change", () => mark(true));
  box.addEventListener("wl-edit", () => mark(true));
  return box;
}
const isCustom = (box) => box.dataset.custom === "1";

function actionSelect(value, withUrl, testid) {
  const s = h(
    "select",
    { class: "input", testid },
    Object.entries(ACTIONS).map(([k, v]) => h("option", { value: k, text: v })),
    withUrl ? h("option", { value: "url", text: "Web link" }) : null,
  );
  s.value = value;
  return s;
}

/** Rows of inputs with Add and Remove, at most `max`. */
function rows(list, max, makeRow, addLabel, testid) {
  const box = h("div", { class: "wl-rows", testid });
  const add = h("button", {
    class: "btn small ghost",
    type: "button",
    testid: `${testid}-add`,
    text: `+ ${addLabel}`,
  });
  const sync = () => {
    add.disabled = box.children.length >= max;
  };
  const push = (item) => {
    const row = h("div", { class: "wl-row" });
    const remove = h("button", {
      class: "btn small ghost",
      type: "button",
      text: "Remove",
      "aria-label": "Remove this row",
      onclick: () => {
        row.dispatchEvent(new Event("wl-edit", { bubbles: true }));
        row.remove();
        sync();
      },
    });
    row.append(...makeRow(item), remove);
    box.append(row);
    sync();
  };
  for (const item of list) push(item);
  add.addEventListener("click", () => {
    push(null);
    add.dispatchEvent(new Event("wl-edit", { bubbles: true }));
    box.lastElementChild?.querySelector("input")?.focus();
  });
  return { box, add };
}

/** The two lists a locale may set, by the id their test ids use: where they go in `settings.welcome`, how many. */
const LISTS = {
  menu: {
    title: "Persistent menu",
    hint: "Messenger and Instagram: always there beside the message box (up to 20 buttons of 30 characters).",
    add: "Add a button",
    max: 20,
  },
  ice: {
    key: "iceBreakers",
    title: "Ice breakers",
    hint: "Messenger and Instagram: questions a new shopper can tap (up to 4 of 80 characters).",
    add: "Add a question",
    max: 4,
  },
};
/** A list section of locale `l`: its own rows when it sets them, else what the shopper gets now (`eff`). */
function listSection(welcome, eff, l, id, makeRow) {
  const { key = id, title, hint, add, max } = LISTS[id];
  const set = welcome?.[key]?.[l] !== undefined;
  const list = rows(set ? welcome[key][l] : eff[key], max, makeRow, add, `wl-${id}-${l}`);
  return { box: list.box, sec: section(`wl-${id}-sec-${l}`, title, hint, set, list.box, list.add) };
}

/** The editors of one locale; `collect()` answers what goes into `settings.welcome` for it. */
export function localeEditor(l, welcome, surfaces) {
  const eff = effectiveOf(surfaces, l);
  const la = localeAttrs(l);
  const greetingSet = welcome?.greeting?.[l] !== undefined;
  const greeting = h("textarea", {
    class: "textarea",
    rows: 2,
    maxlength: 160,
    testid: `wl-greeting-${l}`,
    ...la,
  });
  greeting.value = greetingSet ? str(welcome.greeting[l]) : eff.greeting;
  const gSec = section(
    `wl-greeting-sec-${l}`,
    "Greeting",
    "Messenger shows it before the first message (up to 160 characters).",
    greetingSet,
    greeting,
  );

  const menu = listSection(welcome, eff, l, "menu", (b) => {
    const title = h("input", { class: "input", maxlength: 30, placeholder: "Button title", ...la });
    title.value = str(b?.title);
    const action = actionSelect(b?.url ? "url" : str(b?.action) || "browse", true);
    const url = h("input", { class: "input", type: "url", placeholder: "https://…", maxlength: 1000 });
    url.value = str(b?.url);
    url.hidden = action.value !== "url";
    action.addEventListener("change", () => {
      url.hidden = action.value !== "url";
    });
    return [title, action, url];
  });
  const ice = listSection(welcome, eff, l, "ice", (q) => {
    const question = h("input", {
      class: "input",
      maxlength: 80,
      placeholder: "A question to start with",
      ...la,
    });
    question.value = str(q?.question);
    return [question, actionSelect(str(q?.action) || "browse", false)];
  });
  const mSec = menu.sec;
  const iSec = ice.sec;

  const node = h(
    "div",
    { class: "wl-locale", "data-locale": l, testid: `wl-locale-${l}` },
    h(
      "div",
      { class: "loc-h" },
      h("span", { class: "chip" }, l),
      h("span", { class: "ln" }, LOCALE_NAMES[l]),
    ),
    gSec,
    mSec,
    iSec,
  );
  const collect = () => {
    const out = {};
    if (isCustom(gSec) && greeting.value.trim()) out.greeting = greeting.value.trim();
    if (isCustom(mSec))
      out.menu = [...menu.box.children]
        .map((r) => {
          const [title, action, url] = r.querySelectorAll("input, select");
          const t = title.value.trim();
          if (!t) return null;
          return action.value === "url"
            ? { title: t, url: url.value.trim() }
            : { title: t, action: action.value };
        })
        .filter(Boolean);
    if (isCustom(iSec))
      out.iceBreakers = [...ice.box.children]
        .map((r) => {
          const [question, action] = r.querySelectorAll("input, select");
          return question.value.trim() ? { question: question.value.trim(), action: action.value } : null;
        })
        .filter(Boolean);
    return out;
  };
  return { node, collect };
}

/** WhatsApp's ice breakers and commands (one set, in the shop's default locale). */
export function whatsappEditor(welcome, surfaces, defaultLocale) {
  const wa = surfaces?.whatsapp || {};
  const la = localeAttrs(defaultLocale);
  const iceSet = welcome?.whatsapp?.iceBreakers !== undefined;
  const prompts = iceSet ? welcome.whatsapp.iceBreakers : Array.isArray(wa.prompts) ? wa.prompts : [];
  const ice = rows(
    prompts,
    4,
    (p) => {
      const i = h("input", { class: "input", maxlength: 80, placeholder: "A question to start with", ...la });
      i.value = str(p);
      return [i];
    },
    "Add a question",
    "wl-wa-ice",
  );
  const iSec = section(
    "wl-wa-ice-sec",
    "WhatsApp ice breakers",
    "Shown when a shopper opens the chat for the first time (up to 4 of 80 characters).",
    iceSet,
    ice.box,
    ice.add,
  );
  const cmdSet = welcome?.whatsapp?.commands !== undefined;
  const current = cmdSet
    ? welcome.whatsapp.commands
    : (Array.isArray(wa.commands) ? wa.commands : []).map((c) => ({
        name: str(c?.command_name),
        description: str(c?.command_description),
      }));
  const cmdRows = COMMAND_NAMES.map((name) => {
    const have = current.find((c) => c?.name === name);
    const on = h("input", { type: "checkbox", testid: `wl-cmd-${name}-on` });
    on.checked = Boolean(have);
    const desc = h("input", {
      class: "input",
      maxlength: 256,
      placeholder: "What it does",
      testid: `wl-cmd-${name}`,
      ...la,
    });
    desc.value = str(have?.description);
    return {
      name,
      on,
      desc,
      node: h("label", { class: "wl-row wl-cmd" }, on, h("code", { text: `/${name}` }), desc),
    };
  });
  const cSec = section(
    "wl-wa-cmd-sec",
    "WhatsApp commands",
    "Typed after a slash; each does what its button does.",
    cmdSet,
    cmdRows.map((r) => r.node),
  );
  const node = h("div", { class: "wl-wa", testid: "wl-whatsapp" }, iSec, cSec);
  const collect = () => {
    const out = {};
    if (isCustom(iSec))
      out.iceBreakers = [...ice.box.querySelectorAll("input")].map((i) => i.value.trim()).filter(Boolean);
    if (isCustom(cSec))
      out.commands = cmdRows
        .filter((r) => r.on.checked && r.desc.value.trim())
        .map((r) => ({ name: r.name, description: r.desc.value.trim() }));
    return out;
  };
  return { node, collect };
}
