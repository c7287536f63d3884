/**
 * Fetches what a shopper sent (photo, voice note, video, document, sticker) for a person in /inbox, server side,
 * so the shop's token never reaches the browser:
 *
 * - WhatsApp media ids: `GET {graph}/{media-id}` with the number's token gives a short-lived `url` and the
 *   `mime_type`; `GET url` with the same token gives the bytes.
 *   https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#download-media
 * - Messenger and Instagram attachments: a signed CDN address from the (signature-checked) delivery, fetched as
 *   is, without a token.
 *
 * At most {@link MAX_MEDIA_BYTES}: a Lambda answer is at most 6 MB, and base64 adds a third.
 */
import { AppError } from "../errors";
import type { ChannelAccount } from "../store/shops";

export const MAX_MEDIA_BYTES = 4 * 1024 * 1024;
const TIMEOUT_MS = 8000;

export interface MediaRef {
  id?: string;
  url?: string;
  mimeType?: string;
}

export interface MediaFile {
  bytes: Buffer;
  contentType: string;
}

export interface MediaFetcher {
  fetch(account: ChannelAccount, media: MediaRef): Promise<MediaFile>;
}

const failed = (message: string) => new AppError("media.unavailable", message);

async function download(url: string, token: string | undefined, fetchImpl: typeof fetch): Promise<MediaFile> {
  if (!/^https?:\/\//.test(url)) throw failed("The media address is not http(s).");
  let res: Response;
  try {
    res = await fetchImpl(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw failed(`The media could not be fetched: ${(e as Error).name}.`);
  }
  if (!res.ok) throw failed(`Meta answered ${res.status} for the media (it may have expired).`);
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > MAX_MEDIA_BYTES) throw new AppError("media.too_large", "The media is larger than 4 MB.");
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > MAX_MEDIA_BYTES) throw new AppError("media.too_large", "The media is larger than 4 MB.");
  return { bytes, contentType: res.headers.get("content-type") ?? "application/octet-stream" };
}

export function createMediaFetcher(opts: { graphUrl: string; fetchImpl?: typeof fetch }): MediaFetcher {
  const fetchImpl = opts.fetchImpl ?? fetch;
  return {
    async fetch(account, media) {
      if (media.id) {
        if (!/^[A-Za-z0-9._-]{1,100}$/.test(media.id)) throw failed("Not a media id.");
        let meta: { url?: unknown; mime_type?: unknown };
        try {
          const res = await fetchImpl(`${opts.graphUrl}/${encodeURIComponent(media.id)}`, {
            headers: { authorization: `Bearer ${account.accessToken}` },
            signal: AbortSignal.timeout(TIMEOUT_MS),
          });
          if (!res.ok) throw failed(`Meta answered ${res.status} for the media id (it may have expired).`);
          meta = (await res.json()) as typeof meta;
        } catch (e) {
          if (e instanceof AppError) throw e;
          throw failed(`The media could not be looked up: ${(e as Error).name}.`);
        }
        if (typeof meta.url !== "string") throw failed("Meta gave no address for the media.");
        const file = await download(meta.url, account.accessToken, fetchImpl);
        const type = typeof meta.mime_type === "string" ? meta.mime_type : file.contentType;
        return { ...file, contentType: type };
      }
      if (media.url) {
        const file = await download(media.url, undefined, fetchImpl);
        return media.mimeType ? { ...file, contentType: media.mimeType } : file;
      }
      throw failed("The message has no media.");
    },
  };
}
