/**
 * A product with variants written as one (`PUT /api/admin/product-groups/{groupId}`): every variant's change in
 * one DynamoDB transaction with the shop's catalogVersion bump, so a price change reaches all sizes and colours
 * or none. Each variant is an Update of only the fields the merchant edited (never a whole-item Put: an order
 * taking stock between the page's read and this write must not be undone), conditional on the version the page
 * showed and, for a stock edit, on the stock it showed.
 */
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Product } from "../catalog/types";
import { AppError } from "../errors";
import { bumpCatalogVersion } from "./catalog";
import type { Db } from "./client";
import { keys } from "./keys";
import { cancellationCodes, type TransactItem } from "./transactions";

export interface VariantWrite {
  id: string;
  /** the fields to set (already validated) */
  set: Partial<Omit<Product, "id" | "version" | "updatedAt">>;
  /** the version the page showed */
  version?: number;
  /** with a stock edit: the stock the page showed */
  stockExpected?: number;
}

export async function writeProductGroup(
  db: Db,
  shopId: string,
  writes: VariantWrite[],
  at: string,
): Promise<void> {
  const items: TransactItem[] = writes.map((w) => {
    const names: Record<string, string> = { "#version": "version", "#updatedAt": "updatedAt" };
    const values: Record<string, unknown> = { ":one": 1, ":at": at };
    const sets = Object.entries(w.set).map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:f${i}`] = v;
      return `#f${i} = :f${i}`;
    });
    const conditions = ["attribute_exists(pk)"];
    if (w.version !== undefined) {
      values[":expected"] = w.version;
      conditions.push("#version = :expected");
    }
    if (w.stockExpected !== undefined) {
      names["#stock"] = "stock";
      values[":stockExpected"] = w.stockExpected;
      conditions.push("#stock = :stockExpected");
    }
    return {
      Update: {
        TableName: db.table,
        Key: keys.product(shopId, w.id),
        UpdateExpression: `SET ${[...sets, "#updatedAt = :at"].join(", ")} ADD #version :one`,
        ConditionExpression: conditions.join(" AND "),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
  items.push({ Update: bumpCatalogVersion(db, shopId) });
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    const codes = cancellationCodes(e);
    if (!codes) throw e;
    const changed = writes.filter((_, i) => codes[i] === "ConditionalCheckFailed").map((w) => w.id);
    throw new AppError(
      "admin.version_conflict",
      changed.length > 0
        ? `Changed meanwhile: ${changed.join(", ")}. Reload the product and apply your edits again.`
        : "The product changed meanwhile; try again.",
      { changed },
      { cause: e },
    );
  }
}
