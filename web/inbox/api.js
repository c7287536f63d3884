import { apiClient, pickArray as pickList } from "../common/api.js";
import { BASE } from "./config.js";
import { time } from "./format.js";
import { signOut } from "./signin.js";
import { state } from "./state.js";
import { teamQuery } from "./team.js";

// ---------------------------------------------------------------- API
const call = apiClient({
  base: BASE,
  token: () => state.token,
  unreachable: "Could not reach the server. Check your connection and try again.",
  signOut: (reason) => signOut(reason),
});
/** fetch with the agent token; errors are `{"error":{"code","message"}}` (docs/interface.md). */
export function api(method, path, body, opts = {}) {
  return call(method, path, { ...opts, body });
}
/** The list in an answer, under one of `keys` (common/api.js). */
export function pickArray(data, keys) {
  return pickList(data, keys, false);
}
export const convPath = (id) => `/api/agent/conversations/${encodeURIComponent(id)}`;
export async function fetchList(status, opts) {
  const data = await api("GET", `/api/agent/conversations?status=${status}${teamQuery()}`, undefined, opts);
  const items = pickArray(data, ["items", "conversations"]).filter((c) => c && typeof c === "object");
  // newest activity first, whatever order the server used
  return items
    .map((c, i) => ({ c, i, t: time(c.lastActivityAt) }))
    .sort((a, b) => (b.t || 0) - (a.t || 0) || a.i - b.i)
    .map((x) => x.c);
}
