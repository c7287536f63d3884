import { fetchJson } from "../common/api.js";
import { BASE } from "./config.js";
import { time } from "./format.js";
import { signOut } from "./signin.js";
import { state } from "./state.js";

// ---------------------------------------------------------------- API
/** fetch with the agent token; errors are `{"error":{"code","message"}}` (docs/interface.md). */
export async function api(method, path, body, opts = {}) {
  const headers = { authorization: `Bearer ${state.token}`, accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetchJson(BASE + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    unreachable: "Could not reach the server. Check your connection and try again.",
    onUnauthorized: opts.signingIn
      ? null
      : () => signOut("Your token was not accepted. Please sign in again."),
  });
}
export function pickArray(data, keys) {
  if (Array.isArray(data)) return data;
  if (data && typeof data === "object") {
    for (const k of keys) if (Array.isArray(data[k])) return data[k];
  }
  return [];
}
export const convPath = (id) => `/api/agent/conversations/${encodeURIComponent(id)}`;
export async function fetchList(status, opts) {
  const data = await api("GET", `/api/agent/conversations?status=${status}`, undefined, opts);
  const items = pickArray(data, ["items", "conversations"]).filter((c) => c && typeof c === "object");
  // newest activity first, whatever order the server used
  return items
    .map((c, i) => ({ c, i, t: time(c.lastActivityAt) }))
    .sort((a, b) => (b.t || 0) - (a.t || 0) || a.i - b.i)
    .map((x) => x.c);
}
