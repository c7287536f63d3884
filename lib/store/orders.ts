/**
 * Orders. Placing one is a single DynamoDB transaction (docs/interface.md, Guarantees): the cart, at the revision the shopper
 * confirmed, is emptied; each line's stock goes down under the condition that enough is left at the price
 * shown; the order, the conversation's reference to it and a "cart revision N became this order" marker are
 * written. A repeated confirmation finds the marker; a line that ran out cancels everything and says which.
 *
 * Status changes are conditional on the status read (no lost update between two admins); a cancellation puts
 * the stock back in the same transaction.
 */

import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Product } from "../catalog/types";
import { AppError } from "../errors";
import type { LineProblem, NewOrder, PlaceResult } from "../model/order";
import { newOrderId } from "../orders/ids";
import { canMove, type Order, type OrderStatus, type StatusChange, type Tracking } from "../orders/types";
import { ADDED_PREFIX, type Cart, LINE_PREFIX } from "./carts";
import { fromItem } from "./catalog";
import type { Db } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { entity, GSI1, keys, toDomain } from "./keys";
import { cancellationCounts } from "./orderFunnel";
import { batchGetAll, queryPages, type StartKey } from "./query";
import { backoff, cancellationCodes, isConflict, sleep, type TransactItem } from "./transactions";

const MAX_ATTEMPTS = 6;
const PLACED_TTL_DAYS = 90;

export type { LineProblem, NewOrder, PlaceResult } from "../model/order";

/** Fresh products (consistent reads), for pricing a checkout and explaining a failed order. */
export async function getProductsFresh(db: Db, shopId: string, ids: string[]): Promise<Map<string, Product>> {
  const items = await batchGetAll(
    db,
    [...new Set(ids)].map((id) => ({ ...keys.product(shopId, id) })),
  );
  return new Map(items.map((item) => fromItem<Product>(item)).map((p) => [p.id, p]));
}

/** What is wrong with the order's lines now, by fresh reads. */
async function lineProblems(db: Db, order: NewOrder): Promise<LineProblem[]> {
  const fresh = await getProductsFresh(
    db,
    order.shopId,
    order.items.map((l) => l.productId),
  );
  const problems: LineProblem[] = [];
  for (const line of order.items) {
    const p = fresh.get(line.productId);
    if (!p) problems.push({ productId: line.productId, reason: "missing" });
    else if (p.price.amount !== line.unitPrice.amount || p.price.currency !== line.unitPrice.currency) {
      problems.push({ productId: line.productId, reason: "price_changed" });
    } else if (p.stock <= 0)
      problems.push({ productId: line.productId, reason: "out_of_stock", available: 0 });
    else if (p.stock < line.quantity)
      problems.push({ productId: line.productId, reason: "short", available: p.stock });
  }
  return problems;
}

export async function findPlaced(
  db: Db,
  shopId: string,
  conversationId: string,
  rev: number,
): Promise<string | undefined> {
  const res = await db.doc.send(
    new GetCommand({
      TableName: db.table,
      Key: keys.orderPlaced(shopId, conversationId, rev),
      ConsistentRead: true,
    }),
  );
  return res.Item?.orderId as string | undefined;
}

/**
 * Places the order for cart revision `rev`: one transaction, retried on conflicts with other orders of the
 * same products (with a new id on the rare id collision).
 */
export async function placeOrder(
  db: Db,
  input: NewOrder,
  cart: Pick<Cart, "lines">,
  now: Date,
  newId: () => string = newOrderId,
): Promise<PlaceResult> {
  const { shopId, conversationId, cartRev: rev } = input;
  if (input.items.length === 0) return { kind: "cart_changed" };
  const at = now.toISOString();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const orderId = newId();
    const order: Order = {
      ...input,
      orderId,
      status: "pending",
      createdAt: at,
      updatedAt: at,
      history: [{ status: "pending", at, by: "shopper" }],
    };
    const cartNames: Record<string, string> = {};
    const removes = ["checkout", "gsi1pk", "gsi1sk", "remindedAt"];
    cart.lines.forEach((l, i) => {
      cartNames[`#l${i}`] = `${LINE_PREFIX}${l.productId}`;
      cartNames[`#a${i}`] = `${ADDED_PREFIX}${l.productId}`;
      removes.push(`#l${i}`, `#a${i}`);
    });
    const items: TransactItem[] = [
      {
        Update: {
          TableName: db.table,
          Key: keys.cart(shopId, conversationId),
          UpdateExpression: `SET updatedAt = :at ADD rev :one REMOVE ${removes.join(", ")}`,
          ConditionExpression: "rev = :rev",
          ...(Object.keys(cartNames).length > 0 ? { ExpressionAttributeNames: cartNames } : {}),
          ExpressionAttributeValues: { ":at": at, ":one": 1, ":rev": rev },
        },
      },
      {
        Put: {
          TableName: db.table,
          Item: entity("OrderPlaced", keys.orderPlaced(shopId, conversationId, rev), {
            orderId,
            expiresAt: Math.floor(now.getTime() / 1000) + PLACED_TTL_DAYS * 86400,
          }),
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      {
        Put: {
          TableName: db.table,
          Item: {
            ...entity("Order", keys.order(shopId, orderId), order),
            gsi1pk: keys.ordersByTime(shopId),
            gsi1sk: `${at}#${orderId}`,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      {
        Put: {
          TableName: db.table,
          Item: entity("OrderRef", keys.orderRef(shopId, conversationId, orderId), {
            orderId,
            createdAt: at,
          }),
        },
      },
      ...order.items.map(
        (line): TransactItem => ({
          Update: {
            TableName: db.table,
            Key: keys.product(shopId, line.productId),
            UpdateExpression: "SET #stock = #stock - :q",
            ConditionExpression:
              "attribute_exists(pk) AND #stock >= :q AND #price.#amount = :amount AND #price.#currency = :currency",
            ExpressionAttributeNames: {
              "#stock": "stock",
              "#price": "price",
              "#amount": "amount",
              "#currency": "currency",
            },
            ExpressionAttributeValues: {
              ":q": line.quantity,
              ":amount": line.unitPrice.amount,
              ":currency": line.unitPrice.currency,
            },
          },
        }),
      ),
    ];
    try {
      // the token makes the SDK's own retry of this request (after a timeout) idempotent
      await db.doc.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: randomUUID() }));
      return { kind: "placed", order };
    } catch (e) {
      const codes = cancellationCodes(e);
      if (!codes) throw e;
      const failed = (i: number) => codes[i] === "ConditionalCheckFailed";
      if (failed(0) || failed(1)) {
        const placed = await findPlaced(db, shopId, conversationId, rev);
        // our own order, when an earlier try of this very transaction went through after all
        if (placed === orderId) return { kind: "placed", order };
        return placed ? { kind: "already", orderId: placed } : { kind: "cart_changed" };
      }
      if (codes.slice(4).some((c) => c === "ConditionalCheckFailed")) {
        const problems = await lineProblems(db, input);
        if (problems.length > 0) return { kind: "unavailable", problems };
        // it changed back meanwhile (another order was cancelled): try again
      } else if (!failed(2) && !isConflict(e)) {
        throw e;
      }
      await sleep(backoff(attempt));
    }
  }
  throw new AppError("order.busy", "Too many orders at once for these products; try again.");
}

export async function getOrder(db: Db, shopId: string, orderId: string): Promise<Order | undefined> {
  const res = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.order(shopId, orderId), ConsistentRead: true }),
  );
  return res.Item ? orderFromItem(res.Item) : undefined;
}

const orderFromItem = (item: Record<string, unknown>): Order => toDomain<Order>(item);

export interface OrderPage {
  items: Order[];
  /** pass back as `cursor` for the next page */
  next?: string;
}

/**
 * A shop's orders, newest first, optionally of one status (a filter on the shop's order index: a page may
 * read further to fill up, and `next` continues where it stopped).
 */
export async function listOrders(
  db: Db,
  shopId: string,
  opts: { status?: OrderStatus; limit?: number; cursor?: string } = {},
): Promise<OrderPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 100);
  const start = decodeCursor(opts.cursor, keys.ordersByTime(shopId), "cursor");
  if (start && start.gsi1pk !== keys.ordersByTime(shopId)) {
    throw new AppError("request.invalid", "The cursor is for another shop.");
  }
  const items: Order[] = [];
  let next: StartKey | undefined;
  const pages = queryPages(
    db,
    {
      IndexName: GSI1,
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: {
        ":pk": keys.ordersByTime(shopId),
        ...(opts.status ? { ":status": opts.status } : {}),
      },
      ...(opts.status
        ? { FilterExpression: "#status = :status", ExpressionAttributeNames: { "#status": "status" } }
        : {}),
      ScanIndexForward: false,
    },
    { start, limit: () => limit - items.length },
  );
  for await (const page of pages) {
    for (const item of page.items) items.push(orderFromItem(item));
    next = page.next;
    if (items.length >= limit) break;
  }
  return { items, ...(next ? { next: encodeCursor(next) } : {}) };
}

/** The conversation's orders, newest first. */
export async function ordersOfConversation(db: Db, shopId: string, conversationId: string): Promise<Order[]> {
  const refs = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: {
        ":pk": keys.orderRef(shopId, conversationId, "").pk,
        ":prefix": "ORDER#",
      },
      // "where is my order" right after placing it must find it
      ConsistentRead: true,
    }),
  );
  // the newest 100 (ids are random: order by the time on the reference)
  const ids = (refs.Items ?? [])
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))
    .slice(0, 100)
    .map((i) => i.orderId as string);
  if (ids.length === 0) return [];
  const items = await batchGetAll(
    db,
    ids.map((id) => ({ ...keys.order(shopId, id) })),
  );
  return items.map(orderFromItem).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Moves an order to `to` (conditional on the status it had), appending the change to its history; a
 * cancellation puts each line's stock back in the same transaction. Throws `not_found`,
 * `order.invalid_transition` (409) or `order.conflict` (it changed meanwhile, 409).
 */
export async function changeOrderStatus(
  db: Db,
  shopId: string,
  orderId: string,
  to: OrderStatus,
  change: Omit<StatusChange, "status">,
  /** only from these statuses (a shopper cancels only a pending order); `tracking` is stored with the change */
  opts: { from?: readonly OrderStatus[]; tracking?: Tracking } = {},
): Promise<Order> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const order = await getOrder(db, shopId, orderId);
    if (!order) throw new AppError("not_found", `No order ${orderId}.`);
    if (!canMove(order.status, to) || (opts.from && !opts.from.includes(order.status))) {
      throw new AppError(
        "order.invalid_transition",
        `An order that is ${order.status} cannot become ${to}.`,
        { from: order.status, to },
      );
    }
    const entry: StatusChange = { status: to, ...change };
    const items: TransactItem[] = [
      {
        Update: {
          TableName: db.table,
          Key: keys.order(shopId, orderId),
          UpdateExpression: `SET #status = :to, updatedAt = :at, history = list_append(history, :entry)${opts.tracking ? ", tracking = :tracking" : ""}`,
          ConditionExpression: "#status = :from",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":to": to,
            ":from": order.status,
            ":at": change.at,
            ":entry": [entry],
            ...(opts.tracking && { ":tracking": opts.tracking }),
          },
        },
      },
    ];
    // analytics count orders not cancelled: the order leaves `orders` and `revenue` in the same transaction
    if (to === "cancelled") items.push(await cancellationCounts(db, order, -1));
    if (to === "cancelled") items.push(...(await stockMoves(db, shopId, order, "restock")).items);
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return {
        ...order,
        status: to,
        updatedAt: change.at,
        history: [...order.history, entry],
        ...(opts.tracking && { tracking: opts.tracking }),
      };
    } catch (e) {
      const codes = cancellationCodes(e);
      if (!codes) throw e;
      // the status changed under us, a product was deleted meanwhile, or a conflict: read again
      await sleep(backoff(attempt));
    }
  }
  throw new AppError("order.conflict", "The order changed at the same time; read it again.");
}

/** Notes on the latest status change whether the shopper was told. */
export async function recordNotification(
  db: Db,
  shopId: string,
  orderId: string,
  index: number,
  notified: NonNullable<StatusChange["notified"]>,
  reason?: string,
): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.order(shopId, orderId),
      UpdateExpression: `SET history[${index}].notified = :n${reason ? `, history[${index}].reason = :r` : ""}`,
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":n": notified, ...(reason ? { ":r": reason } : {}) },
    }),
  );
}

/** Corrects the tracking of a shipped order (a typo in the number). Throws `order.invalid_transition` otherwise. */
export async function setTracking(
  db: Db,
  shopId: string,
  orderId: string,
  tracking: Tracking,
  at: string,
): Promise<Order> {
  try {
    const res = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.order(shopId, orderId),
        UpdateExpression: "SET tracking = :t, updatedAt = :at",
        ConditionExpression: "#status = :shipped",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":t": tracking, ":at": at, ":shipped": "shipped" },
        ReturnValues: "ALL_NEW",
      }),
    );
    return orderFromItem(res.Attributes ?? {});
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
    const order = await getOrder(db, shopId, orderId);
    if (!order) throw new AppError("not_found", `No order ${orderId}.`);
    throw new AppError("order.invalid_transition", "Tracking can be changed only on a shipped order.", {
      from: order.status,
      to: order.status,
    });
  }
}

/**
 * The stock updates of an order's lines for a transaction: `restock` gives the quantities back (a
 * cancellation), `take` takes them again under `stock >= q` (an undone cancellation). Products deleted since are
 * left alone (an ADD would create a fragment of a product); `productIds` lists the lines in item order.
 */
export async function stockMoves(
  db: Db,
  shopId: string,
  order: Pick<Order, "items">,
  how: "restock" | "take",
): Promise<{ items: TransactItem[]; productIds: string[] }> {
  const existing = await getProductsFresh(
    db,
    shopId,
    order.items.map((l) => l.productId),
  );
  const lines = order.items.filter((l) => existing.has(l.productId));
  return {
    productIds: lines.map((l) => l.productId),
    items: lines.map((line) => ({
      Update: {
        TableName: db.table,
        Key: keys.product(shopId, line.productId),
        UpdateExpression: how === "restock" ? "ADD #stock :q" : "SET #stock = #stock - :q",
        ConditionExpression:
          how === "restock" ? "attribute_exists(pk)" : "attribute_exists(pk) AND #stock >= :q",
        ExpressionAttributeNames: { "#stock": "stock" },
        ExpressionAttributeValues: { ":q": line.quantity },
      },
    })),
  };
}
