import { ApiError } from "../common/api.js";
import { append, h, str } from "../common/dom.js";
import { api, isConflict, pickObject, reportError } from "./api.js";
import { LOCALES } from "./config.js";
import { ago, fullDate } from "./format.js";
import { current, loadingScreen, route, show } from "./router.js";
import { state } from "./state.js";
import { showMessage } from "./toast.js";
import { setBusy } from "./ui.js";
import { localeEditor, whatsappEditor } from "./welcomeForm.js";
import { canonical, entryFor, META_LOCALES } from "./welcomeSurfaces.js";

// ---------------------------------------------------------------- the Welcome tab
/**
 * The first screen of a chat on each channel (docs/interface.md, welcome surfaces): the merchant edits
 * `settings.welcome` (welcomeForm.js), saving goes through `PUT /api/admin/settings`, which pushes the surfaces to
 * Meta; `GET /api/admin/welcome` shows what Chatcart sets and what each channel last got (`live`), and
 * `POST /api/admin/welcome` pushes again. Self-contained, so a general Settings screen can fold it in.
 */
const CHANNEL_NAMES = { messenger: "Messenger", instagram: "Instagram", whatsapp: "WhatsApp" };

export async function welcomeView(seq) {
  loadingScreen("Loading the welcome surfaces…");
  let settings;
  let welcome;
  try {
    [settings, welcome] = await Promise.all([
      api("GET", "/api/admin/settings").then((d) => pickObject(d, "settings")),
      api("GET", "/api/admin/welcome"),
    ]);
  } catch (e) {
    if (!current(seq)) return;
    reportError(e, "Could not load the welcome surfaces");
    show(h("div", { class: "card empty" }, h("b", {}, "The welcome surfaces are not available right now")));
    return;
  }
  if (!current(seq)) return;
  state.settings = settings;
  renderWelcome(settings, welcome);
}

/** The shop's locales, the default one first. */
export function localesOf(settings) {
  const d = LOCALES.includes(settings?.defaultLocale) ? settings.defaultLocale : "en";
  const list = Array.isArray(settings?.locales) ? settings.locales.filter((l) => LOCALES.includes(l)) : [];
  return [d, ...list.filter((l) => l !== d)];
}

export function renderWelcome(settings, welcome) {
  const w = settings?.welcome && typeof settings.welcome === "object" ? settings.welcome : {};
  const surfaces = welcome?.surfaces || {};
  const locales = localesOf(settings);
  const enabled = h("input", { type: "checkbox", testid: "wl-enabled" });
  enabled.checked = w.enabled !== false;
  const getStarted = h("input", { type: "checkbox", testid: "wl-get-started" });
  getStarted.checked = w.getStarted !== false;
  const editors = locales.map((l) => ({ l, ...localeEditor(l, w, surfaces) }));
  const wa = whatsappEditor(w, surfaces, locales[0]);
  const tabs = h("div", { class: "wl-tabs", role: "tablist", "aria-label": "Language" });
  const pick = (l) => {
    for (const e of editors) e.node.hidden = e.l !== l;
    for (const t of tabs.children) t.setAttribute("aria-selected", String(t.dataset.locale === l));
  };
  for (const e of editors)
    tabs.append(
      h("button", {
        class: "wl-tab",
        type: "button",
        role: "tab",
        "data-locale": e.l,
        testid: `wl-tab-${e.l}`,
        text: e.l === locales[0] ? `${e.l} (default)` : e.l,
        onclick: () => pick(e.l),
      }),
    );
  pick(locales[0]);

  const saveBtn = h("button", {
    class: "btn primary",
    type: "submit",
    testid: "wl-save",
    text: "Save and publish",
  });
  const form = h(
    "form",
    { class: "form wl-form", novalidate: true, testid: "welcome-form" },
    h(
      "div",
      { class: "card section" },
      h("label", { class: "wl-check" }, enabled, " Chatcart sets these on Messenger, Instagram and WhatsApp"),
      h("p", { class: "hint" }, "Off: Chatcart pushes nothing and you manage them in Meta's tools."),
      h(
        "label",
        { class: "wl-check" },
        getStarted,
        " Messenger's Get Started button (the persistent menu needs it)",
      ),
    ),
    h(
      "div",
      { class: "card section" },
      h("h2", {}, "Messenger and Instagram"),
      h(
        "p",
        { class: "hint" },
        "Per language: shoppers see the one of their app's language, else the default.",
      ),
      tabs,
      editors.map((e) => e.node),
    ),
    h(
      "div",
      { class: "card section" },
      h("h2", {}, "WhatsApp"),
      h("p", { class: "hint" }, `One set, in the shop's default language (${locales[0]}).`),
      wa.node,
    ),
    h("div", { class: "actions" }, h("span", { class: "grow" }), saveBtn),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const next = { enabled: enabled.checked, getStarted: getStarted.checked };
    const put = (k, l, v) => {
      if (!next[k]) next[k] = {};
      next[k][l] = v;
    };
    for (const { l, collect } of editors) {
      const c = collect();
      for (const k of ["greeting", "menu", "iceBreakers"]) if (c[k] !== undefined) put(k, l, c[k]);
    }
    // a locale the shop no longer has keeps what the merchant set for it
    for (const k of ["greeting", "menu", "iceBreakers"])
      for (const [l, v] of Object.entries(w[k] || {})) if (!locales.includes(l)) put(k, l, v);
    const waOut = wa.collect();
    if (Object.keys(waOut).length) next.whatsapp = waOut;
    void saveWelcome(next, saveBtn);
  });

  const liveBox = h("div", { class: "wl-live", testid: "wl-live" });
  renderLive(liveBox, welcome);
  show(
    h(
      "div",
      { class: "head" },
      h(
        "div",
        { class: "grow" },
        h("h1", {}, "Welcome"),
        h(
          "div",
          { class: "sub" },
          "The first screen of a chat: greeting, Get Started, menu and ice breakers",
        ),
      ),
    ),
    h("div", { class: "wl-layout" }, form, liveBox),
  );
}

async function saveWelcome(next, btn) {
  setBusy(btn, true, "Saving…");
  try {
    // the latest settings, so only the welcome surfaces change
    const fresh = pickObject(await api("GET", "/api/admin/settings"), "settings") || {};
    const { version, updatedAt: _u, catalogVersion: _c, ...body } = fresh;
    body.welcome = next;
    const saved = await api("PUT", "/api/admin/settings", {
      body,
      headers: version !== undefined ? { "if-match": `"${version}"` } : {},
    });
    state.settings = pickObject(saved, "settings");
    const welcome = await api("GET", "/api/admin/welcome");
    renderWelcome(state.settings, welcome);
    const failed = Object.values(welcome?.live || {}).filter((x) => x && !x.ok).length;
    showMessage(
      failed ? "error" : "ok",
      failed
        ? `Saved, but ${failed} channel(s) did not take it: see below.`
        : "Saved and published to every channel.",
    );
  } catch (e) {
    setBusy(btn, false);
    if (isConflict(e))
      showMessage(
        "error",
        "The settings changed meanwhile: reload to see them (your edits here will be lost).",
        {
          action: { label: "Reload", testid: "reload", run: () => route() },
        },
      );
    else if (e instanceof ApiError && e.status === 400)
      showMessage("error", e.message, {
        list: (Array.isArray(e.details) ? e.details : []).map(
          (d) => `${[].concat(d?.path ?? []).join(".")}: ${str(d?.message)}`,
        ),
      });
    else reportError(e, "Could not save");
  }
}

async function pushAgain(box, btn) {
  setBusy(btn, true, "Publishing…");
  try {
    renderLive(box, await api("POST", "/api/admin/welcome"));
    showMessage("ok", "Published again.");
  } catch (e) {
    setBusy(btn, false);
    reportError(e, "Could not publish");
  }
}

/** What each channel last got (with Meta's answer), beside the editor. */
export function renderLive(box, welcome) {
  const live = welcome?.live || {};
  const surfaces = welcome?.surfaces || {};
  const push = h("button", { class: "btn small", type: "button", testid: "wl-push", text: "Publish again" });
  push.addEventListener("click", () => pushAgain(box, push));
  const cards = Object.keys(CHANNEL_NAMES).map((ch) => liveCard(ch, live[ch], surfaces[ch]));
  box.replaceChildren();
  append(box, [
    h("div", { class: "wl-live-h" }, h("h2", {}, "Live on each channel"), push),
    welcome?.enabled === false ? h("p", { class: "hint" }, "Chatcart does not set them (turned off).") : null,
    cards,
  ]);
}

function liveCard(ch, got, wanted) {
  let status = "never";
  let label = "Not published yet";
  if (got?.ok) {
    const same = wanted && canonical(got.body) === canonical(wanted);
    status = same ? "live" : "stale";
    label = same ? "Live" : "Live, older than what is set";
  } else if (got) {
    status = "failed";
    label = `Failed: ${str(got.error) || "Meta refused it"}`;
  }
  return h(
    "div",
    { class: "card wl-live-card", testid: `wl-live-${ch}`, "data-status": status },
    h(
      "div",
      { class: "wl-live-top" },
      h("b", {}, CHANNEL_NAMES[ch]),
      h("span", { class: `wl-status ${status}`, testid: `wl-status-${ch}`, text: label }),
    ),
    got?.at ? h("div", { class: "note", title: fullDate(got.at), text: `pushed ${ago(got.at)}` }) : null,
    got?.body ? summary(ch, got.body) : null,
  );
}

/** The pushed body in words: greeting, menu, ice breakers (default locale), or WhatsApp's prompts and commands. */
function summary(ch, body) {
  const lines = [];
  if (ch === "whatsapp") {
    for (const p of Array.isArray(body.prompts) ? body.prompts : []) lines.push(["Ice breaker", str(p)]);
    for (const c of Array.isArray(body.commands) ? body.commands : [])
      lines.push([`/${str(c?.command_name)}`, str(c?.command_description)]);
  } else {
    const g = entryFor(body.greeting, "")?.text;
    if (g) lines.push(["Greeting", str(g)]);
    if (body.get_started) lines.push(["Get Started", "on"]);
    const menu = entryFor(body.persistent_menu, "")?.call_to_actions || [];
    if (menu.length) lines.push(["Menu", menu.map((b) => str(b?.title)).join(" · ")]);
    for (const q of entryFor(body.ice_breakers, "")?.call_to_actions || [])
      lines.push(["Ice breaker", str(q?.question)]);
    const others = (Array.isArray(body.ice_breakers) ? body.ice_breakers : [])
      .map((e) => str(e?.locale))
      .filter((l) => l && l !== "default");
    if (others.length)
      lines.push([
        "Languages",
        others.map((l) => Object.keys(META_LOCALES).find((k) => META_LOCALES[k] === l) || l).join(", "),
      ]);
  }
  return h(
    "dl",
    { class: "wl-sum" },
    lines.map(([k, v]) => [h("dt", { text: k }), h("dd", { dir: "auto", text: v })]),
  );
}
