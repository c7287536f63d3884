/**
 * The staff pages: `GET /admin` (the merchant editor) and `GET /inbox` (the support inbox), and what they share:
 * `GET /assets/staff.css` and `GET /assets/staff.js`.
 * The pages are static: they talk to the admin and agent APIs with the token the user types in, so this
 * function reads no table and no secret, and bundles nothing heavy.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { json, text } from "../lib/http/respond";
import adminPage from "../web/admin.html";
import inboxPage from "../web/inbox.html";
// The shared style sheet and script are bundled as text by esbuild's import attribute (`.html` has a loader of
// its own in serverless.yml); TypeScript has no type for a text import of them.
// @ts-expect-error: a text import, typed as string below
import staffCssText from "../web/staff.css" with { type: "text" };
// @ts-expect-error: a text import (not the script as a module), typed as string below
import staffJsText from "../web/staff.js" with { type: "text" };

const staffCss: string = staffCssText;
const staffJs: string = staffJsText;

/**
 * The pages' scripts and styles are inline, so `'unsafe-inline'` is needed; everything they fetch is on this
 * origin, and product images may come from anywhere. `frame-ancestors` keeps the editor out of other sites'
 * frames (clickjacking); `base-uri` stops an injected `<base>` from redirecting relative API calls.
 */
const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src https: http: data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

function page(html: string): APIGatewayProxyStructuredResultV2 {
  const res = text(200, html, "text/html; charset=utf-8");
  return { ...res, headers: { ...res.headers, ...PAGE_HEADERS } };
}

/** The shared style sheet and script: read again on every load, so a deploy shows at once. */
const ASSETS: Record<string, { body: string; type: string }> = {
  "/assets/staff.css": { body: staffCss, type: "text/css; charset=utf-8" },
  "/assets/staff.js": { body: staffJs, type: "text/javascript; charset=utf-8" },
};

function asset(body: string, type: string): APIGatewayProxyStructuredResultV2 {
  const res = text(200, body, type);
  return {
    ...res,
    headers: { ...res.headers, "cache-control": "no-cache", "x-content-type-options": "nosniff" },
  };
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const path = event.rawPath ?? event.requestContext?.http?.path ?? "/";
  if (path === "/admin") return page(adminPage);
  if (path === "/inbox") return page(inboxPage);
  const file = Object.hasOwn(ASSETS, path) ? ASSETS[path] : undefined;
  if (file) return asset(file.body, file.type);
  return json(404, { error: { code: "not_found", message: "Not found." } });
};
