/** The JSON API call with its error shape (docs/interface.md). */
import { str } from "./dom.js";

export class ApiError extends Error {
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
export async function fetchJson(url, { method, headers, body, unreachable, onUnauthorized }) {
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

/**
 * The page's API call: `api(method, path, { body, headers, signingIn })` with the bearer token `token()`, at
 * `base` (where the page is served: a stage prefix, should there be one). An object body goes as JSON, a string
 * as it is. A 401 outside sign-in calls `signOut` with a sentence to show.
 */
export function apiClient({ base, token, unreachable, signOut }) {
  return function api(method, path, opts = {}) {
    const headers = { authorization: `Bearer ${token()}`, accept: "application/json", ...opts.headers };
    let body;
    if (opts.body !== undefined) {
      if (typeof opts.body === "string") body = opts.body;
      else {
        body = JSON.stringify(opts.body);
        headers["content-type"] = "application/json";
      }
    }
    return fetchJson(base + path, {
      method,
      headers,
      body,
      unreachable,
      onUnauthorized: opts.signingIn
        ? null
        : () => signOut("Your token was not accepted. Please sign in again."),
    });
  };
}

/**
 * The list in an answer: the answer itself when it is an array, else its first array under `keys`, else (when
 * `anyArray`) its first array value; [] when there is none.
 */
export function pickArray(data, keys, anyArray = true) {
  if (Array.isArray(data)) return data;
  if (data && typeof data === "object") {
    for (const k of keys) if (Array.isArray(data[k])) return data[k];
    if (anyArray) for (const v of Object.values(data)) if (Array.isArray(v)) return v;
  }
  return [];
}
