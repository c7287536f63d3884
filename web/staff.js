/**
 * What the staff pages (/admin, /inbox) share: building DOM from text only (never HTML), money and the words for
 * orders, the JSON API call with its error shape, and the sign-in chores around the bearer token kept in
 * sessionStorage. A plain script: it sets `window.Staff`, which each page's inline script reads.
 */
window.Staff = (() => {
  /**
   * h("div", { class, testid, text, attrs..., onclick }, ...children): strings become text nodes, so nothing a
   * merchant or shopper typed is ever parsed as markup.
   */
  function h(tag, props, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false || k === "value") continue;
      if (k === "class") n.className = v;
      else if (k === "text") n.textContent = String(v);
      else if (k === "testid") n.dataset.testid = v;
      else if (k.startsWith("on") && typeof v === "function") n.addEventListener(k.slice(2), v);
      else n.setAttribute(k, v === true ? "" : String(v));
    }
    append(n, children);
    // after `type`, which would otherwise reset or reject it
    if (props && props.value !== undefined && props.value !== null) n.value = String(props.value);
    return n;
  }
  function append(n, children) {
    for (const c of children.flat(Infinity)) {
      if (c === undefined || c === null || c === false) continue;
      n.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return n;
  }
  /** A 24×24 single-path icon, hidden from assistive technology. */
  function svgIcon(d) {
    const ns = "http://www.w3.org/2000/svg";
    const s = document.createElementNS(ns, "svg");
    s.setAttribute("viewBox", "0 0 24 24");
    s.setAttribute("aria-hidden", "true");
    const p = document.createElementNS(ns, "path");
    p.setAttribute("fill", "currentColor");
    p.setAttribute("d", d);
    s.append(p);
    return s;
  }
  function str(v) {
    return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
  }
  function hue(s) {
    let x = 0;
    for (const c of String(s)) x = (x * 31 + c.charCodeAt(0)) >>> 0;
    return x % 360;
  }

  // ---------------------------------------------------------------- money and orders
  const moneyFormats = new Map();
  /**
   * Money is integer minor units plus an ISO 4217 currency (docs/interface.md): `{amount, currency}`, or an amount and
   * the currency apart. The minor digits come from Intl (2 for USD, 0 for JPY, 3 for KWD); "" when no amount.
   */
  function money(v, currency) {
    let amount = v;
    let cur = currency;
    if (v && typeof v === "object") {
      amount = v.amount;
      cur = v.currency || currency;
    }
    if (typeof amount !== "number" || !Number.isFinite(amount)) return "";
    cur = str(cur).toUpperCase();
    if (!/^[A-Z]{3}$/.test(cur)) return (amount / 100).toFixed(2);
    let f = moneyFormats.get(cur);
    if (f === undefined) {
      try {
        f = new Intl.NumberFormat(undefined, { style: "currency", currency: cur });
      } catch {
        f = null;
      }
      moneyFormats.set(cur, f);
    }
    if (!f) return `${(amount / 100).toFixed(2)} ${cur}`;
    return f.format(amount / 10 ** f.resolvedOptions().maximumFractionDigits);
  }
  /** lib/orders/types.ts ORDER_STATUSES in words. */
  const ORDER_STATUS_LABELS = {
    pending: "Pending",
    confirmed: "Confirmed",
    shipped: "Shipped",
    delivered: "Delivered",
    cancelled: "Cancelled",
  };
  function orderStatusLabel(s) {
    return ORDER_STATUS_LABELS[s] || str(s) || "—";
  }
  const PAYMENT_METHODS = { cod: "Cash on delivery" };
  function paymentMethodLabel(m) {
    return PAYMENT_METHODS[m] || str(m);
  }
  const NOT_SENT_REASONS = {
    window_closed: "the shopper's 24-hour chat window is closed",
    send_failed: "Meta did not accept the message",
    no_conversation: "there is no chat to send to",
    no_account: "the shop has no page or number on this channel",
    error: "something went wrong while sending",
  };
  /** Whether the shopper was told about an order's status change, in words; "" when the entry says nothing. */
  function notifiedText(entry) {
    const n = str(entry?.notified);
    if (n === "sent") return "Shopper told in the chat";
    if (n === "queued") return "Message to the shopper queued: it goes out shortly";
    if (n === "not_sent") {
      const why = NOT_SENT_REASONS[str(entry.reason)] || str(entry.reason);
      return why ? `Shopper not told: ${why}` : "Shopper not told";
    }
    return "";
  }
  /** Who made a status change: `shopper`, `bot` or an admin token's id. */
  function changedByText(by) {
    const b = str(by);
    if (b === "shopper") return "by the shopper";
    if (b === "bot") return "by the bot";
    if (b.startsWith("admin-")) return `by an admin (${b.slice(6, 12)}…)`;
    return b ? `by ${b}` : "";
  }
  /** A delivery address: its text, then the shared location's coordinates. */
  function addressText(a) {
    if (!a || typeof a !== "object") return "";
    const parts = [];
    if (str(a.text)) parts.push(str(a.text));
    if (typeof a.latitude === "number" && typeof a.longitude === "number")
      parts.push(`(${a.latitude.toFixed(5)}, ${a.longitude.toFixed(5)})`);
    return parts.join(" ");
  }

  class ApiError extends Error {
    constructor(status, code, message, details) {
      super(message);
      this.status = status;
      this.code = code;
      this.details = details;
    }
  }
  /**
   * fetch, read the answer as JSON; errors are `{"error":{"code","message","details"}}` (docs/interface.md) and throw an
   * ApiError (status 0 when the server cannot be reached). A 401 calls `onUnauthorized` first.
   */
  async function fetchJson(url, { method, headers, body, unreachable, onUnauthorized }) {
    let res;
    try {
      res = await fetch(url, { method, headers, body, cache: "no-store", credentials: "omit" });
    } catch {
      throw new ApiError(0, "network", unreachable);
    }
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!res.ok) {
      const err = (data && typeof data === "object" && data.error) || {};
      const e = new ApiError(
        res.status,
        str(err.code) || `http_${res.status}`,
        str(err.message) || `The server answered ${res.status}.`,
        err.details,
      );
      if (res.status === 401 && onUnauthorized) onUnauthorized();
      throw e;
    }
    return data;
  }

  // ---------------------------------------------------------------- sign-in
  const $ = (id) => document.getElementById(id);
  /** The sign-in form's error line and local hint; focuses the token field. */
  function showSigninError(error) {
    const err = $("signin-error");
    err.textContent = error || "";
    err.hidden = !error;
    $("dev-hint").hidden = !/^(localhost|127\.0\.0\.1|\[::1\])$/.test(location.hostname);
    setTimeout(() => $("token").focus(), 0);
  }
  /** Clears the error line; false (with `emptyText` shown) when no token was typed. */
  function checkToken(token, emptyText) {
    const err = $("signin-error");
    err.hidden = true;
    if (token) return true;
    err.textContent = emptyText;
    err.hidden = false;
    return false;
  }
  function rejectedText(e) {
    return e instanceof ApiError && (e.status === 401 || e.status === 403)
      ? "That token was not accepted. Check it and try again."
      : e.message;
  }
  function saveToken(key, token) {
    try {
      sessionStorage.setItem(key, token);
    } catch {
      /* private mode: the token is kept for this page only */
    }
  }
  function forgetToken(key) {
    try {
      sessionStorage.removeItem(key);
    } catch {
      /* storage blocked */
    }
  }
  /**
   * The token to start with: a `?token=` in the address (handy locally), else the one saved for this tab. The
   * `?token=` is taken out of the address bar and the history so it does not linger in bookmarks or screenshots.
   */
  function startToken(key) {
    const params = new URLSearchParams(location.search);
    const fromUrl = params.get("token");
    if (fromUrl !== null) {
      params.delete("token");
      const rest = params.toString();
      history.replaceState(null, "", `${location.pathname}${rest ? `?${rest}` : ""}${location.hash}`);
    }
    let saved = "";
    try {
      saved = sessionStorage.getItem(key) || "";
    } catch {
      saved = "";
    }
    return (fromUrl || saved || "").trim();
  }

  return {
    h,
    append,
    svgIcon,
    str,
    hue,
    money,
    orderStatusLabel,
    paymentMethodLabel,
    notifiedText,
    changedByText,
    addressText,
    ApiError,
    fetchJson,
    showSigninError,
    checkToken,
    rejectedText,
    saveToken,
    forgetToken,
    startToken,
  };
})();
