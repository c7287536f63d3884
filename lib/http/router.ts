/**
 * A small route table for the JSON APIs (admin, agent): path segments, where `:id` matches any one segment
 * (URL-decoded, so `whatsapp%3A6591234567` arrives as `whatsapp:6591234567`), and handlers by method.
 * The first pattern that matches the path and has the method wins; a path that matches with another method
 * gets 405 with `Allow`, anything else 404.
 */
import { AppError } from "../errors";
import type { HttpRequest } from "./request";
import { errorResponse, type HttpResponse } from "./respond";

export type Method = "GET" | "PUT" | "POST" | "PATCH" | "DELETE";

export type Route<C> = [string[], Partial<Record<Method, (ctx: C) => Promise<HttpResponse>>>];

export const notFound = (what = "No such route.") => new AppError("not_found", what);

/** The path below `prefix`, split and decoded; undefined when it is not below it or badly encoded. */
function segmentsOf(path: string, prefix: string): string[] | undefined {
  if (!path.startsWith(prefix)) return undefined;
  try {
    return path
      .slice(prefix.length)
      .replace(/\/+$/, "")
      .split("/")
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

function match(segments: string[], pattern: string[]): string | undefined | false {
  if (segments.length !== pattern.length) return false;
  let id: string | undefined;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const s = segments[i] as string;
    if (p === ":id") id = s;
    else if (p !== s) return false;
  }
  return id;
}

/**
 * Runs the handler of the first matching route with the context `contextFor(id)` builds (`id` is the `:id`
 * segment, or ""). Throws `not_found`; answers 405 itself.
 */
export async function dispatch<C>(
  req: HttpRequest,
  prefix: string,
  routes: Array<Route<C>>,
  contextFor: (id: string) => C,
): Promise<HttpResponse> {
  const segments = segmentsOf(req.path, prefix);
  if (!segments) throw notFound();
  const allowed = new Set<string>();
  for (const [pattern, handlers] of routes) {
    const id = match(segments, pattern);
    if (id === false) continue;
    const handler = handlers[req.method as Method];
    if (handler) return handler(contextFor(id ?? ""));
    for (const m of Object.keys(handlers)) allowed.add(m);
  }
  if (allowed.size === 0) throw notFound();
  const res = errorResponse(new AppError("method_not_allowed", `Use ${[...allowed].join(", ")} here.`));
  return { ...res, headers: { ...res.headers, allow: [...allowed].join(", ") } };
}

/** An error as a response; a 401 asks for a bearer token (`WWW-Authenticate: Bearer`). */
export function apiErrorResponse(e: unknown): HttpResponse {
  const res = errorResponse(e);
  if (res.statusCode === 401) return { ...res, headers: { ...res.headers, "www-authenticate": "Bearer" } };
  return res;
}
