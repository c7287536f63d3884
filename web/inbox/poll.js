import { ApiError } from "../common/api.js";
import { fetchList } from "./api.js";
import { POLL_MS } from "./config.js";
import { refreshConversation } from "./conversation.js";
import { renderCounts, renderQueue } from "./queue.js";
import { state } from "./state.js";
import { setLive } from "./toast.js";

// ---------------------------------------------------------------- polling
export function schedulePoll(ms) {
  clearTimeout(state.pollTimer);
  state.pollTimer = setTimeout(poll, ms);
}
export function stopPolling() {
  clearTimeout(state.pollTimer);
  state.pollTimer = 0;
}
export async function poll() {
  if (!state.token) return;
  if (state.polling) return schedulePoll(250);
  state.polling = true;
  let ok = true;
  try {
    const wanted = new Set(["waiting", "agent", state.filter]);
    const results = await Promise.allSettled([
      ...[...wanted].map(async (s) => {
        state.lists[s] = await fetchList(s);
      }),
      state.openId ? refreshConversation() : null,
    ]);
    for (const r of results) {
      if (r.status === "rejected") {
        ok = false;
        if (r.reason instanceof ApiError && r.reason.status === 401) return;
      }
    }
    renderCounts();
    renderQueue();
  } finally {
    state.polling = false;
    if (state.token) {
      setLive(ok);
      schedulePoll(document.hidden ? POLL_MS * 3 : POLL_MS);
    }
  }
}
