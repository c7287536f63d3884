// ---------------------------------------------------------------- delivering as Meta does
// The simulator never holds the app secret: it posts a delivery's JSON to `POST /dev/chat/deliver/{channel}`
// (local stack only, same origin only) and the server signs it (X-Hub-Signature-256) and posts it to its own
// webhook. Kept in this one module so that the way deliveries reach the webhook can change in one place.

/** Posts a delivery body (text, as Meta would send it) for `channel`; answers the webhook's response. */
export function deliver(channel, bodyText) {
  return fetch(`/dev/chat/deliver/${encodeURIComponent(channel)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: bodyText,
  });
}

// Meta escapes non-ASCII characters as \uXXXX in webhook bodies; do the same so the stack's
// raw-body signature check and parsing see what they will see in production.
export function metaJson(obj) {
  return JSON.stringify(obj).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
