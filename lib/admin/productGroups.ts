/**
 * A product with variants, edited as one (docs/interface.md, Admin API). Variants are products sharing a
 * `groupId`; the shared fields (title, description, category, tags, brand) are edited once, the price, stock,
 * colour, size and picture per variant.
 * - `GET /product-groups/{groupId}`: `{groupId, shared, variants[{id, price, stock, color?, size?, attributes,
 *   imageUrl?, version}], differs}` (`differs`: shared fields whose values differ between the variants today;
 *   `shared` shows the first variant's).
 * - `PUT /product-groups/{groupId}` `{shared?, variants[{id, version?, price?, stock?, stockExpected?, color?,
 *   size?, imageUrl?}]}`: only what is present changes, in one transaction (lib/store/productGroups.ts). Every
 *   variant is validated as the product it becomes; errors name `shared.title.en` or `variants.2.price.amount`.
 *   A version or shown stock that no longer holds is 412 with the changed ids; nothing is written then.
 * A product without a group is a group of one under its own id.
 */
import { z } from "zod/v4";
import { fieldErrors, parseProduct, productSchema } from "../catalog/schema";
import type { Product } from "../catalog/types";
import { AppError } from "../errors";
import { type HttpResponse, json } from "../http/respond";
import { notFound } from "../http/router";
import { log } from "../log";
import { listProducts } from "../store/catalog";
import { type VariantWrite, writeProductGroup } from "../store/productGroups";
import { readJson } from "./body";
import type { Ctx } from "./routes";

const SHARED = ["title", "description", "category", "tags", "brand"] as const;

const GroupBody = z.strictObject({
  shared: productSchema
    .pick({ title: true, description: true, category: true, tags: true, brand: true })
    .partial()
    .optional(),
  variants: z
    .array(
      z.strictObject({
        id: z.string(),
        version: z.int().min(0).optional(),
        price: productSchema.shape.price.optional(),
        stock: z.int().min(0).max(1_000_000_000).optional(),
        stockExpected: z.int().min(0).optional(),
        color: z.string().trim().toLowerCase().max(200).optional(),
        size: z.string().trim().max(200).optional(),
        imageUrl: productSchema.shape.imageUrl,
      }),
    )
    .max(99, "at most 99 variants at once")
    .default([]),
});

async function variantsOf({ deps, shopId, id }: Ctx): Promise<Product[]> {
  const all = await listProducts(deps.db, shopId);
  const variants = all.filter((p) => p.groupId === id || (!p.groupId && p.id === id));
  if (variants.length === 0) throw notFound(`No product group ${id}.`);
  return variants.sort((a, b) => a.id.localeCompare(b.id));
}

function groupView(groupId: string, variants: Product[]) {
  const first = variants[0] as Product;
  const differs = SHARED.filter((f) =>
    variants.some((v) => JSON.stringify(v[f]) !== JSON.stringify(first[f])),
  );
  return {
    groupId,
    shared: Object.fromEntries(SHARED.filter((f) => first[f] !== undefined).map((f) => [f, first[f]])),
    variants: variants.map((v) => ({
      id: v.id,
      price: v.price,
      stock: v.stock,
      ...(v.attributes.color !== undefined && { color: v.attributes.color }),
      ...(v.attributes.size !== undefined && { size: v.attributes.size }),
      attributes: v.attributes,
      ...(v.imageUrl !== undefined && { imageUrl: v.imageUrl }),
      version: v.version,
    })),
    differs,
  };
}

async function get(ctx: Ctx): Promise<HttpResponse> {
  return json(200, groupView(ctx.id, await variantsOf(ctx)));
}

async function put(ctx: Ctx): Promise<HttpResponse> {
  const parsed = GroupBody.safeParse(readJson(ctx.req));
  if (!parsed.success)
    throw new AppError("request.invalid", "The product group is not valid.", fieldErrors(parsed.error));
  const variants = await variantsOf(ctx);
  const byId = new Map(variants.map((v) => [v.id, v]));
  const { shared = {}, variants: edits } = parsed.data;
  const errors: Array<{ path: string; message: string }> = [];
  const editOf = new Map(edits.map((e) => [e.id, e]));
  edits.forEach((e, i) => {
    if (!byId.has(e.id)) errors.push({ path: `variants.${i}.id`, message: `is not a variant of ${ctx.id}` });
  });
  const writes: VariantWrite[] = [];
  variants.forEach((current) => {
    const e = editOf.get(current.id);
    const attributes = {
      ...current.attributes,
      ...(e?.color !== undefined && { color: e.color }),
      ...(e?.size !== undefined && { size: e.size }),
    };
    const set: VariantWrite["set"] = {
      ...shared,
      ...(e?.price && { price: e.price }),
      ...(e?.stock !== undefined && { stock: e.stock }),
      ...(e?.imageUrl !== undefined && { imageUrl: e.imageUrl }),
      ...((e?.color !== undefined || e?.size !== undefined) && { attributes }),
    };
    if (Object.keys(set).length === 0) return;
    const next = parseProduct({ ...current, ...set });
    if (!next.ok) {
      const i = edits.findIndex((x) => x.id === current.id);
      for (const err of next.errors) {
        const shares = SHARED.some((f) => err.path === f || err.path.startsWith(`${f}.`));
        errors.push({
          path: shares ? `shared.${err.path}` : `variants.${i}.${err.path}`,
          message: err.message,
        });
      }
      return;
    }
    writes.push({
      id: current.id,
      set,
      ...(e?.version !== undefined && { version: e.version }),
      ...(e?.stock !== undefined && e.stockExpected !== undefined && { stockExpected: e.stockExpected }),
    });
  });
  if (errors.length > 0) throw new AppError("request.invalid", "The product group is not valid.", errors);
  if (writes.length > 0)
    await writeProductGroup(ctx.deps.db, ctx.shopId, writes, new Date(ctx.now).toISOString());
  log.info("admin.product_group_put", { shopId: ctx.shopId, groupId: ctx.id, variants: writes.length });
  return json(200, groupView(ctx.id, await variantsOf(ctx)));
}

export const productGroups = { get, put };
