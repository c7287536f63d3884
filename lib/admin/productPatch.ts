/**
 * `PATCH /api/admin/products/{id}`: applies only the fields the body has (docs/interface.md). Stock is changed
 * only explicitly, so orders placed while a form was open are never undone (issue 14: a stale form saved after
 * an order put the stock back):
 * - `"stock": N` sets it; with `"stockExpected": M` only while the stock is still M (the value the form showed),
 *   else 409 `admin.stock_changed` with the current stock;
 * - `"stockDelta": d` adjusts it atomically (never below 0: 409 `admin.stock_changed`).
 * Other fields are merged over the stored product and the result validated as a whole. `If-Match` is honoured
 * (412 on another version); without it the write is conditional on the version read, and retried.
 */
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { parseProduct } from "../catalog/schema";
import type { Product } from "../catalog/types";
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import { type HttpResponse, json } from "../http/respond";
import { log } from "../log";
import { bumpCatalogVersion, getProduct } from "../store/catalog";
import type { Db } from "../store/client";
import { keys } from "../store/keys";
import { getSettings } from "../store/settings";
import { backoff, cancellationCodes, isConflict, sleep } from "../store/transactions";
import { etag, ifMatchOf, readJson } from "./body";

const MAX_ATTEMPTS = 6;
const FIXED = new Set(["id", "version", "updatedAt", "stock", "stockExpected", "stockDelta"]);

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);

function stockChange(body: Record<string, unknown>) {
  const { stock, stockExpected, stockDelta } = body;
  const bad = (path: string, message: string) =>
    new AppError("request.invalid", "The stock change is not valid.", [{ path, message }]);
  if (stock !== undefined && stockDelta !== undefined)
    throw bad("stockDelta", "send stock or stockDelta, not both");
  if (stock !== undefined && (!isInt(stock) || stock < 0)) throw bad("stock", "must be a whole number ≥ 0");
  if (stockExpected !== undefined && (stock === undefined || !isInt(stockExpected) || stockExpected < 0))
    throw bad("stockExpected", "must be a whole number ≥ 0, with stock");
  if (stockDelta !== undefined && !isInt(stockDelta)) throw bad("stockDelta", "must be a whole number");
  return {
    set: stock as number | undefined,
    expected: stockExpected as number | undefined,
    delta: stockDelta as number | undefined,
  };
}

/** A product's price must be in the shop's currency (issue 14: "ABC" and other currencies were accepted). */
export async function checkCurrency(db: Db, shopId: string, product: Product): Promise<void> {
  const { currency } = await getSettings(db, shopId);
  if (product.price.currency !== currency)
    throw new AppError("request.invalid", `Prices must be in the shop's currency, ${currency}.`, [
      { path: "price.currency", message: `must be ${currency}` },
    ]);
}

export async function patchProduct(ctx: {
  req: HttpRequest;
  deps: { db: Db };
  shopId: string;
  id: string;
}): Promise<HttpResponse> {
  const { req, shopId, id } = ctx;
  const { db } = ctx.deps;
  const body = readJson(req);
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new AppError("request.invalid", "The body must be a JSON object (the fields to change).");
  const record = body as Record<string, unknown>;
  if (record.id !== undefined && record.id !== id)
    throw new AppError("request.invalid", "The product's id must match the path.", [
      { path: "id", message: `must be "${id}"` },
    ]);
  const stock = stockChange(record);
  const fields = Object.keys(record).filter((k) => !FIXED.has(k));
  const ifMatch = ifMatchOf(req);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await getProduct(db, shopId, id);
    if (!current) throw new AppError("not_found", `No product ${id}.`);
    if (typeof ifMatch === "number" && ifMatch !== current.version)
      throw new AppError("admin.version_conflict", `The product ${id} is no longer at version ${ifMatch}.`);
    const changed = Object.fromEntries(fields.map((f) => [f, record[f]]));
    const parsed = parseProduct({ ...current, ...changed, id, stock: stock.set ?? current.stock });
    if (!parsed.ok) throw new AppError("request.invalid", "The product is not valid.", parsed.errors);
    if (fields.includes("price")) await checkCurrency(db, shopId, parsed.value);
    const names: Record<string, string> = { "#version": "version", "#updatedAt": "updatedAt" };
    // DynamoDB refuses a name the expressions do not use
    if (stock.set !== undefined || stock.delta !== undefined) names["#stock"] = "stock";
    const values: Record<string, unknown> = {
      ":seen": current.version ?? 0,
      ":next": (current.version ?? 0) + 1,
      ":at": new Date().toISOString(),
    };
    const sets = ["#version = :next", "#updatedAt = :at"];
    fields.forEach((f, i) => {
      names[`#f${i}`] = f;
      values[`:f${i}`] = (parsed.value as unknown as Record<string, unknown>)[f];
      sets.push(`#f${i} = :f${i}`);
    });
    const conditions = ["#version = :seen"];
    if (stock.set !== undefined) {
      sets.push("#stock = :stock");
      values[":stock"] = stock.set;
      if (stock.expected !== undefined) {
        conditions.push("#stock = :expected");
        values[":expected"] = stock.expected;
      }
    } else if (stock.delta !== undefined) {
      sets.push("#stock = #stock + :delta");
      values[":delta"] = stock.delta;
      if (stock.delta < 0) {
        conditions.push("#stock >= :need");
        values[":need"] = -stock.delta;
      }
    }
    try {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: db.table,
                Key: keys.product(shopId, id),
                UpdateExpression: `SET ${sets.join(", ")}`,
                ConditionExpression: conditions.join(" AND "),
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            { Update: bumpCatalogVersion(db, shopId) },
          ],
        }),
      );
    } catch (e) {
      const codes = cancellationCodes(e);
      if (codes?.[0] === "ConditionalCheckFailed" || isConflict(e)) {
        const fresh = await getProduct(db, shopId, id);
        if (fresh && fresh.version === current.version && codes?.[0] === "ConditionalCheckFailed") {
          // the version held, so the stock condition failed: the form's stock is out of date
          return json(409, {
            error: { code: "admin.stock_changed", message: `The stock of ${id} changed meanwhile.` },
            stock: fresh.stock,
          });
        }
        if (typeof ifMatch === "number")
          throw new AppError("admin.version_conflict", `The product ${id} changed meanwhile.`);
        await sleep(backoff(attempt));
        continue;
      }
      throw e;
    }
    const item = await getProduct(db, shopId, id);
    log.info("admin.product_patched", { shopId, id, fields, stock: stock.set ?? stock.delta });
    return json(200, item, { etag: etag(item?.version) });
  }
  throw new AppError("admin.conflict", `The product ${id} is being changed by others: try again.`);
}
