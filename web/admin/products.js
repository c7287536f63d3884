import { append, h, str } from "../common/dom.js";
import { formatMoney } from "../common/money.js";
import { enc } from "./api.js";
import { PAGE_SIZE } from "./config.js";
import { bulkBar, selectAllBox, selectBox, syncChecks } from "./productBulk.js";
import { loadScreen, show } from "./router.js";
import { loadProducts } from "./signin.js";
import { state } from "./state.js";
import { emptyNote, firstText, icon, searchBox, thumb } from "./ui.js";

// ---------------------------------------------------------------- products: list
export function productMatches(p, q) {
  if (!q) return true;
  if (str(p.id).toLowerCase().includes(q)) return true;
  const titles = p.title && typeof p.title === "object" ? Object.values(p.title) : [];
  return titles.some((t) => str(t).toLowerCase().includes(q));
}
export function stockBadge(n) {
  const stock = typeof n === "number" ? n : 0;
  const cls = stock <= 0 ? "stock out" : stock <= 5 ? "stock low" : "stock";
  return h("span", { class: cls }, stock <= 0 ? "Sold out" : `${stock} in stock`);
}
export async function productList(seq) {
  if (!state.products && !(await loadScreen(seq, "products", loadProducts))) return;
  const search = searchBox(
    "productSearch",
    () => {
      state.showAll = false;
      refill();
    },
    {
      testid: "product-search",
      placeholder: "Search by id or title",
      "aria-label": "Search products by id or title",
      enterkeyhint: "search",
    },
  );
  const count = h("span", { class: "sub", "data-testid": "product-count" });
  const listBox = h("div", { class: "card list", role: "list", "aria-label": "Products" });
  const barBox = h("div", { class: "bulkwrap" });
  const sync = () => {
    barBox.replaceChildren(bulkBar(sync) ?? "");
    syncChecks(listBox);
  };
  const refill = () => {
    const q = state.productSearch.trim().toLowerCase();
    const all = state.products || [];
    const found = all.filter((p) => productMatches(p, q));
    const shown = state.showAll ? found : found.slice(0, PAGE_SIZE);
    count.textContent = q ? `${found.length} of ${all.length}` : `${all.length} products`;
    if (!found.length) {
      listBox.replaceChildren(
        emptyNote(
          q ? "No product matches your search" : "No products yet",
          q ? "Try part of the id or of a title." : "Add one, or import your Meta catalog feed.",
        ),
      );
      sync();
      return;
    }
    listBox.replaceChildren();
    append(listBox, [
      h(
        "div",
        { class: "pline phead" },
        selectAllBox(
          shown.map((p) => str(p.id)),
          sync,
        ),
        h(
          "div",
          { class: "lhead", "aria-hidden": "true" },
          h("span", {}),
          h("span", {}, "Product"),
          h("span", {}, "Category"),
          h("span", { class: "num" }, "Price"),
          h("span", { class: "num" }, "Stock"),
        ),
      ),
      shown.map((p) =>
        h(
          "div",
          { class: "pline", role: "listitem" },
          selectBox(str(p.id), str(p.title?.en) || firstText(p.title), sync),
          productRow(p),
        ),
      ),
      found.length > shown.length
        ? h(
            "div",
            { class: "more" },
            h("button", {
              class: "btn small",
              type: "button",
              text: `Show all ${found.length}`,
              onclick: () => {
                state.showAll = true;
                refill();
              },
            }),
          )
        : null,
    ]);
    sync();
  };
  refill();
  show(
    h(
      "div",
      { class: "head" },
      h("h1", {}, "Products"),
      count,
      h("span", { class: "grow" }),
      h("label", { class: "search" }, icon("search"), search),
      h(
        "a",
        { class: "btn primary", href: "#/products/new", testid: "new-product" },
        icon("plus"),
        "New product",
      ),
    ),
    barBox,
    listBox,
  );
}
export function productRow(p) {
  const title = str(p.title?.en) || firstText(p.title);
  return h(
    "a",
    {
      class: "prow",
      href: `#/products/edit/${enc(str(p.id))}`,
      testid: "product-row",
      "data-id": str(p.id),
    },
    thumb(p),
    h(
      "span",
      { class: "pmain" },
      h(
        "span",
        { class: title ? "ptitle" : "ptitle none", dir: "auto", "data-testid": "product-title" },
        title || "No title",
      ),
      h("span", { class: "pid", "data-testid": "product-id" }, str(p.id)),
    ),
    h("span", { class: "pcat" }, str(p.category)),
    h("span", { class: "pprice num", "data-testid": "product-price" }, formatMoney(p.price)),
    h("span", { class: "pstock", "data-testid": "product-stock" }, stockBadge(p.stock)),
  );
}
