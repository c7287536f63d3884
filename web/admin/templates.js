import { ApiError } from "../common/api.js";
import { h, str } from "../common/dom.js";
import { api, pickArray, reportError } from "./api.js";
import { fullDate } from "./format.js";
import { current, route, show } from "./router.js";
import { showMessage } from "./toast.js";
import { icon } from "./ui.js";

// ---------------------------------------------------------------- WhatsApp templates (issue 12)
/**
 * `GET /api/admin/templates` (docs/interface.md): the shop's templates synced from Graph with their status and
 * purpose, and per purpose and locale which template serves it (`MISSING`: none). "Submit missing" is
 * `POST /api/admin/templates` `{}`.
 */
const PATH = "/api/admin/templates";
const PURPOSES = {
  order_confirmed: "Order confirmed",
  order_shipped: "Order shipped",
  order_delivered: "Order delivered",
  order_cancelled: "Order cancelled",
  rating_request: "Rating request",
  agent_follow_up: "Agent follow-up",
};
const purposeLabel = (p) => PURPOSES[p] || str(p).replace(/_/g, " ");
const statusClass = (s) =>
  s === "APPROVED" ? "ok" : s === "MISSING" || s === "REJECTED" || s === "DISABLED" ? "bad" : "warn";
const chip = (s, testid) =>
  h("span", { class: `tstat ${statusClass(s)}`, "data-testid": testid, "data-status": s }, s.toLowerCase());

export async function templatesView(seq) {
  show(
    h(
      "div",
      { class: "card loading" },
      h("span", { class: "spin", "aria-hidden": "true" }),
      "Loading templates…",
    ),
  );
  let data;
  try {
    data = await api("GET", PATH);
  } catch (e) {
    if (!current(seq)) return;
    const off = e instanceof ApiError && e.code === "templates.not_configured";
    if (!off) reportError(e, "Could not load the templates");
    show(
      head(null),
      h(
        "div",
        { class: "card empty", testid: "templates-unavailable" },
        h("b", {}, off ? "WhatsApp templates are not set up" : "Templates are not available right now"),
        off ? str(e.message) : "",
      ),
    );
    return;
  }
  if (current(seq)) renderTemplates(data);
}

function head(data) {
  const lacking = data ? missingPurposes(data) : [];
  const submit = h(
    "button",
    {
      class: lacking.length ? "btn primary" : "btn",
      type: "button",
      testid: "templates-submit-missing",
      onclick: (e) => submitMissing(e.currentTarget),
    },
    "Submit missing",
  );
  if (!data) submit.disabled = true;
  return h(
    "div",
    { class: "head" },
    h(
      "div",
      { class: "grow" },
      h("h1", {}, "Templates"),
      h(
        "div",
        { class: "sub" },
        "WhatsApp message templates: how order updates reach a shopper more than 24 h after their last message",
        data?.syncedAt ? ` · synced ${fullDate(data.syncedAt)}` : "",
      ),
    ),
    h(
      "button",
      { class: "btn", type: "button", testid: "templates-refresh", onclick: () => route() },
      icon("refresh"),
      "Refresh",
    ),
    submit,
  );
}

/** Purposes with a locale whose template is not approved: `[{purpose, locales: [{locale, status}]}]`. */
export function missingPurposes(data) {
  return pickArray(data?.purposes, [])
    .map((p) => ({
      purpose: str(p?.purpose),
      locales: pickArray(p?.locales, []).filter((l) => str(l?.status) !== "APPROVED"),
    }))
    .filter((p) => p.locales.length);
}

function renderTemplates(data) {
  const lacking = missingPurposes(data);
  const coverage = h(
    "section",
    { class: "card section tsec", testid: "templates-coverage" },
    h("h3", {}, "What each purpose uses"),
    lacking.length
      ? h(
          "p",
          { class: "tmissing", "data-testid": "templates-missing" },
          `Without an approved template: ${lacking
            .map((p) => `${purposeLabel(p.purpose)} (${p.locales.map((l) => str(l.locale)).join(", ")})`)
            .join("; ")}. Those messages are not sent after the 24 h window.`,
        )
      : h(
          "p",
          { class: "sub", "data-testid": "templates-missing" },
          "Every purpose has an approved template in every language.",
        ),
    h(
      "table",
      { class: "ttable" },
      h("thead", {}, h("tr", {}, h("th", {}, "Purpose"), h("th", {}, "Languages"))),
      h(
        "tbody",
        {},
        pickArray(data?.purposes, []).map((p) =>
          h(
            "tr",
            { testid: "template-purpose", "data-purpose": str(p?.purpose) },
            h("td", {}, purposeLabel(str(p?.purpose))),
            h(
              "td",
              { class: "tlocs" },
              pickArray(p?.locales, []).map((l) =>
                h(
                  "span",
                  { class: "tloc", title: `${str(l?.name)} · ${str(l?.language)}` },
                  `${str(l?.locale)} `,
                  chip(str(l?.status) || "MISSING", "template-purpose-status"),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  const templates = pickArray(data?.templates, []);
  const list = h(
    "section",
    { class: "card section tsec", testid: "templates-list" },
    h("h3", {}, `The shop's templates (${templates.length})`),
    templates.length
      ? h(
          "table",
          { class: "ttable" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", {}, "Name"),
              h("th", {}, "Language"),
              h("th", {}, "Category"),
              h("th", {}, "Purpose"),
              h("th", {}, "Status"),
            ),
          ),
          h(
            "tbody",
            {},
            templates.map((t) =>
              h(
                "tr",
                { testid: "template-row", "data-name": str(t?.name), "data-language": str(t?.language) },
                h("td", { class: "mono" }, str(t?.name)),
                h("td", {}, str(t?.language)),
                h("td", {}, str(t?.category).toLowerCase()),
                h("td", {}, t?.purpose ? purposeLabel(str(t.purpose)) : "—"),
                h("td", {}, chip(str(t?.status) || "PENDING", "template-status")),
              ),
            ),
          ),
        )
      : h("p", { class: "sub" }, "No templates yet: “Submit missing” sends Chatcart's to Meta for review."),
  );
  show(head(data), coverage, list);
}

async function submitMissing(button) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    const data = await api("POST", PATH, { body: {} });
    const n = pickArray(data?.submitted, []).length;
    showMessage(
      "ok",
      n
        ? `Submitted ${n} template${n === 1 ? "" : "s"} to Meta for review.`
        : "Nothing to submit: every purpose has a template.",
    );
    renderTemplates(data);
  } catch (e) {
    reportError(e, "Could not submit the templates");
    button.disabled = false;
  } finally {
    button.removeAttribute("aria-busy");
  }
}
