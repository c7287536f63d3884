/**
 * web/common/api.js: the staff pages' JSON call against a real HTTP server (node:http on a free port): answers,
 * the `{"error":{code,message,details}}` shape as an ApiError, a server that cannot be reached, and 401.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, fetchJson } from "../../../web/common/api.js";

let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const reply = (status: number, body: string) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(body);
    };
    if (req.url === "/ok") return reply(200, JSON.stringify({ product: { id: "tee" }, method: req.method }));
    if (req.url === "/empty") return reply(204, "");
    if (req.url === "/conflict")
      return reply(
        409,
        JSON.stringify({ error: { code: "stock_changed", message: "Stock is 3.", details: { stock: 3 } } }),
      );
    if (req.url === "/denied")
      return reply(401, JSON.stringify({ error: { code: "unauthorized", message: "No." } }));
    return reply(500, "<html>oops</html>");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const call = (path: string, extra: Record<string, unknown> = {}) =>
  fetchJson(`${base}${path}`, {
    method: "POST",
    headers: {},
    body: "{}",
    unreachable: "No server.",
    onUnauthorized: undefined,
    ...extra,
  });

describe("fetchJson", () => {
  it("reads the answer as JSON (null when empty)", async () => {
    expect(await call("/ok")).toEqual({ product: { id: "tee" }, method: "POST" });
    expect(await call("/empty")).toBeNull();
  });

  it("throws the API's error as an ApiError with its code and details", async () => {
    const e = await call("/conflict").catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.message, e.details]).toEqual([
      409,
      "stock_changed",
      "Stock is 3.",
      { stock: 3 },
    ]);
  });

  it("names an answer that is not the API's shape by its status", async () => {
    const e = await call("/broken").catch((x) => x);
    expect([e.status, e.code, e.message]).toEqual([500, "http_500", "The server answered 500."]);
  });

  it("calls onUnauthorized on 401 before throwing", async () => {
    let told = 0;
    const e = await call("/denied", { onUnauthorized: () => told++ }).catch((x) => x);
    expect([e.status, told]).toEqual([401, 1]);
  });

  it("says the server cannot be reached as status 0", async () => {
    const e = await fetchJson("http://127.0.0.1:9/x", {
      method: "GET",
      headers: {},
      body: undefined,
      unreachable: "No server.",
      onUnauthorized: undefined,
    }).catch((x) => x);
    expect([e.status, e.code, e.message]).toEqual([0, "network", "No server."]);
  });
});
