/**
 * `POST /dev/chat/deliver/{channel}` (local stage only): the `/chat` simulator posts a delivery's JSON here and
 * the server signs it with the app secret and posts it to its own webhook, so the secret never leaves the
 * server (issue 14: `/dev/chat/config` used to hand it to any page that asked).
 *
 * Same-origin only: the request must be JSON (a cross-origin page cannot send that without a preflight, which
 * the stack does not allow) and, when the browser says where it comes from (`Origin`, `Sec-Fetch-Site`), from
 * this very host.
 */
import { signBody } from "../channels/meta/signature";
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import { MAX_BODY_BYTES } from "../http/request";
import { errorResponse, type HttpResponse, json } from "../http/respond";
import type { SinkDeps } from "./sink";

const sameOrigin = (req: HttpRequest): boolean => {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
};

export async function deliverSigned(req: HttpRequest, deps: SinkDeps): Promise<HttpResponse> {
  try {
    const channel = req.pathParams.channel;
    if (channel !== "messenger" && channel !== "whatsapp" && channel !== "instagram")
      throw new AppError("not_found", "No such channel.");
    if (!sameOrigin(req))
      throw new AppError("auth.forbidden", "Only the simulator on this stack may deliver.");
    if (!(req.headers["content-type"] ?? "").startsWith("application/json"))
      throw new AppError("request.unsupported_media_type", "Send application/json.");
    if (req.rawBody.length > MAX_BODY_BYTES)
      throw new AppError("request.too_large", "The body is too large.");
    // the webhook listens on this same local stack
    const res = await fetch(`http://127.0.0.1:${deps.config.port}/webhooks/${channel}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signBody(req.rawBody, deps.config.secrets.META_APP_SECRET),
      },
      body: new Uint8Array(req.rawBody),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // plain text
    }
    return json(res.status, value);
  } catch (e) {
    return errorResponse(e);
  }
}
