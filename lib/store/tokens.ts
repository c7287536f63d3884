/**
 * API bearer tokens. A token is stored only as the SHA-256 of its value (`keys.token(hex)` → shop and role),
 * so a table export or a log of keys never reveals one. The default shop's tokens come from the configuration
 * (ADMIN_TOKEN, AGENT_TOKEN): {@link ensureDefaultTokens} writes their hashes at start-up, and
 * {@link authenticate} also accepts them directly, so a fresh deployment works before anything was written.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Config } from "../config";
import { AppError } from "../errors";
import type { Db } from "./client";
import { entity, keys } from "./keys";
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
 * Writes the hashed ADMIN_TOKEN and AGENT_TOKEN for the default shop, once: an existing item (this token
 * already known) is left as it is, so running it at every start-up is free of side effects.
 */
export async function ensureDefaultTokens(db: Db, config: Pick<Config, "secrets">): Promise<void> {
  const grants: Array<[string, Role]> = [
    [config.secrets.ADMIN_TOKEN, "admin"],
    [config.secrets.AGENT_TOKEN, "agent"],
  ];
  for (const [token, role] of grants) {
    try {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: entity("Token", keys.token(sha256hex(token)), { shopId: DEFAULT_SHOP_ID, role }),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
  }
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
  const grant: TokenGrant = { shopId: item.shopId, role: item.role };
  cache.set(k, { at: Date.now(), grant });
  return grant;
}
