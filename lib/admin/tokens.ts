/**
 * The shop's API tokens (docs/interface.md, Admin API):
 * - `GET /tokens`: every token of the shop, by id (a prefix of its SHA-256), role, label, origin and date;
 *   never a token's value;
 * - `POST /tokens` `{"role": "admin"|"agent", "label"}`: a new token, shown once in the 201 (`token`);
 * - `DELETE /tokens/{id}`: revoke it (204). ADMIN_TOKEN / AGENT_TOKEN are revoked by changing the environment
 *   (lib/store/tokens.ts ensureDefaultTokens): a DELETE of one is a 409.
 */
import { z } from "zod/v4";
import { fieldErrors } from "../catalog/schema";
import { AppError } from "../errors";
import { type HttpResponse, json } from "../http/respond";
import { notFound } from "../http/router";
import { log } from "../log";
import { createToken, listTokens, revokeToken } from "../store/tokens";
import { readJson } from "./body";
import type { Ctx } from "./routes";

const NewToken = z.strictObject({
  role: z.enum(["admin", "agent"]),
  label: z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
});

async function list({ deps, shopId }: Ctx): Promise<HttpResponse> {
  return json(200, { tokens: await listTokens(deps.db, shopId) });
}

async function create({ req, deps, shopId, adminId, now }: Ctx): Promise<HttpResponse> {
  const parsed = NewToken.safeParse(readJson(req));
  if (!parsed.success)
    throw new AppError("request.invalid", "A token needs a role and a label.", fieldErrors(parsed.error));
  const made = await createToken(deps.db, shopId, parsed.data, now);
  log.info("admin.token_created", { shopId, tokenId: made.tokenId, role: made.role, by: adminId });
  return json(201, made);
}

async function revoke({ deps, shopId, id, adminId }: Ctx): Promise<HttpResponse> {
  if (!/^[0-9a-f]{16}$/.test(id)) throw notFound(`No token ${id}.`);
  const r = await revokeToken(deps.db, shopId, id);
  if (r === "missing") throw notFound(`No token ${id}.`);
  if (r === "env")
    throw new AppError(
      "conflict",
      "This is the environment's ADMIN_TOKEN or AGENT_TOKEN: change the variable to revoke it.",
    );
  log.info("admin.token_revoked", { shopId, tokenId: id, by: adminId });
  return { statusCode: 204, headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } };
}

export const tokens = { list, create, revoke };
