/**
 * Issue 14 (4): the local stack is local. No route can be read by a page on another origin (the browser's CORS
 * check, made here by hand with the headers a browser sends), the simulator's config carries no secret, its
 * deliveries are signed by the server only for same-origin JSON requests, and the HTTP listener is on the
 * loopback interface.
 */
import { describe, expect, inject, it } from "vitest";
import { ADMIN_TOKEN } from "../helpers/chat";
import { isLoopback, listenersOf, withDescendants } from "../helpers/listeners";
import { metaJson, newWaId, sinkFor, whatsappText } from "../helpers/meta";

const url = inject("stackUrl");
const FOREIGN = "http://127.0.0.1:1";

/** What a browser would let a page on `origin` read: the response's CORS headers must name that origin. */
const readableFrom = (res: Response, origin: string) => {
  const allow = res.headers.get("access-control-allow-origin");
  return allow === "*" || allow === origin;
};

describe("the local stack is local", () => {
  it.each([
    ["/dev/chat/config", {}],
    ["/dev/graph/messages", {}],
    ["/health", {}],
    ["/chat", {}],
    ["/api/admin/products", { authorization: `Bearer ${ADMIN_TOKEN}` }],
  ])("a page on another origin cannot read %s", async (path, headers) => {
    const res = await fetch(`${url}${path}`, { headers: { origin: FOREIGN, ...headers } });
    expect(readableFrom(res, FOREIGN)).toBe(false);
  });

  it("the simulator's config has no secret", async () => {
    const config = await (await fetch(`${url}/dev/chat/config`)).text();
    expect(config).not.toContain("dev-app-secret");
    expect(config).not.toMatch(/secret/i);
  });

  it("the server signs a same-origin delivery, and refuses one from another origin or not JSON", async () => {
    const waId = newWaId();
    const body = metaJson(whatsappText({ waId, text: "hi" }));
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/dev/chat/deliver/whatsapp`, { method: "POST", headers, body });
    expect((await post({ "content-type": "application/json", origin: FOREIGN })).status).toBe(403);
    expect((await post({ "content-type": "application/json", "sec-fetch-site": "cross-site" })).status).toBe(
      403,
    );
    expect((await post({ "content-type": "text/plain" })).status).toBe(415);
    const ok = await post({
      "content-type": "application/json",
      origin: url,
      "sec-fetch-site": "same-origin",
    });
    expect(ok.status).toBe(200);
    expect((await sinkFor(url, waId)).length).toBeGreaterThan(0);
  });

  it("listens on the loopback interface", () => {
    expect(new URL(url).hostname).toBe("127.0.0.1");
  });

  it.skipIf(process.platform !== "linux")(
    "every socket the stack listens on (DynamoDB Local, the HTTP and Lambda ports, anything a child opened) is on 127.0.0.1",
    () => {
      const pids = inject("stackPids").flatMap(withDescendants);
      const listeners = pids.flatMap((pid) => listenersOf(pid) ?? []);
      // the HTTP port, the Lambda invoke port and DynamoDB Local's port at least
      expect(listeners.length).toBeGreaterThanOrEqual(3);
      expect(listeners.map((l) => l.port)).toContain(Number(new URL(url).port));
      expect(listeners.filter((l) => !isLoopback(l.address))).toEqual([]);
    },
  );
});
