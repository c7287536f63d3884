import { ApiError } from "../common/api.js";
import { h, safeUrl, str } from "../common/dom.js";
import { formatMoney, fractionDigits, toMajor, toMinor } from "../common/money.js";
import { api, enc, isConflict, pickObject, reportError } from "./api.js";
import { ID_PATTERN, LOCALES } from "./config.js";
import * as editor from "./editor.js";
import { datalist, field, input, localeAttrs, splitList, textarea } from "./form.js";
import { productPatch } from "./productPatch.js";
import { go, route } from "./router.js";
import { updateCounts } from "./signin.js";
import { state } from "./state.js";
import { showMessage } from "./toast.js";
import { firstText, setBusy } from "./ui.js";

// ---------------------------------------------------------------- products: editor
export function productKeyOf(parts) {
  const [a, b] = parts[0] === "product" || parts[0] === "body" ? parts.slice(1) : parts;
  if (!a) return null;
  if (a === "title" || a === "description") return LOCALES.includes(b) ? `${a}-${b}` : `${a}-en`;
  if (a === "price") return b === "currency" ? "currency" : "price";
  if (a === "attributes") return b === "size" ? "size" : "color";
  const simple = ["id", "stock", "category", "tags", "groupId", "brand", "imageUrl"];
  return simple.includes(a) ? a : null;
}
const PRODUCT = { plural: "products", noun: "product", key: "product" };

export async function productEditor(id, seq) {
  const product = await editor.loadItem(PRODUCT, id, seq, dropProduct);
  if (product !== undefined) renderProductForm(product);
}
export function dropProduct(id) {
  if (state.products) state.products = state.products.filter((p) => p.id !== id);
  updateCounts();
}
export function keepProduct(p) {
  if (!state.products) return;
  const i = state.products.findIndex((x) => x.id === p.id);
  if (i >= 0) state.products[i] = p;
  else state.products.push(p);
  updateCounts();
}
export function renderProductForm(product) {
  const isNew = !product;
  const p = product || {
    id: "",
    title: {},
    description: {},
    price: { amount: 0, currency: str(state.settings?.currency) || "USD" },
    stock: 0,
    category: "",
    tags: [],
    attributes: {},
  };
  let version = typeof p.version === "number" ? p.version : undefined;
  const all = state.products || [];
  const c = {
    id: input(p.id, { readonly: !isNew, autocapitalize: "characters", spellcheck: "false", required: true }),
    price: input(isNew ? "" : toMajor(p.price), {
      inputmode: "decimal",
      placeholder: "19.99",
      required: true,
    }),
    currency: input(str(p.price?.currency) || "USD", {
      maxlength: 3,
      autocapitalize: "characters",
      spellcheck: "false",
      class: "input currency-input",
      "aria-label": "Currency (ISO 4217)",
    }),
    stock: input(isNew ? "0" : str(p.stock), { type: "number", inputmode: "numeric", min: 0, step: 1 }),
    category: input(p.category, { list: "dl-categories" }),
    brand: input(p.brand, { list: "dl-brands" }),
    groupId: input(p.groupId, { spellcheck: "false" }),
    tags: input(Array.isArray(p.tags) ? p.tags.join(", ") : "", { placeholder: "cotton, summer" }),
    color: input(p.attributes?.color, { placeholder: "red" }),
    size: input(p.attributes?.size, { placeholder: "M" }),
    imageUrl: input(p.imageUrl, {
      type: "url",
      inputmode: "url",
      spellcheck: "false",
      placeholder: "https://…",
    }),
  };
  const priceNote = h("span");
  const updatePriceNote = () => {
    const cur = c.currency.value.trim().toUpperCase();
    const minor = toMinor(c.price.value, cur);
    priceNote.textContent =
      c.price.value.trim() === ""
        ? `In ${cur || "the currency's"} major units, e.g. 19.99`
        : minor === null
          ? `Not a price in ${cur}: use up to ${fractionDigits(cur)} decimals`
          : `Shoppers see ${formatMoney({ amount: minor, currency: cur || "USD" })}`;
  };
  c.price.addEventListener("input", updatePriceNote);
  c.currency.addEventListener("input", updatePriceNote);
  updatePriceNote();

  const preview = h("div", { class: "preview" });
  const updatePreview = () => {
    const url = safeUrl(c.imageUrl.value);
    preview.replaceChildren();
    if (url) {
      const img = h("img", { alt: "Image preview", referrerpolicy: "no-referrer" });
      img.addEventListener("error", () => {
        preview.replaceChildren(h("span", { class: "note" }, "This image does not load."));
      });
      img.src = url;
      preview.append(img);
    }
  };
  c.imageUrl.addEventListener("change", updatePreview);
  updatePreview();

  const titles = {};
  const descriptions = {};
  const locBlocks = LOCALES.map((l) => {
    titles[l] = input(p.title?.[l], localeAttrs(l));
    descriptions[l] = textarea(p.description?.[l], { ...localeAttrs(l), rows: 3 });
    return editor.localeBlock(l, titles[l], "✓ translated", [
      field(`title-${l}`, "Title", titles[l], { w: "w12" }),
      field(`description-${l}`, "Description", descriptions[l], { w: "w12" }),
    ]);
  });

  const controls = editor.editorControls(isNew, () => version);
  const { saveBtn, delBtn, verEl, showVersion } = controls;
  const heading = h("h1", { dir: "auto" }, isNew ? "New product" : firstText(p.title) || str(p.id));

  const form = h(
    "form",
    { class: "form", novalidate: true, "data-testid": "product-form" },
    editor.section(
      "Basics",
      "The id is the retailer id of your Meta catalog (content id on WhatsApp).",
      h(
        "div",
        { class: "grid" },
        field("id", "Product id", c.id, {
          w: "w8",
          note: isNew ? "Letters, digits, '.', '_' and '-'; it cannot be changed later." : null,
        }),
        field("price", "Price", c.price, {
          w: "w4",
          wrap: (ctl) => h("div", { class: "price-wrap" }, ctl, c.currency),
          note: priceNote,
          extra: h("div", { class: "ferr", id: "e-currency", testid: "error-currency" }),
        }),
        field("stock", "Stock", c.stock, { w: "half w4" }),
        field("category", "Category", c.category, { w: "half w4" }),
        field("brand", "Brand", c.brand, { w: "w4" }),
      ),
    ),
    editor.section(
      "Titles and descriptions",
      "Shoppers see their own language; a missing one falls back to the shop's default.",
      h("div", { class: "locales" }, locBlocks),
    ),
    editor.section(
      "Details",
      "Attributes help the bot match questions like “do you have it in red, size M?”.",
      h(
        "div",
        { class: "grid" },
        field("tags", "Tags", c.tags, { w: "w12", note: "Separate with commas." }),
        field("color", "Color", c.color, { w: "half w3" }),
        field("size", "Size", c.size, { w: "half w3" }),
        field("groupId", "Group id (variants)", c.groupId, {
          w: "w6",
          note: "Variants of one item share it.",
          extra: p.groupId
            ? h(
                "a",
                { href: `#/products/group/${encodeURIComponent(p.groupId)}`, testid: "edit-group" },
                "Edit all variants together",
              )
            : null,
        }),
        field("imageUrl", "Image URL", c.imageUrl, { w: "w12" }),
      ),
      preview,
    ),
    editor.editorActions(PRODUCT, controls),
    datalist(
      "dl-categories",
      all.map((x) => str(x.category)),
    ),
    datalist(
      "dl-brands",
      all.map((x) => str(x.brand)),
    ),
  );
  c.currency.id = "f-currency";
  c.currency.dataset.testid = "field-currency";

  const collect = () => {
    const errors = [];
    const id = c.id.value.trim();
    const currency = c.currency.value.trim().toUpperCase();
    if (!id) errors.push(["id", "Give the product an id."]);
    else if (!ID_PATTERN.test(id)) errors.push(["id", "Use up to 100 letters, digits, '.', '_' or '-'."]);
    const title = {};
    const description = {};
    for (const l of LOCALES) {
      const t = titles[l].value.trim();
      const d = descriptions[l].value.trim();
      if (t) title[l] = t;
      if (d) description[l] = d;
    }
    if (!Object.keys(title).length)
      errors.push(["title-en", "Give the product a title (at least one language)."]);
    if (!/^[A-Z]{3}$/.test(currency)) errors.push(["currency", "Use a 3-letter currency code, e.g. USD."]);
    const amount = toMinor(c.price.value, currency);
    if (c.price.value.trim() === "") errors.push(["price", "Enter a price."]);
    else if (amount === null)
      errors.push(["price", `Enter the price like 19.99 (up to ${fractionDigits(currency)} decimals).`]);
    const stockText = c.stock.value.trim();
    const stock = Number(stockText);
    if (stockText === "" || !Number.isInteger(stock) || stock < 0)
      errors.push(["stock", "Stock is a whole number, 0 or more."]);
    const imageUrl = c.imageUrl.value.trim();
    if (imageUrl && !safeUrl(imageUrl)) errors.push(["imageUrl", "Use a full http(s):// address."]);
    // Start from what the API gave us, so fields this form does not edit (rating, other attributes) survive.
    const { version: _v, updatedAt: _u, ...base } = product || {};
    const attributes = { ...(base.attributes || {}) };
    for (const k of ["color", "size"]) {
      const v = c[k].value.trim();
      if (v) attributes[k] = v;
      else delete attributes[k];
    }
    const body = {
      ...base,
      id,
      title,
      price: { amount: amount ?? 0, currency },
      stock,
      category: c.category.value.trim(),
      tags: splitList(c.tags.value),
      attributes,
    };
    if (Object.keys(description).length) body.description = description;
    else delete body.description;
    for (const k of ["groupId", "brand", "imageUrl"]) {
      const v = c[k].value.trim();
      if (v) body[k] = v;
      else delete body[k];
    }
    return { body, errors };
  };

  const path = (id) => editor.itemPath(PRODUCT, id);
  /**
   * Only the fields the merchant changed (web/admin/productPatch.js); undefined when nothing changed. A server
   * without PATCH on products (405) gets the whole product as before.
   */
  const saveEdits = async (body, headers) => {
    const patch = productPatch(product, body);
    if (!patch) return undefined;
    try {
      return await api("PATCH", path(product.id), { body: patch, headers });
    } catch (e) {
      if (e instanceof ApiError && e.status === 405) return api("PUT", path(body.id), { body, headers });
      throw e;
    }
  };

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = editor.collectValid(form, collect);
    if (!body) return;
    const headers = isNew ? {} : editor.ifMatch(version);
    setBusy(saveBtn, true, "Saving…");
    try {
      const open = {
        label: "Open it",
        testid: "open-existing",
        run: () => go(`#/products/edit/${enc(body.id)}`),
      };
      const taken = `There is already a product “${body.id}”.`;
      if (
        isNew &&
        (await editor.idTaken(PRODUCT, form, body.id, "A product with this id exists already.", taken, {
          action: open,
        }))
      )
        return;
      const data = isNew
        ? await api("PUT", path(body.id), { body, headers })
        : await saveEdits(body, headers);
      if (data === undefined) {
        showMessage("info", "Nothing changed: there is nothing to save.");
        return;
      }
      const saved = { ...body, ...(pickObject(data, "product") || {}) };
      version = typeof saved.version === "number" ? saved.version : version;
      product = saved;
      keepProduct(saved);
      showVersion();
      heading.textContent = firstText(saved.title) || saved.id;
      showMessage("ok", `Saved “${firstText(saved.title) || saved.id}”.`);
      if (isNew) editor.reopenSaved(PRODUCT, saved, renderProductForm);
    } catch (e) {
      editor.reportSaveError(e, form, "product", productKeyOf);
    } finally {
      setBusy(saveBtn, false);
    }
  });

  const name = firstText(p.title) || p.id;
  editor.onDelete(PRODUCT, delBtn, {
    id: p.id,
    version: () => version,
    confirm: [
      "Delete this product?",
      `“${name}” (${p.id}) will be removed from the shop. Shoppers can no longer find or buy it.`,
    ],
    done: () => {
      dropProduct(p.id);
      showMessage("ok", `Deleted “${name}”.`);
    },
    failed: (e) => {
      if (isConflict(e))
        showMessage("error", "This product was changed by someone else — reload before deleting it.", {
          action: { label: "Reload", testid: "reload", run: () => route() },
        });
      else reportError(e, "Could not delete");
    },
  });

  editor.showEditor(PRODUCT, "Products", heading, verEl, form);
  if (isNew) c.id.focus();
}
