/**
 * Carts: one item per shopper, channel and shop (`keys.cart`, in the conversation's partition).
 *
 * Each line is a top-level number attribute `line#{productId}` (and `added#{productId}` its first add), so an
 * add is a single `ADD` that concurrent turns of one shopper cannot lose; `rev` counts every change, and a
 * checkout summary names the revision it showed, so an order is placed only for the cart the shopper saw.
 * The checkout in progress (what was collected, the step) lives on the same item.
 *
 * A cart nobody touched for the shop's `expiryDays` reads as empty; DynamoDB TTL (`expiresAt`) removes it later.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { AppError } from "../errors";
import { type Cart, type CartLine, type CheckoutState, MAX_LINE_QUANTITY } from "../model/cart";
import type { Db } from "./client";
import { ENTITY_VERSION, expiresInDays, keys } from "./keys";

export const LINE_PREFIX = "line#";
export const ADDED_PREFIX = "added#";
export type { Address, Cart, CartLine, CheckoutState } from "../model/cart";
export { MAX_CART_LINES, MAX_LINE_QUANTITY } from "../model/cart";

export interface CartScope {
  shopId: string;
  conversationId: string;
  /** the shop's `cart.expiryDays` */
  expiryDays: number;
  now: Date;
}

const emptyCart = (shopId: string, conversationId: string, rev = 0): Cart => ({
  shopId,
  conversationId,
  lines: [],
  rev,
});

export function cartFromItem(
  shopId: string,
  conversationId: string,
  item: Record<string, unknown> | undefined,
  now: Date,
) {
  if (!item) return emptyCart(shopId, conversationId);
  const rev = typeof item.rev === "number" ? item.rev : 0;
  if (typeof item.expiresAt === "number" && item.expiresAt * 1000 <= now.getTime()) {
    return emptyCart(shopId, conversationId, rev);
  }
  const lines: CartLine[] = [];
  for (const [name, value] of Object.entries(item)) {
    if (!name.startsWith(LINE_PREFIX) || typeof value !== "number" || value <= 0) continue;
    const productId = name.slice(LINE_PREFIX.length);
    lines.push({ productId, quantity: value, addedAt: String(item[`${ADDED_PREFIX}${productId}`] ?? "") });
  }
  lines.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.productId.localeCompare(b.productId));
  return {
    shopId,
    conversationId,
    lines,
    rev,
    updatedAt: item.updatedAt as string | undefined,
    checkout: item.checkout as CheckoutState | undefined,
    remindedAt: item.remindedAt as string | undefined,
  } satisfies Cart;
}

export async function getCart(
  db: Db,
  shopId: string,
  conversationId: string,
  now = new Date(),
): Promise<Cart> {
  const res = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.cart(shopId, conversationId), ConsistentRead: true }),
  );
  return cartFromItem(shopId, conversationId, res.Item, now);
}

/** The attributes every change sets: times, TTL, the reminder index, a new revision. */
function touch(scope: CartScope, names: Record<string, string>, values: Record<string, unknown>) {
  const at = scope.now.toISOString();
  names["#et"] = "_et";
  names["#v"] = "_v";
  values[":at"] = at;
  values[":exp"] = expiresInDays(scope.expiryDays, scope.now.getTime());
  values[":et"] = "Cart";
  values[":v"] = ENTITY_VERSION;
  values[":one"] = 1;
  // A cart item that TTL removed (or that expired) starts again above every revision it had: the order markers
  // (`PLACED#{rev}`) outlive carts, and a new cart must never reuse the number of an ordered one.
  values[":seed"] = scope.now.getTime();
  values[":shop"] = scope.shopId;
  values[":conv"] = scope.conversationId;
  values[":gpk"] = keys.cartsByActivity;
  values[":gsk"] = `${at}#${scope.shopId}#${scope.conversationId}`;
  return {
    set: [
      "updatedAt = :at",
      "expiresAt = :exp",
      "#et = :et",
      "#v = :v",
      "shopId = :shop",
      "conversationId = :conv",
      "gsi1pk = :gpk",
      "gsi1sk = :gsk",
      "rev = if_not_exists(rev, :seed) + :one",
    ],
    add: [] as string[],
    remove: ["remindedAt"],
  };
}

/** The clauses of an UpdateExpression. */
type Parts = { set: string[]; add: string[]; remove: string[] };

const expression = (parts: Parts) =>
  [
    parts.set.length ? `SET ${parts.set.join(", ")}` : "",
    parts.add.length ? `ADD ${parts.add.join(", ")}` : "",
    parts.remove.length ? `REMOVE ${parts.remove.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join(" ");

/** Writes a change built on {@link touch}; the cart after it. */
async function writeCart(
  db: Db,
  scope: CartScope,
  parts: Parts,
  names: Record<string, string>,
  values: Record<string, unknown>,
  condition: { ConditionExpression?: string } = {},
): Promise<Cart> {
  const res = await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.cart(scope.shopId, scope.conversationId),
      UpdateExpression: expression(parts),
      ...condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: "ALL_NEW",
    }),
  );
  return cartFromItem(scope.shopId, scope.conversationId, res.Attributes, scope.now);
}

/** Deletes a cart whose time ran out but that TTL has not removed yet, so old lines do not come back. */
async function dropIfExpired(db: Db, scope: CartScope): Promise<void> {
  await db.doc
    .send(
      new DeleteCommand({
        TableName: db.table,
        Key: keys.cart(scope.shopId, scope.conversationId),
        ConditionExpression: "expiresAt <= :now",
        ExpressionAttributeValues: { ":now": Math.floor(scope.now.getTime() / 1000) },
      }),
    )
    .catch((e) => {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    });
}

/**
 * Adds `quantity` of a product (one atomic `ADD`): the cart after the change. A line may not pass
 * {@link MAX_LINE_QUANTITY} (`cart.max_quantity`); an expired cart starts again empty.
 */
export async function addToCart(
  db: Db,
  scope: CartScope,
  productId: string,
  quantity: number,
): Promise<Cart> {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new AppError("request.invalid", "The quantity must be a positive whole number.");
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const names: Record<string, string> = {
      "#line": `${LINE_PREFIX}${productId}`,
      "#added": `${ADDED_PREFIX}${productId}`,
    };
    const values: Record<string, unknown> = {
      ":q": quantity,
      ":max": MAX_LINE_QUANTITY - quantity,
      ":nowS": Math.floor(scope.now.getTime() / 1000),
    };
    const parts = touch(scope, names, values);
    parts.set.push("#added = if_not_exists(#added, :at)");
    parts.add.push("#line :q");
    try {
      return await writeCart(db, scope, parts, names, values, {
        ConditionExpression:
          "(attribute_not_exists(expiresAt) OR expiresAt > :nowS) AND (attribute_not_exists(#line) OR #line <= :max)",
      });
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
      const current = await getCart(db, scope.shopId, scope.conversationId, scope.now);
      const line = current.lines.find((l) => l.productId === productId);
      if (line && line.quantity + quantity > MAX_LINE_QUANTITY) {
        throw new AppError("cart.max_quantity", `At most ${MAX_LINE_QUANTITY} of one product.`);
      }
      await dropIfExpired(db, scope);
    }
  }
  throw new AppError("cart.busy", "The cart changed too often at once; try again.");
}

/** Sets a line's quantity; 0 removes the line. The cart after the change. */
export async function setLineQuantity(
  db: Db,
  scope: CartScope,
  productId: string,
  quantity: number,
): Promise<Cart> {
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_LINE_QUANTITY) {
    throw new AppError(
      "request.invalid",
      `The quantity must be a whole number from 0 to ${MAX_LINE_QUANTITY}.`,
    );
  }
  const names: Record<string, string> = {
    "#line": `${LINE_PREFIX}${productId}`,
    "#added": `${ADDED_PREFIX}${productId}`,
  };
  const values: Record<string, unknown> = {};
  const parts = touch(scope, names, values);
  if (quantity === 0) parts.remove.push("#line", "#added");
  else {
    values[":q"] = quantity;
    parts.set.push("#line = :q", "#added = if_not_exists(#added, :at)");
  }
  return writeCart(db, scope, parts, names, values);
}

/**
 * Takes one off a line, atomically (`ADD -1` while more than one is left, so a concurrent +1 is kept); the
 * last one removes the line. The cart after the change.
 */
export async function decrementLine(db: Db, scope: CartScope, productId: string): Promise<Cart> {
  const names: Record<string, string> = { "#line": `${LINE_PREFIX}${productId}` };
  const values: Record<string, unknown> = { ":minus": -1, ":nowS": Math.floor(scope.now.getTime() / 1000) };
  const parts = touch(scope, names, values);
  parts.add.push("#line :minus");
  try {
    return await writeCart(db, scope, parts, names, values, {
      ConditionExpression: "expiresAt > :nowS AND #line > :one",
    });
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
    // one left (or none): remove it only while it is still one, else try again from the top
    const now = await getCart(db, scope.shopId, scope.conversationId, scope.now);
    const line = now.lines.find((l) => l.productId === productId);
    if (!line) return now;
    if (line.quantity > 1) return decrementLine(db, scope, productId);
    return setLineQuantity(db, scope, productId, 0);
  }
}

/** Empties the cart (and ends a checkout in progress); the revision goes on counting. */
export async function clearCart(db: Db, scope: CartScope): Promise<Cart> {
  // an expired cart's lines would come back to life with the new expiry: delete it instead
  await dropIfExpired(db, scope);
  const current = await getCart(db, scope.shopId, scope.conversationId, scope.now);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts = touch(scope, names, values);
  // an empty cart leaves the reminder index
  parts.set = parts.set.filter((s) => !s.startsWith("gsi1"));
  parts.remove.push("gsi1pk", "gsi1sk", "checkout");
  current.lines.forEach((l, i) => {
    names[`#l${i}`] = `${LINE_PREFIX}${l.productId}`;
    names[`#a${i}`] = `${ADDED_PREFIX}${l.productId}`;
    parts.remove.push(`#l${i}`, `#a${i}`);
  });
  delete values[":gpk"];
  delete values[":gsk"];
  return writeCart(db, scope, parts, names, values);
}

/**
 * Saves the checkout in progress (no new cart revision: collecting an address does not change the cart);
 * `undefined` ends it.
 */
export async function saveCheckout(
  db: Db,
  scope: CartScope,
  checkout: CheckoutState | undefined,
): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.cart(scope.shopId, scope.conversationId),
      UpdateExpression: checkout ? "SET checkout = :c, expiresAt = :exp" : "REMOVE checkout",
      ...(checkout
        ? {
            ExpressionAttributeValues: {
              ":c": checkout,
              ":exp": expiresInDays(scope.expiryDays, scope.now.getTime()),
            },
          }
        : {}),
    }),
  );
}
