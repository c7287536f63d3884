import { ApiError, apiClient, pickArray } from "../common/api.js";
import { BASE } from "./config.js";
import { signOut } from "./signin.js";
import { state } from "./state.js";
import { showMessage } from "./toast.js";

// ---------------------------------------------------------------- API
/** fetch with the admin token; errors are `{"error":{"code","message","details"}}` (docs/interface.md). */
export const api = apiClient({
  base: BASE,
  token: () => state.token,
  unreachable: "Could not reach the shop's server. Check your connection and try again.",
  signOut: (reason) => signOut(reason),
});
export { pickArray };
export function pickObject(data, key) {
  if (data && typeof data === "object" && data[key] && typeof data[key] === "object") return data[key];
  return data && typeof data === "object" ? data : null;
}
/** Every page of a list (a `nextCursor` in the answer asks for the next page). */
export async function listAll(path, keys, opts) {
  const out = [];
  let cursor = "";
  for (let i = 0; i < 100; i++) {
    const sep = path.includes("?") ? "&" : "?";
    const data = await api("GET", cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path, opts);
    const items = pickArray(data, keys);
    out.push(...items);
    cursor = data && !Array.isArray(data) && typeof data.nextCursor === "string" ? data.nextCursor : "";
    if (!cursor || !items.length) break;
  }
  return out;
}
export const enc = encodeURIComponent;
export function isConflict(e) {
  return e instanceof ApiError && (e.status === 412 || e.code === "admin.version_conflict");
}
export function reportError(e, what) {
  if (e instanceof ApiError && e.status === 401) return;
  const message = e instanceof Error ? e.message : String(e);
  showMessage("error", what ? `${what}: ${message}` : message);
}
