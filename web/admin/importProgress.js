import { ApiError } from "../common/api.js";
import { h } from "../common/dom.js";
import { api, enc } from "./api.js";
import { progressText } from "./jobText.js";

// ---------------------------------------------------------------- an import's progress while its POST runs
/**
 * The import's POST answers only when every product is written; meanwhile its job
 * (`GET /api/admin/imports/{importId}`, the id chosen by this page) counts `processed` of `total`
 * (docs/interface.md, "Catalogue imports"). One import runs at a time; its progress card outlives a tab switch.
 */

const POLL_MS = 300;

/** The running import: its card, and how to move its bar. */
let running = null;

/** The progress card of the import in flight, or null. */
export const progressView = () => running?.el ?? null;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers that say nothing about the import itself: the gateway gave up (29 s at most) or the link dropped. */
const lostAnswer = (e) =>
  e instanceof ApiError && (e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504);

/** How long to keep polling a job after its POST was lost: a little longer than the server's stale limit. */
const AFTER_LOST_MS = 6 * 60_000;

/**
 * Runs `send()` (the import's POST) while polling the job `importId`; `expected` (from the preview) sizes the bar
 * until the job says its `total`. `rerender()` shows the card. Resolves to `{report}` (what `send()` answered),
 * or, when that answer was lost on the way (a gateway timeout on a big feed) but the job went on and finished,
 * `{job}`; throws otherwise.
 */
export async function runWithProgress(importId, expected, rerender, send) {
  const bar = h("progress", {
    class: "bar",
    max: Math.max(expected, 1),
    value: 0,
    testid: "import-progress",
  });
  const text = h("span", { class: "note", "data-testid": "import-progress-text" }, "Starting…");
  const update = (processed, total) => {
    bar.max = Math.max(total, 1);
    bar.value = Math.min(processed, total);
    bar.dataset.processed = String(processed);
    bar.dataset.total = String(total);
    text.textContent = progressText(processed, total);
  };
  running = {
    el: h(
      "div",
      { class: "card section progress-card", "data-testid": "import-running", role: "status" },
      h("h3", {}, "Importing…"),
      bar,
      text,
    ),
  };
  rerender();
  let stop = false;
  let job = null;
  const poller = (async () => {
    while (!stop) {
      await sleep(POLL_MS);
      if (stop) break;
      try {
        const j = await api("GET", `/api/admin/imports/${enc(importId)}`);
        if (stop || !j || typeof j.processed !== "number" || typeof j.total !== "number") continue;
        job = j;
        update(j.processed, j.total);
      } catch {
        // 404 until the server has created the job; a failed poll only delays the bar
      }
    }
  })();
  try {
    const report = await send();
    update(expected, expected);
    return { report };
  } catch (e) {
    if (!lostAnswer(e)) throw e;
    // the POST's answer is lost, not necessarily the import: follow the job to its end
    text.textContent = "The server is still writing: following the import…";
    const deadline = Date.now() + AFTER_LOST_MS;
    while ((!job || job.status === "running") && Date.now() < deadline) await sleep(POLL_MS);
    if (job?.status === "done") return { job };
    throw e;
  } finally {
    stop = true;
    await poller;
    running = null;
  }
}
