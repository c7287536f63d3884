import { setError } from "./header.js";

// ---------------------------------------------------------------- time passes (local stack only)
/**
 * `POST /dev/clock` `{"advanceHours": 25}` moves the local stack's clock (lib/dev/clock.ts): the shopper's 24 h
 * window closes, so what Chatcart does after it (templates, HUMAN_AGENT, tags) can be tried here. It moves the
 * whole stack's clock; `{"reset": true}` puts it back.
 */
const button = document.getElementById("time-passes");

function label(offsetMs) {
  const hours = Math.round((Number(offsetMs) || 0) / 3_600_000);
  button.dataset.offsetHours = String(hours);
  button.title = hours
    ? `The stack's clock is ${hours} h ahead. Click to move it 25 h more (POST /dev/clock).`
    : "Move the stack's clock 25 h on (POST /dev/clock): the shopper's 24 h window closes.";
}

async function clock(method, body) {
  const res = await fetch("/dev/clock", {
    method,
    cache: "no-store",
    ...(body && { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`/dev/clock answered ${res.status}`);
  return res.json();
}

if (button) {
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const c = await clock("POST", { advanceHours: 25 });
      label(c?.offsetMs);
      setError("send", "");
    } catch (e) {
      setError("send", `Time did not pass: ${e?.message || e}`);
    } finally {
      button.disabled = false;
    }
  });
  clock("GET")
    .then((c) => label(c?.offsetMs))
    .catch(() => label(0));
}
