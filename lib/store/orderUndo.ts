/**
 * Undoing an order's last status change (`POST /api/admin/orders/{id}/undo`). A merchant who marked the wrong
 * order shipped, or cancelled by mistake, has {@link UNDO_WINDOW_MS} to take it back: the order returns to the
 * status before, with an `undo: true` entry appended to its history (the history is never rewritten).
 *
 * Only a change an admin made can be undone (never the shopper's own cancellation), and only the last one.
 * Undoing `shipped` removes the tracking; undoing `cancelled` takes the stock again (conditional: when a line
 * no longer has enough, 409 `order.undo_stock` names it and nothing changes) and counts the order in the
 * analytics again. The shopper is not told: a message they already got stays, which is why the window is short.
 */
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { AppError } from "../errors";
import type { Order, StatusChange } from "../model/order";
import type { Db } from "./client";
import { keys } from "./keys";
import { cancellationCounts } from "./orderFunnel";
import { getOrder, stockMoves } from "./orders";
import { cancellationCodes, type TransactItem } from "./transactions";

export const UNDO_WINDOW_MS = 10 * 60_000;

/** Until when the last change of `order` can be undone, or undefined when it cannot. */
export function undoableUntil(order: Pick<Order, "history">, now: number): string | undefined {
  const last = order.history.at(-1);
  if (!last || order.history.length < 2 || last.undo || !last.by.startsWith("admin-")) return undefined;
  const until = Date.parse(last.at) + UNDO_WINDOW_MS;
  return until > now ? new Date(until).toISOString() : undefined;
}

export async function undoLastChange(
  db: Db,
  shopId: string,
  orderId: string,
  by: string,
  now: number,
): Promise<Order> {
  const order = await getOrder(db, shopId, orderId);
  if (!order) throw new AppError("not_found", `No order ${orderId}.`);
  const last = order.history.at(-1) as StatusChange;
  const before = order.history.at(-2);
  if (!before || !undoableUntil(order, now)) {
    throw new AppError(
      "order.undo_expired",
      `Only an admin's last change can be undone, within ${UNDO_WINDOW_MS / 60_000} minutes.`,
      { status: order.status },
    );
  }
  const at = new Date(now).toISOString();
  const entry: StatusChange = { status: before.status, at, by, undo: true };
  const items: TransactItem[] = [
    {
      Update: {
        TableName: db.table,
        Key: keys.order(shopId, orderId),
        UpdateExpression: `SET #status = :to, updatedAt = :at, history = list_append(history, :entry)${last.status === "shipped" ? " REMOVE tracking" : ""}`,
        // the order as read: the same status and no change appended since
        ConditionExpression: "#status = :from AND size(history) = :n",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":to": before.status,
          ":from": order.status,
          ":at": at,
          ":entry": [entry],
          ":n": order.history.length,
        },
      },
    },
  ];
  let stockLines: string[] = [];
  if (last.status === "cancelled") {
    const moves = await stockMoves(db, shopId, order, "take");
    stockLines = moves.productIds;
    items.push(...moves.items, await cancellationCounts(db, order, 1));
  }
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    const codes = cancellationCodes(e);
    if (!codes) throw e;
    const short = stockLines.filter((_, i) => codes[i + 1] === "ConditionalCheckFailed");
    if (short.length > 0) {
      throw new AppError("order.undo_stock", "Not enough stock left to restore the order.", {
        productIds: short,
      });
    }
    throw new AppError("order.conflict", "The order changed at the same time; read it again.");
  }
  const { tracking: _t, ...rest } = order;
  return {
    ...(last.status === "shipped" ? rest : order),
    status: before.status,
    updatedAt: at,
    history: [...order.history, entry],
  };
}
