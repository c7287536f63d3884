/**
 * Admin API tokens through the local stack (docs/interface.md, Admin API → tokens): list, create (shown once),
 * use, revoke; the environment's tokens are listed but revoked only by changing the variable.
 */
import { randomUUID } from "node:crypto";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { putToken } from "../../lib/store/tokens";
import { useStackDb } from "../helpers/db";

const url = inject("stackUrl");
const db = useStackDb();

const SHOP = `e2e-tokens-${randomUUID().slice(0, 8)}`;
const ADMIN = `e2e-tokens-admin-${randomUUID()}`;
beforeAll(async () => {
  await putToken(db, ADMIN, { shopId: SHOP, role: "admin" });
});

async function call(base: string, method: string, path: string, token: string, body?: object) {
  const res = await fetch(`${url}/api/${base}/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body && { "content-type": "application/json" }),
    },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: a response body, read field by field by the assertions
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
}

describe("admin tokens", () => {
  it("creates an agent token shown once, lists it without its value, and revokes it", async () => {
    const made = await call("admin", "POST", "tokens", ADMIN, { role: "agent", label: "Night shift" });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: "agent", label: "Night shift", origin: "api" });
    const token: string = made.body.token;
    expect(token).toMatch(/^ccg_[A-Za-z0-9_-]{43}$/);

    // it works on the agent API of its shop, and is not an admin token
    expect((await call("agent", "GET", "conversations", token)).status).toBe(200);
    expect((await call("admin", "GET", "tokens", token)).status).toBe(403);

    const listed = await call("admin", "GET", "tokens", ADMIN);
    expect(listed.status).toBe(200);
    expect(listed.body.tokens).toEqual([
      {
        tokenId: made.body.tokenId,
        role: "agent",
        label: "Night shift",
        origin: "api",
        createdAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    // nor is the value anywhere in the table
    const { Items = [] } = await db.doc.send(new ScanCommand({ TableName: db.table }));
    expect(JSON.stringify(Items)).not.toContain(token);

    expect((await call("admin", "DELETE", `tokens/${made.body.tokenId}`, ADMIN)).status).toBe(204);
    // the agent function's container may hold the grant for its minute's cache (lib/store/tokens.ts);
    // the admin function, which revoked it, forgot it at once (next test)
    expect((await call("admin", "GET", "tokens", ADMIN)).body.tokens).toEqual([]);
    expect((await call("admin", "DELETE", `tokens/${made.body.tokenId}`, ADMIN)).status).toBe(404);
  });

  it("an admin token made through the API administers its shop only", async () => {
    const made = await call("admin", "POST", "tokens", ADMIN, { role: "admin", label: "Owner's laptop" });
    expect(made.status).toBe(201);
    const listed = await call("admin", "GET", "tokens", made.body.token);
    expect(listed.body.tokens.map((t: { tokenId: string }) => t.tokenId)).toEqual([made.body.tokenId]);
    // another shop's token id is not found from here
    const dflt = await call("admin", "GET", "tokens", "dev-admin-token");
    expect(dflt.body.tokens.map((t: { tokenId: string }) => t.tokenId)).not.toContain(made.body.tokenId);
    expect((await call("admin", "DELETE", `tokens/${made.body.tokenId}`, "dev-admin-token")).status).toBe(
      404,
    );
    expect((await call("admin", "DELETE", `tokens/${made.body.tokenId}`, ADMIN)).status).toBe(204);
    expect((await call("admin", "GET", "tokens", made.body.token)).status).toBe(401);
  });

  it("lists the environment's tokens and refuses to revoke them (409: change the variable)", async () => {
    const listed = await call("admin", "GET", "tokens", "dev-admin-token");
    const env = listed.body.tokens.filter((t: { origin: string }) => t.origin === "env");
    expect(env.map((t: { role: string }) => t.role).sort()).toEqual(["admin", "agent"]);
    const res = await call("admin", "DELETE", `tokens/${env[0].tokenId}`, "dev-admin-token");
    expect(res.status).toBe(409);
  });

  it("refuses a token without role or label, or with unknown fields (400)", async () => {
    for (const body of [
      { role: "agent" },
      { role: "owner", label: "x" },
      { role: "agent", label: "x", token: "mine" },
    ]) {
      const res = await call("admin", "POST", "tokens", ADMIN, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("request.invalid");
    }
  });
});
