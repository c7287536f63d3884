/**
 * `GET /api/agent/conversations/{id}/media?message={message id}`: the photo, voice note, video, document or
 * sticker of one transcript message, fetched from Meta with the shop's token (lib/media/fetch.ts) and passed
 * through, so /inbox can show it with the agent's bearer token while the shop's token stays on the server.
 *
 * Only a message of this conversation (of this token's shop) can be asked for. What comes back is served as
 * what it is only for images, audio, video and PDF; anything else is a download (`application/octet-stream`,
 * `attachment`), and every answer carries `Content-Security-Policy: sandbox`: a file a shopper sent must never
 * run as a page of ours.
 */
import { isChannel } from "../channels/bodies";
import { AppError } from "../errors";
import { binary, type HttpResponse } from "../http/respond";
import { notFound } from "../http/router";
import type { MediaFetcher } from "../media/fetch";
import type { Db } from "../store/client";
import { readConversation } from "../store/conversations";
import type { ShopDirectory } from "../store/shops";

const SAFE_TYPE =
  /^(?:image\/(?:png|jpeg|gif|webp)|audio\/[\w.+-]+|video\/[\w.+-]+|application\/pdf)(?:;.*)?$/i;

export interface MediaDeps {
  db: Db;
  directory: ShopDirectory;
  media?: MediaFetcher;
}

export async function serveMedia(
  deps: MediaDeps,
  shopId: string,
  conversationId: string,
  messageId: string | undefined,
): Promise<HttpResponse> {
  if (!messageId || messageId.length > 300) {
    throw new AppError("request.invalid", "Name the message: ?message=<its id>.", [
      { path: "message", message: "required, at most 300 characters" },
    ]);
  }
  const { conversation, messages } = await readConversation(deps.db, shopId, conversationId, 200);
  if (!conversation) throw notFound(`No conversation ${conversationId}.`);
  const message = messages.find((m) => m.externalId === messageId && m.media);
  if (!message?.media) throw notFound(`No media in message ${messageId}.`);
  const channel = conversation.channel;
  if (!isChannel(channel)) throw notFound(`No media in message ${messageId}.`);
  const account = conversation.accountId
    ? await deps.directory.find(channel, conversation.accountId)
    : await deps.directory.accountOf(shopId, channel);
  if (!account || account.shopId !== shopId || !deps.media) {
    throw new AppError("media.unavailable", "This shop has no account to fetch the media with.");
  }
  const file = await deps.media.fetch(account, message.media);
  const safe = SAFE_TYPE.test(file.contentType);
  const res = binary(200, file.bytes, safe ? file.contentType : "application/octet-stream");
  return {
    ...res,
    headers: {
      ...res.headers,
      "content-security-policy": "sandbox",
      "content-disposition": safe ? "inline" : "attachment",
    },
  };
}
