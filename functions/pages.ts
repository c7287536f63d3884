/**
 * The staff pages: `GET /admin` (the merchant editor) and `GET /inbox` (the support inbox), and every page's
 * style sheets and ES modules under `GET /assets/…` (web/common/, web/<page>/). They come from one generated
 * manifest (functions/pagesManifest.ts, `npm run build:pages`), so the local stack and the packaged Lambda serve
 * the same text. The pages are static: they talk to the admin and agent APIs with the token the user types in,
 * so this function reads no table and no secret. `/chat` (the local simulator) is served by functions/devSink.ts.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { json, text } from "../lib/http/respond";
import { PAGES } from "./pagesManifest";

/**
 * Scripts and styles are files on this origin (no inline script or style, so no `'unsafe-inline'`); everything
 * the pages fetch is on this origin, and product images may come from anywhere. `blob:` images and media are what
/inbox makes of a shopper's photo or voice note fetched with the agent's token (the token never goes in a URL). `frame-ancestors` keeps the
 * editor out of other sites' frames (clickjacking); `base-uri` stops an injected `<base>` from redirecting
 * relative API calls.
 */
export const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src https: http: data: blob:; media-src 'self' blob:; style-src 'self'; script-src 'self'; base-uri 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** The page or asset at `path` (from the manifest), or undefined. `/chat` only when `withChat`. */
export function servePage(path: string, withChat = false): APIGatewayProxyStructuredResultV2 | undefined {
  if (path === "/chat" && !withChat) return undefined;
  const entry = Object.hasOwn(PAGES, path) ? PAGES[path] : undefined;
  if (!entry) return undefined;
  const [type, body] = entry;
  const res = text(200, body, type);
  // read again on every load, so a deploy shows at once
  return { ...res, headers: { ...res.headers, ...PAGE_HEADERS, "cache-control": "no-cache" } };
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const path = event.rawPath ?? event.requestContext?.http?.path ?? "/";
  return servePage(path) ?? json(404, { error: { code: "not_found", message: "Not found." } });
};
