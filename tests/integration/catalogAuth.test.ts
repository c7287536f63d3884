/** API tokens on DynamoDB Local: stored hashed, roles, the configured tokens of the default shop. */
import { randomUUID } from "node:crypto";
import { GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { keys } from "../../lib/store/keys";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import {
  authenticate,
  bearerToken,
  clearTokenCache,
  ensureDefaultTokens,
  listTokens,
  putToken,
  sha256hex,
} from "../../lib/store/tokens";
import { freshTable, type TestDb, useFreshTable } from "../helpers/db";

let db: TestDb;
useFreshTable((d) => {
  db = d;
});

const ADMIN = `admin-${randomUUID()}`;
const AGENT = `agent-${randomUUID()}`;
const config = { secrets: { ADMIN_TOKEN: ADMIN, AGENT_TOKEN: AGENT } as never };
const otherConfig = { secrets: { ADMIN_TOKEN: "something-else", AGENT_TOKEN: "and-else" } as never };

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe("tokens", () => {
  it("are stored as SHA-256 only: a scan of the table shows no token", async () => {
    await ensureDefaultTokens(db, config);
    await ensureDefaultTokens(db, config); // idempotent
    const shopToken = `shop-token-${randomUUID()}`;
    await putToken(db, shopToken, { shopId: "shop-x", role: "admin" });
    const { Items = [] } = await db.doc.send(new ScanCommand({ TableName: db.table }));
    const dump = JSON.stringify(Items);
    for (const t of [ADMIN, AGENT, shopToken]) expect(dump).not.toContain(t);
    const tokens = Items.filter((i) => i._et === "Token");
    expect(tokens.map((i) => i.pk).sort()).toEqual(
      [ADMIN, AGENT, shopToken].map((t) => keys.token(sha256hex(t)).pk).sort(),
    );
    expect(tokens.find((i) => i.pk === keys.token(sha256hex(ADMIN)).pk)).toMatchObject({
      shopId: DEFAULT_SHOP_ID,
      role: "admin",
    });
  });

  it("authenticates stored tokens by role; a stored environment token only while it is configured", async () => {
    await ensureDefaultTokens(db, config);
    expect(await authenticate(db, `Bearer ${ADMIN}`, "admin", config)).toBe(DEFAULT_SHOP_ID);
    expect(await codeOf(authenticate(db, `Bearer ${AGENT}`, "admin", config))).toBe("auth.forbidden");
    // other configured tokens: the old environment tokens no longer work, though their items remain
    expect(await codeOf(authenticate(db, `Bearer ${ADMIN}`, "admin", otherConfig))).toBe("auth.unauthorized");
    expect(await codeOf(authenticate(db, `bearer ${AGENT}`, "agent", otherConfig))).toBe("auth.unauthorized");
    const shopToken = `shop-token-${randomUUID()}`;
    await putToken(db, shopToken, { shopId: "shop-y", role: "agent" });
    expect(await authenticate(db, `Bearer ${shopToken}`, "agent", otherConfig)).toBe("shop-y");
    expect(await codeOf(authenticate(db, `Bearer ${shopToken}`, "admin", otherConfig))).toBe(
      "auth.forbidden",
    );
  });

  it("rotating the environment's token deletes the old one's items at the next start", async () => {
    await ensureDefaultTokens(db, config);
    await ensureDefaultTokens(db, otherConfig);
    for (const t of [ADMIN, AGENT]) {
      const got = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.token(sha256hex(t)) }));
      expect(got.Item).toBeUndefined();
    }
    const listed = await listTokens(db, DEFAULT_SHOP_ID);
    expect(
      listed
        .filter((t) => t.origin === "env")
        .map((t) => t.tokenId)
        .sort(),
    ).toEqual(["something-else", "and-else"].map((t) => sha256hex(t).slice(0, 16)).sort());
    expect(await authenticate(db, "Bearer something-else", "admin", otherConfig)).toBe(DEFAULT_SHOP_ID);
    expect(await codeOf(authenticate(db, `Bearer ${ADMIN}`, "admin", otherConfig))).toBe("auth.unauthorized");
  });

  it("accepts the configured tokens before anything is stored", async () => {
    const empty = await freshTable();
    try {
      expect(await authenticate(empty, `Bearer ${ADMIN}`, "admin", config)).toBe(DEFAULT_SHOP_ID);
      expect(await codeOf(authenticate(empty, `Bearer ${AGENT}`, "admin", config))).toBe("auth.forbidden");
    } finally {
      await empty.drop();
    }
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["no scheme", ADMIN],
    ["another scheme", `Basic ${ADMIN}`],
    ["an unknown token", "Bearer nope"],
    ["a token with a suffix", `Bearer ${ADMIN}x`],
    ["a prefix of the token", `Bearer ${ADMIN.slice(0, -1)}`],
  ])("refuses %s with auth.unauthorized", async (_label, header) => {
    expect(await codeOf(authenticate(db, header, "admin", otherConfig))).toBe("auth.unauthorized");
  });

  it("caches grants it found, but never a miss", async () => {
    const token = `late-${randomUUID()}`;
    expect(await codeOf(authenticate(db, `Bearer ${token}`, "admin", otherConfig))).toBe("auth.unauthorized");
    await putToken(db, token, { shopId: "shop-z", role: "admin" });
    expect(await authenticate(db, `Bearer ${token}`, "admin", otherConfig)).toBe("shop-z");
    clearTokenCache();
  });

  it("parses bearer headers", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("BEARER   abc  ")).toBe("abc");
    expect(bearerToken("Bearer a b")).toBeUndefined();
    expect(bearerToken("Bearer ")).toBeUndefined();
  });
});
