/**
 * API bearer tokens. A token is stored only as the SHA-256 of its value (`keys.token(hex)` → shop and role),
 * so a table export or a log of keys never reveals one. The default shop's tokens come from the configuration
 * (ADMIN_TOKEN, AGENT_TOKEN): {@link ensureDefaultTokens} writes their hashes at start-up, and
 * {@link authenticate} also accepts them directly, so a fresh deployment works before anything was written.
 * A stored grant that came from the environment (`origin: "env"`) is never accepted from the table: only the
 * current configured value is, so changing ADMIN_TOKEN / AGENT_TOKEN revokes the old one at once.
 *
 * Tokens made through the admin API (lib/admin/tokens.ts) also get a `TokenRef` in the shop's partition (id,
 * role, label, created): what the list shows and what a revoke deletes, with the grant, in one transaction.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Config } from "../config";
import { AppError } from "../errors";
import type { Db } from "./client";
import { entity, keys } from "./keys";
import { queryAll } from "./query";
import { DEFAULT_SHOP_ID } from "./shops";

/** `admin` edits the shop (admin API); `agent` answers shoppers (agent API). Neither implies the other. */
export type Role = "admin" | "agent";

export interface TokenGrant {
  shopId: string;
  role: Role;
}

const sha256 = (value: string): Buffer => createHash("sha256").update(value, "utf8").digest();
export const sha256hex = (value: string): string => sha256(value).toString("hex");

/** Stores a token (hashed) for a shop and role. Overwrites an existing grant of the same token. */
export async function putToken(db: Db, token: string, grant: TokenGrant): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: entity("Token", keys.token(sha256hex(token)), { shopId: grant.shopId, role: grant.role }),
    }),
  );
  cache.delete(cacheKey(db, sha256hex(token)));
}

/**
 * Writes the hashed ADMIN_TOKEN and AGENT_TOKEN for the default shop and remembers each role's digest
 * (`keys.envToken`). When the configured value changed since the last start, the old token's grant and list
 * entry are deleted in the same transaction: rotating the environment's token revokes the old one. Running it
 * again with the same values rewrites the same items.
 */
export async function ensureDefaultTokens(
  db: Db,
  config: Pick<Config, "secrets">,
  now: () => number = Date.now,
): Promise<void> {
  const grants: Array<[string, Role]> = [
    [config.secrets.ADMIN_TOKEN, "admin"],
    [config.secrets.AGENT_TOKEN, "agent"],
  ];
  for (const [token, role] of grants) {
    const hex = sha256hex(token);
    const prev = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.envToken(role) }));
    const old = typeof prev.Item?.digest === "string" ? (prev.Item.digest as string) : undefined;
    if (old === hex) continue;
    const tokenId = hex.slice(0, 16);
    const writes: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]> = [
      {
        Put: {
          TableName: db.table,
          Item: entity("Token", keys.token(hex), { shopId: DEFAULT_SHOP_ID, role, origin: "env" }),
        },
      },
      {
        Put: {
          TableName: db.table,
          Item: entity("TokenRef", keys.tokenRef(DEFAULT_SHOP_ID, tokenId), {
            tokenId,
            digest: hex,
            role,
            label: `${role === "admin" ? "ADMIN_TOKEN" : "AGENT_TOKEN"} (environment)`,
            origin: "env",
            createdAt: new Date(now()).toISOString(),
          }),
        },
      },
      { Put: { TableName: db.table, Item: entity("EnvToken", keys.envToken(role), { digest: hex }) } },
    ];
    if (old) {
      writes.push({ Delete: { TableName: db.table, Key: keys.token(old) } });
      writes.push({ Delete: { TableName: db.table, Key: keys.tokenRef(DEFAULT_SHOP_ID, old.slice(0, 16)) } });
      cache.delete(cacheKey(db, old));
    }
    await db.doc.send(new TransactWriteCommand({ TransactItems: writes }));
  }
}

/** A token as the admin API lists it: never its value, only its id (a prefix of its SHA-256). */
export interface TokenInfo {
  tokenId: string;
  role: Role;
  label: string;
  /** `env`: ADMIN_TOKEN / AGENT_TOKEN (rotate it in the environment); `api`: made through the admin API */
  origin: "env" | "api";
  createdAt: string;
}

const toInfo = (item: Record<string, unknown>): TokenInfo => ({
  tokenId: String(item.tokenId),
  role: item.role === "agent" ? "agent" : "admin",
  label: typeof item.label === "string" ? item.label : "",
  origin: item.origin === "env" ? "env" : "api",
  createdAt: typeof item.createdAt === "string" ? item.createdAt : "",
});

/** The shop's tokens, oldest first (one Query of the shop's token partition). */
export async function listTokens(db: Db, shopId: string): Promise<TokenInfo[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.tokenRefPartition(shopId) },
  });
  return items.map(toInfo).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * Makes a new token for the shop: 32 random bytes, base64url, prefixed by its role. Only its digest is
 * stored; the value is returned once, to be shown once.
 */
export async function createToken(
  db: Db,
  shopId: string,
  input: { role: Role; label: string },
  now: number,
): Promise<TokenInfo & { token: string }> {
  const token = `cc${input.role === "admin" ? "a" : "g"}_${randomBytes(32).toString("base64url")}`;
  const hex = sha256hex(token);
  const info: TokenInfo = {
    tokenId: hex.slice(0, 16),
    role: input.role,
    label: input.label,
    origin: "api",
    createdAt: new Date(now).toISOString(),
  };
  await db.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: db.table,
            Item: entity("Token", keys.token(hex), { shopId, role: input.role, origin: "api" }),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        {
          Put: {
            TableName: db.table,
            Item: entity("TokenRef", keys.tokenRef(shopId, info.tokenId), { ...info, digest: hex }),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      ],
    }),
  );
  return { ...info, token };
}

/**
 * Revokes a token made through the admin API: its grant and list entry go in one transaction. `missing` when
 * the shop has no such token; `env` for ADMIN_TOKEN / AGENT_TOKEN, which only a change of the environment
 * revokes. This container forgets it at once; others within their minute's cache ({@link authenticate}).
 */
export async function revokeToken(
  db: Db,
  shopId: string,
  tokenId: string,
): Promise<"revoked" | "missing" | "env"> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.tokenRef(shopId, tokenId) }));
  const item = res.Item;
  if (!item || typeof item.digest !== "string") return "missing";
  if (item.origin === "env") return "env";
  await db.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        { Delete: { TableName: db.table, Key: keys.token(item.digest) } },
        { Delete: { TableName: db.table, Key: keys.tokenRef(shopId, tokenId) } },
      ],
    }),
  );
  cache.delete(cacheKey(db, item.digest));
  return "revoked";
}

/** `Authorization: Bearer <token>` → the token; undefined for anything else. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const m = /^Bearer[ \t]+(\S{1,512})[ \t]*$/i.exec(authorization ?? "");
  return m?.[1];
}

const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; grant: TokenGrant }>();
const cacheKey = (db: Db, hex: string) => `${db.table}#${hex}`;

/** Forget cached grants (tests that revoke tokens). */
export const clearTokenCache = (): void => cache.clear();

/** Who a token is: its shop and role, and a stable, non-secret id (a prefix of its SHA-256). */
export interface Principal extends TokenGrant {
  tokenId: string;
}

/**
 * The shop an `Authorization` header grants `role` on. Throws `auth.unauthorized` (401) for a missing,
 * malformed or unknown token and `auth.forbidden` (403) for a token of another role.
 *
 * Positive look-ups are cached for a minute per container, so a revoked token may work that long; unknown
 * tokens are never cached, so a token created a moment ago works at once.
 */
export async function authenticate(
  db: Db,
  authorization: string | undefined,
  role: Role,
  config: Pick<Config, "secrets">,
): Promise<string> {
  return (await authenticatePrincipal(db, authorization, role, config)).shopId;
}

/**
 * As {@link authenticate}, with the token's id: the first 16 hex digits of its SHA-256 (64 bits). The id
 * names the person behind an agent token (`agentId`) without revealing the token: the digest is one-way,
 * and a prefix of it is not enough to look the token's item up.
 */
export async function authenticatePrincipal(
  db: Db,
  authorization: string | undefined,
  role: Role,
  config: Pick<Config, "secrets">,
): Promise<Principal> {
  const token = bearerToken(authorization);
  if (!token) throw new AppError("auth.unauthorized", "A bearer token is required.");
  const digest = sha256(token);
  const grant = configuredGrant(digest, config) ?? (await storedGrant(db, digest.toString("hex")));
  if (!grant) throw new AppError("auth.unauthorized", "The bearer token is not valid.");
  if (grant.role !== role) throw new AppError("auth.forbidden", `This needs an ${role} token.`);
  return { ...grant, tokenId: digest.toString("hex").slice(0, 16) };
}

/**
 * The default shop's configured tokens, compared as SHA-256 digests with timingSafeEqual: equal lengths
 * whatever the token, and no early exit that would tell an attacker how much of a guess was right.
 */
function configuredGrant(digest: Buffer, config: Pick<Config, "secrets">): TokenGrant | undefined {
  let found: TokenGrant | undefined;
  for (const [secret, role] of [
    [config.secrets.ADMIN_TOKEN, "admin"],
    [config.secrets.AGENT_TOKEN, "agent"],
  ] as const) {
    if (secret && timingSafeEqual(digest, sha256(secret))) found ??= { shopId: DEFAULT_SHOP_ID, role };
  }
  return found;
}

async function storedGrant(db: Db, hex: string): Promise<TokenGrant | undefined> {
  const k = cacheKey(db, hex);
  const hit = cache.get(k);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.grant;
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.token(hex) }));
  const item = res.Item;
  if (!item || typeof item.shopId !== "string" || (item.role !== "admin" && item.role !== "agent"))
    return undefined;
  // An environment token counts only while it is the configured one ({@link configuredGrant}).
  if (item.origin === "env") return undefined;
  const grant: TokenGrant = { shopId: item.shopId, role: item.role };
  cache.set(k, { at: Date.now(), grant });
  return grant;
}
