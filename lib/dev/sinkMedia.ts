/**
 * The local sink's stand-in for Meta's media and profile endpoints (dev stage only):
 *
 * - `GET /dev/graph/{version}/{media-id}`: the WhatsApp media metadata (`url`, `mime_type`…), as Graph answers
 *   it, with the shop's token; https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media
 * - `GET /dev/media/{media-id}`: the bytes at that `url` (a small PNG; `…-audio` ids are an OGG stub), again
 *   only with a shop's token, like Meta's CDN for WhatsApp media. Messenger and Instagram attachment addresses
 *   are plain CDN links, fetched without a token: ids starting `cdn-` stand for them and need none.
 * - `POST /dev/graph/{version}/{account-id}/{edge}` for `messenger_profile` and `conversational_automation`:
 *   kept in the sink with the edge, answered `{"success": true}` (the welcome surfaces, lib/welcome/).
 */
import type { Config } from "../config";
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import { binary, errorResponse, type HttpResponse, json } from "../http/respond";
import type { Db } from "../store/client";
import { putSinkMessage } from "../store/sink";

/** A 2×2 red PNG. */
export const SINK_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==",
  "base64",
);
/** The first bytes of an Ogg Opus file: enough for a client to see what it is. */
const SINK_OGG = Buffer.from("OggS\0\x02\0\0\0\0\0\0\0\0", "binary");

const MEDIA_ID = /^[A-Za-z0-9._-]{1,100}$/;

const shopTokens = (config: Config) =>
  [config.secrets.MESSENGER_PAGE_TOKEN, config.secrets.WHATSAPP_TOKEN, config.instagramToken].filter(Boolean);

const unauthorized = () =>
  json(401, { error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190 } });

const isAudio = (id: string) => id.endsWith("-audio");

/** `GET /dev/graph/{version}/{mediaId}` */
export function mediaMetadata(req: HttpRequest, deps: { config: Config }): HttpResponse {
  const id = req.pathParams.mediaId ?? "";
  if (!MEDIA_ID.test(id)) return errorResponse(new AppError("not_found", "Unknown media id."));
  if (!shopTokens(deps.config).some((t) => req.headers.authorization === `Bearer ${t}`))
    return unauthorized();
  const bytes = isAudio(id) ? SINK_OGG : SINK_PNG;
  return json(200, {
    messaging_product: "whatsapp",
    id,
    url: `http://localhost:${deps.config.port}/dev/media/${id}`,
    mime_type: isAudio(id) ? "audio/ogg" : "image/png",
    file_size: bytes.length,
  });
}

/** `GET /dev/media/{mediaId}` */
export function mediaBytes(req: HttpRequest, deps: { config: Config }): HttpResponse {
  const id = req.pathParams.mediaId ?? "";
  if (!MEDIA_ID.test(id)) return errorResponse(new AppError("not_found", "Unknown media id."));
  const open = id.startsWith("cdn-");
  if (!open && !shopTokens(deps.config).some((t) => req.headers.authorization === `Bearer ${t}`))
    return unauthorized();
  return isAudio(id) ? binary(200, SINK_OGG, "audio/ogg") : binary(200, SINK_PNG, "image/png");
}

const EDGES = new Set(["messenger_profile", "conversational_automation"]);

/** `POST /dev/graph/{version}/{accountId}/{edge}` for the profile edges. */
export async function receiveProfile(
  req: HttpRequest,
  deps: { config: Config; db: Db },
  channel: "messenger" | "whatsapp" | "instagram",
  token: string | undefined,
): Promise<HttpResponse> {
  const edge = req.pathParams.edge ?? "";
  if (!EDGES.has(edge)) return errorResponse(new AppError("not_found", `Unknown edge ${edge}.`));
  if (!token || req.headers.authorization !== `Bearer ${token}`) return unauthorized();
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString("utf8"));
  } catch {
    return errorResponse(new AppError("request.bad_json", "The body is not valid JSON."));
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return errorResponse(new AppError("request.invalid", "Not a Graph API object."));
  }
  await putSinkMessage(deps.db, {
    channel,
    accountId: req.pathParams.accountId ?? "",
    authorized: true,
    body: body as Record<string, unknown>,
    receivedAt: new Date().toISOString(),
    edge,
  });
  return json(200, { success: true });
}
