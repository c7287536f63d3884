import { ApiError } from "../common/api.js";
import { h, str } from "../common/dom.js";
import { toMajor, toMinor } from "../common/money.js";
import { api, enc, reportError } from "./api.js";
import { LOCALE_NAMES, LOCALES } from "./config.js";
import {
  clearFieldErrors,
  field,
  input,
  invalidText,
  localeAttrs,
  showDetails,
  splitList,
  textarea,
} from "./form.js";
import { current, loadingScreen, route, show } from "./router.js";
import { fieldKeyOf } from "./settings.js";
import { state } from "./state.js";
import { hideMessage, showMessage } from "./toast.js";
import { icon, setBusy } from "./ui.js";

// ---------------------------------------------------------------- products: variants edited as one
// `GET|PUT /api/admin/product-groups/{groupId}` (docs/interface.md): the shared fields once, price, stock, colour
// and size per variant. Only what the merchant changed is sent; a stock edit carries the stock the form showed
// (`stockExpected`), so a sale meanwhile is a 412 instead of a lost update.

const SHARED_TEXTS = ["title", "description"];

function sharedFields(g) {
  const s = g.shared || {};
  const locales = (state.settings?.locales?.length ? state.settings.locales : LOCALES).filter((l) =>
    LOCALES.includes(l),
  );
  const out = [];
  for (const name of SHARED_TEXTS)
    for (const l of locales) {
      const ctl =
        name === "title"
          ? input(s[name]?.[l], localeAttrs(l))
          : textarea(s[name]?.[l], { rows: 2, ...localeAttrs(l) });
      out.push(
        field(
          `shared.${name}.${l}`,
          `${name === "title" ? "Title" : "Description"} · ${LOCALE_NAMES[l]}`,
          ctl,
          { w: name === "title" ? "w6" : "w12" },
        ),
      );
    }
  out.push(field("shared.category", "Category", input(s.category), { w: "w6" }));
  out.push(field("shared.brand", "Brand", input(s.brand), { w: "w6" }));
  out.push(
    field("shared.tags", "Tags", input((s.tags || []).join(", ")), {
      w: "w12",
      note: "Separate with commas.",
    }),
  );
  return { out, locales };
}

function variantRow(v, i) {
  const cell = (key, label, ctl) => field(`variants.${i}.${key}`, label, ctl, { w: "w3" });
  return h(
    "div",
    { class: "grid vrow", testid: "group-variant", "data-id": str(v.id) },
    h("div", { class: "f w12 mono" }, h("b", {}, str(v.id))),
    cell("color", "Colour", input(v.color ?? v.attributes?.color)),
    cell("size", "Size", input(v.size ?? v.attributes?.size)),
    cell("price", `Price (${str(v.price?.currency)})`, input(toMajor(v.price), { inputmode: "decimal" })),
    cell("stock", "Stock", input(String(v.stock ?? 0), { type: "number", min: 0 })),
  );
}

/** The PUT body: the shared fields and variant fields the merchant changed; `errors` for unreadable ones. */
function collect(form, g, locales) {
  const v = (key) => form.querySelector(`#f-${CSS.escape(key)}`).value.trim();
  const s = g.shared || {};
  const shared = {};
  const errors = [];
  for (const name of SHARED_TEXTS) {
    const next = { ...(s[name] || {}) };
    let changed = false;
    for (const l of locales) {
      const t = v(`shared.${name}.${l}`);
      if (t !== str(s[name]?.[l])) {
        changed = true;
        if (t) next[l] = t;
        else delete next[l];
      }
    }
    if (changed) shared[name] = next;
  }
  if (v("shared.category") !== str(s.category)) shared.category = v("shared.category");
  if (v("shared.brand") !== str(s.brand)) shared.brand = v("shared.brand") || undefined;
  const tags = splitList(v("shared.tags"));
  if (tags.join(",") !== (s.tags || []).join(",")) shared.tags = tags;
  const variants = [];
  g.variants.forEach((vr, i) => {
    const out = { id: vr.id, version: vr.version };
    let changed = false;
    for (const k of ["color", "size"]) {
      const t = v(`variants.${i}.${k}`);
      if (t !== str(vr[k] ?? vr.attributes?.[k])) {
        out[k] = t;
        changed = true;
      }
    }
    const priceText = v(`variants.${i}.price`);
    if (priceText !== toMajor(vr.price)) {
      const amount = toMinor(priceText, str(vr.price?.currency));
      if (amount === null) errors.push([`variants.${i}.price`, "Enter a price like 19.99."]);
      else out.price = { amount, currency: vr.price.currency };
      changed = true;
    }
    const stockText = v(`variants.${i}.stock`);
    if (stockText !== String(vr.stock ?? 0)) {
      const n = Number(stockText);
      if (!stockText || !Number.isInteger(n) || n < 0)
        errors.push([`variants.${i}.stock`, "Enter a whole number."]);
      else Object.assign(out, { stock: n, stockExpected: vr.stock ?? 0 });
      changed = true;
    }
    if (changed) variants.push(out);
  });
  const body = { variants };
  if (Object.keys(shared).length) body.shared = shared;
  return { body, errors, empty: !variants.length && !body.shared };
}

export async function productGroupEditor(groupId, seq) {
  loadingScreen("Loading the variants…");
  let g;
  try {
    g = await api("GET", `/api/admin/product-groups/${enc(groupId)}`);
  } catch (e) {
    if (current(seq)) reportError(e, "Could not load the product group");
    return;
  }
  if (!current(seq)) return;
  const { out, locales } = sharedFields(g);
  const saveBtn = h(
    "button",
    { class: "btn primary", type: "submit", testid: "group-save" },
    "Save all variants",
  );
  const variants = Array.isArray(g.variants) ? g.variants : [];
  g.variants = variants;
  const differs =
    Array.isArray(g.differs) && g.differs.length
      ? `These differ between the variants today: ${g.differs.join(", ")} (the first variant's are shown; saving one sets it on all).`
      : "";
  const form = h(
    "form",
    { class: "card section", novalidate: true, testid: "group-form" },
    h("h3", {}, "Shared by every variant"),
    differs ? h("p", { class: "hint", testid: "group-differs" }, differs) : null,
    h("div", { class: "grid" }, out),
    h("h3", {}, `Variants (${variants.length})`),
    variants.map(variantRow),
    h("div", { class: "row" }, saveBtn),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    hideMessage();
    const { body, errors, empty } = collect(form, g, locales);
    if (errors.length) {
      showDetails(
        form,
        errors.map(([path, message]) => ({ path, message })),
        (p) => fieldKeyOf(form, p),
      );
      showMessage("error", "Please fix the highlighted fields.");
      return;
    }
    if (empty) return showMessage("info", "Nothing changed.");
    setBusy(saveBtn, true, "Saving…");
    try {
      await api("PUT", `/api/admin/product-groups/${enc(groupId)}`, { body });
      state.products = null;
      if (!current(seq)) return;
      showMessage("ok", `Saved ${body.variants.length || variants.length} variant(s) of ${groupId}.`);
      route();
    } catch (err) {
      setBusy(saveBtn, false);
      if (err instanceof ApiError && err.status === 412)
        showMessage("error", `${err.message} Reload to see the variants as they are now.`, {
          action: { label: "Reload", testid: "reload", run: () => route() },
        });
      else if (err instanceof ApiError && err.status === 400) {
        const loose = showDetails(form, err.details, (p) => fieldKeyOf(form, p));
        showMessage("error", invalidText(err, form), { list: loose });
      } else reportError(err, "Could not save");
    }
  });
  show(
    h("a", { class: "back", href: "#/products", testid: "back" }, icon("back"), "All products"),
    h(
      "div",
      { class: "head" },
      h("h1", { class: "mono", "data-testid": "group-title" }, str(g.groupId || groupId)),
    ),
    form,
  );
}
