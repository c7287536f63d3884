import { ApiError } from "../common/api.js";
import { h, str } from "../common/dom.js";
import { formatMoney } from "../common/money.js";
import { analyticsNote } from "./analyticsNote.js";
import { api, pickArray, reportError } from "./api.js";
import { current, currentSeq, reloadScreen, show } from "./router.js";
import { state } from "./state.js";
import { hideMessage, showMessage } from "./toast.js";
import { setBusy } from "./ui.js";

// ---------------------------------------------------------------- analytics
// The funnel of GET /api/admin/analytics (lib/analytics/report.ts): counts per traffic source and UTC day.
export const FUNNEL = [
  ["conversations", "Conversations"],
  ["productViews", "Product views"],
  ["addToCart", "Add to cart"],
  ["checkouts", "Checkouts"],
  ["orders", "Orders"],
  ["revenue", "Revenue"],
  ["handovers", "Handovers"],
];
// the step each count is a share of (lib/analytics/report.ts `Rates`)
export const STEP_OF = { addToCart: "productViews", checkouts: "addToCart", orders: "checkouts" };
export const CHART_SERIES = [
  ["conversations", "Conversations", "#818cf8"],
  ["addToCart", "Add to cart", "#f59e0b"],
  ["orders", "Orders", "#16a34a"],
];
export const SVG_NS = "http://www.w3.org/2000/svg";
export function num(v) {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}
export function countText(n) {
  return new Intl.NumberFormat().format(num(n));
}
export function percent(n, d) {
  return num(d) > 0
    ? new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 }).format(num(n) / num(d))
    : "—";
}
export function eventText(key, value, currency) {
  return key === "revenue" ? formatMoney({ amount: num(value), currency }) : countText(value);
}
export function dayLabel(day, opts = { month: "short", day: "numeric" }) {
  const t = Date.parse(`${str(day)}T00:00:00Z`);
  return Number.isFinite(t)
    ? new Intl.DateTimeFormat(undefined, { ...opts, timeZone: "UTC" }).format(t)
    : str(day);
}
/** `ad:123` → "Ad 123" … (source keys: lib/store/funnel.ts `sourceKey`). */
export function sourceLabel(key) {
  const k = str(key);
  if (k === "organic") return "Organic (no referral)";
  const i = k.indexOf(":");
  const kind = i < 0 ? k : k.slice(0, i);
  const rest = i < 0 ? "" : k.slice(i + 1);
  if (kind === "ad") return `Ad ${rest}`;
  if (kind === "post") return `Post ${rest}`;
  if (kind === "ref") return `Link · ${rest}`;
  if (kind === "messenger" || kind === "whatsapp")
    return `${kind === "messenger" ? "Messenger" : "WhatsApp"} · ${rest.replace(/_/g, " ").toLowerCase()}`;
  return k;
}
export function todayUtc() {
  return new Date().toISOString().slice(0, 10);
}
export async function loadAnalytics() {
  const q = new URLSearchParams();
  if (state.analyticsRange.from) q.set("from", state.analyticsRange.from);
  if (state.analyticsRange.to) q.set("to", state.analyticsRange.to);
  const qs = q.toString();
  const data = await api("GET", `/api/admin/analytics${qs ? `?${qs}` : ""}`);
  state.analytics = data && typeof data === "object" ? data : null;
  if (state.analytics) state.analyticsRange = { from: str(data.from), to: str(data.to) };
  return state.analytics;
}
export function analyticsError(e) {
  if (e instanceof ApiError && e.status === 400 && Array.isArray(e.details))
    showMessage("error", e.message, {
      list: e.details.map(
        (d) =>
          `${str(d?.path) === "from" ? "From" : str(d?.path) === "to" ? "To" : str(d?.path)}: ${str(d?.message)}`,
      ),
    });
  else reportError(e, "Could not load the analytics");
}
export async function analyticsView(seq) {
  if (await reloadScreen(seq, "analytics", "analytics", loadAnalytics, analyticsError)) renderAnalytics();
}
export function renderAnalytics() {
  const data = state.analytics;
  const currency = str(data.currency) || "USD";
  const sources = pickArray(data.sources, []);
  if (state.analyticsSource && !sources.some((s) => s.source === state.analyticsSource))
    state.analyticsSource = "";

  const from = h("input", {
    class: "input",
    type: "date",
    id: "a-from",
    testid: "analytics-from",
    value: str(data.from),
    max: todayUtc(),
    required: true,
  });
  const to = h("input", {
    class: "input",
    type: "date",
    id: "a-to",
    testid: "analytics-to",
    value: str(data.to),
    required: true,
  });
  const source = h(
    "select",
    { class: "select", id: "a-source", testid: "analytics-source" },
    h("option", { value: "" }, `All sources (${sources.length})`),
    sources.map((s) => h("option", { value: str(s.source) }, sourceLabel(s.source))),
  );
  source.value = state.analyticsSource;
  const apply = h(
    "button",
    { class: "btn primary apply", type: "submit", testid: "analytics-apply" },
    "Show",
  );
  const form = h(
    "form",
    { class: "card afilters", novalidate: true, "aria-label": "Days and source" },
    h("div", { class: "f" }, h("label", { for: "a-from" }, "From"), from),
    h("div", { class: "f" }, h("label", { for: "a-to" }, "To"), to),
    h("div", { class: "f src" }, h("label", { for: "a-source" }, "Source"), source),
    apply,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!from.value || !to.value) {
      showMessage("error", "Pick both days, From and To.");
      return;
    }
    const before = state.analyticsRange;
    state.analyticsRange = { from: from.value, to: to.value };
    setBusy(apply, true, "Loading…");
    const seq = currentSeq();
    try {
      await loadAnalytics();
      hideMessage();
    } catch (err) {
      state.analyticsRange = before;
      setBusy(apply, false);
      analyticsError(err);
      return;
    }
    if (current(seq) && state.route.tab === "analytics") renderAnalytics();
  });
  const focus = h("div");
  const fillFocus = () => {
    const picked = sources.find((s) => s.source === state.analyticsSource);
    focus.replaceChildren(
      analyticsTotals(
        picked ? picked.totals : data.totals,
        currency,
        picked ? sourceLabel(picked.source) : "All sources",
      ),
      analyticsNote(data.note, picked ? picked.totals : data.totals, currency),
      analyticsChart(data, picked),
    );
    for (const row of document.querySelectorAll('[data-testid="analytics-source-row"]'))
      row.setAttribute("aria-selected", String(row.dataset.source === state.analyticsSource));
  };
  const pick = (key) => {
    state.analyticsSource = key;
    source.value = key;
    fillFocus();
  };
  source.addEventListener("change", () => pick(source.value));
  show(
    h(
      "div",
      { class: "head" },
      h(
        "div",
        { class: "grow" },
        h("h1", {}, "Analytics"),
        h(
          "div",
          { class: "sub" },
          "The funnel per traffic source, by day (UTC). A shopper counts for their latest referral.",
        ),
      ),
    ),
    form,
    focus,
    analyticsSources(data, sources, currency, pick),
  );
  fillFocus();
}
export function analyticsTotals(totals, currency, title) {
  const t = totals && typeof totals === "object" ? totals : {};
  return h(
    "section",
    { class: "card acard", "aria-label": `Totals: ${title}` },
    h("h2", { testid: "analytics-totals-title" }, title),
    h(
      "div",
      { class: "totals" },
      FUNNEL.map(([key, label]) =>
        h(
          "div",
          { class: `stat${key === "orders" && num(t.orders) > 0 ? " good" : ""}` },
          h("b", { testid: `analytics-total-${key}` }, eventText(key, t[key], currency)),
          h("span", {}, label),
          key === "orders" ? h("small", {}, `${percent(t.orders, t.conversations)} of conversations`) : null,
          STEP_OF[key] && key !== "orders"
            ? h(
                "small",
                {},
                `${percent(t[key], t[STEP_OF[key]])} of ${FUNNEL.find(([k]) => k === STEP_OF[key])[1].toLowerCase()}`,
              )
            : null,
        ),
      ),
    ),
  );
}
/** Per-day bars of conversations, add-to-cart and orders: inline SVG built from the DOM, text via textContent. */
export function analyticsChart(data, picked) {
  const bySourceDay = picked ? new Map(pickArray(picked.days, []).map((d) => [d.day, d])) : null;
  const days = pickArray(data.days, []).map((d) =>
    bySourceDay ? bySourceDay.get(d.day) || { day: d.day } : d,
  );
  const W = 600;
  const H = 200;
  const peak = Math.max(1, ...days.flatMap((d) => CHART_SERIES.map(([k]) => num(d[k]))));
  // a round top for the axis: 1, 2, 5 × 10^n
  const step = 10 ** Math.floor(Math.log10(peak));
  const top = [1, 2, 5, 10].map((m) => m * step).find((v) => v >= peak);
  const svgEl = (tag, attrs) => {
    const n = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
    return n;
  };
  const first = days[0]?.day;
  const last = days.at(-1)?.day;
  const svg = svgEl("svg", {
    class: "plot",
    viewBox: `0 0 ${W} ${H}`,
    preserveAspectRatio: "none",
    role: "img",
  });
  svg.setAttribute(
    "aria-label",
    `Conversations, add-to-cart and orders per day from ${dayLabel(first)} to ${dayLabel(last)}`,
  );
  svg.dataset.testid = "analytics-svg";
  for (const f of [0, 0.5, 1]) {
    const y = H - f * H;
    svg.append(
      svgEl("line", {
        x1: 0,
        x2: W,
        y1: y,
        y2: y,
        stroke: "#e3e5ea",
        "stroke-width": 1,
        "vector-effect": "non-scaling-stroke",
      }),
    );
  }
  const slot = W / Math.max(1, days.length);
  const barW = (slot * 0.8) / CHART_SERIES.length;
  for (const [i, d] of days.entries()) {
    const g = svgEl("g", { class: "day" });
    g.dataset.day = str(d.day);
    const title = document.createElementNS(SVG_NS, "title");
    title.textContent = `${dayLabel(d.day, { dateStyle: "medium" })}: ${CHART_SERIES.map(([k, label]) => `${label.toLowerCase()} ${countText(d[k])}`).join(", ")}`;
    g.append(
      title,
      svgEl("rect", { class: "hit", x: i * slot, y: 0, width: slot, height: H, fill: "transparent" }),
    );
    for (const [j, [k, , color]] of CHART_SERIES.entries()) {
      const v = num(d[k]);
      if (v <= 0) continue;
      const bh = Math.max(1.5, (v / top) * H);
      g.append(
        svgEl("rect", {
          x: i * slot + slot * 0.1 + j * barW,
          y: H - bh,
          width: Math.max(barW - 0.5, 0.5),
          height: bh,
          fill: color,
          "data-series": k,
        }),
      );
    }
    svg.append(g);
  }
  const mid = days[Math.floor((days.length - 1) / 2)]?.day;
  return h(
    "section",
    { class: "card acard", testid: "analytics-chart", "aria-label": "Per day" },
    h(
      "div",
      { class: "legend" },
      CHART_SERIES.map(([, label, color]) => {
        const swatch = h("i");
        swatch.style.background = color; // CSSOM, which the page's CSP allows (a style attribute it would not)
        return h("span", {}, swatch, label);
      }),
    ),
    h(
      "div",
      { class: "chart" },
      h(
        "div",
        { class: "yaxis", "aria-hidden": "true" },
        h("span", {}, countText(top)),
        h("span", {}, countText(top / 2)),
        h("span", {}, "0"),
      ),
      svg,
      h(
        "div",
        { class: "xaxis", "aria-hidden": "true" },
        h("span", {}, dayLabel(first)),
        days.length > 2 ? h("span", {}, dayLabel(mid)) : null,
        days.length > 1 ? h("span", {}, dayLabel(last)) : null,
      ),
    ),
  );
}
export function analyticsSources(data, sources, currency, pick) {
  const cell = (key, t) =>
    h(
      "td",
      { class: "num" },
      h("span", { testid: `source-${key}` }, eventText(key, t[key], currency)),
      STEP_OF[key]
        ? h(
            "small",
            {
              class: "rate",
              testid: `source-${key}-rate`,
              title: `Share of ${FUNNEL.find(([k]) => k === STEP_OF[key])[1].toLowerCase()}`,
            },
            percent(t[key], t[STEP_OF[key]]),
          )
        : null,
    );
  const row = (s) => {
    const t = s.totals && typeof s.totals === "object" ? s.totals : {};
    const label = sourceLabel(s.source);
    return h(
      "tr",
      { testid: "analytics-source-row", "data-source": str(s.source) },
      h(
        "td",
        {},
        h(
          "button",
          {
            class: "srcbtn",
            type: "button",
            title: "Show this source in the chart",
            testid: "source-name",
            onclick: () => pick(str(s.source)),
          },
          h("span", { testid: "source-label" }, label),
          label !== str(s.source) ? h("small", { class: "key" }, str(s.source)) : null,
        ),
      ),
      FUNNEL.map(([key]) => cell(key, t)),
      h("td", { class: "num", "data-testid": "source-conversion" }, percent(t.orders, t.conversations)),
    );
  };
  const totals = data.totals && typeof data.totals === "object" ? data.totals : {};
  return h(
    "section",
    { class: "card acard", "aria-label": "Per source" },
    h("h2", {}, "Per source"),
    sources.length
      ? h(
          "div",
          { class: "tablewrap" },
          h(
            "table",
            { class: "results funnel", testid: "analytics-sources" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", {}, "Source"),
                FUNNEL.map(([, label]) => h("th", { class: "num" }, label)),
                h("th", { class: "num", title: "Orders per conversation" }, "Conversion"),
              ),
            ),
            h("tbody", {}, sources.map(row)),
            h(
              "tfoot",
              {},
              h(
                "tr",
                {},
                h("td", { class: "tot" }, "All sources"),
                FUNNEL.map(([key]) => h("td", { class: "num tot" }, eventText(key, totals[key], currency))),
                h("td", { class: "num tot" }, percent(totals.orders, totals.conversations)),
              ),
            ),
          ),
        )
      : h(
          "div",
          { class: "empty", testid: "analytics-empty" },
          h("b", {}, "No shoppers in these days"),
          "Conversations, carts and orders show up here by the link or ad that brought the shopper.",
        ),
  );
}
