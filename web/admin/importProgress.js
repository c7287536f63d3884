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

/**
 * Runs `send()` (the import's POST) while polling the job `importId`; `expected` (from the preview) sizes the bar
 * until the job says its `total`. `rerender()` shows the card. Resolves to what `send()` resolves to.
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
  const poller = (async () => {
    while (!stop) {
      await sleep(POLL_MS);
      if (stop) break;
      try {
        const job = await api("GET", `/api/admin/imports/${enc(importId)}`);
        if (!stop && job && typeof job.processed === "number" && typeof job.total === "number")
          update(job.processed, job.total);
      } catch {
        // 404 until the server has created the job; a failed poll only delays the bar
      }
    }
  })();
  try {
    const out = await send();
    update(expected, expected);
    return out;
  } finally {
    stop = true;
    await poller;
    running = null;
  }
}
