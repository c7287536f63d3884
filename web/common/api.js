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
