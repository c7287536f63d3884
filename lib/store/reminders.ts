/**
 * The abandoned-cart reminder's view of the carts: the carts with lines listed on GSI1 (`CARTS#ACTIVE`, sort key
 * `{last change}#{shopId}#{conversation id}`, written by lib/store/carts.ts on every change), and the two
 * conditional writes that take a cart off that list: the claim before a reminder (sets `remindedAt`) and the
 * drop of a cart that will not get one. Both hold only while the cart is the one that was read (`updatedAt`
 * unchanged): a cart changed meanwhile is back on the list by its new time and is left alone.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { type CartLine, LINE_PREFIX } from "./carts";
import type { Db } from "./client";
import { GSI1, keys } from "./keys";
import { queryPages } from "./query";

/** A cart as listed on the reminder index. */
export interface IdleCart {
  shopId: string;
  conversationId: string;
  updatedAt: string;
  lines: Pick<CartLine, "productId" | "quantity">[];
}

function fromItem(item: Record<string, unknown>): IdleCart | undefined {
  const { shopId, conversationId, updatedAt } = item;
  if (typeof shopId !== "string" || typeof conversationId !== "string" || typeof updatedAt !== "string") {
    return undefined;
  }
  const lines: IdleCart["lines"] = [];
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(LINE_PREFIX) && typeof value === "number" && value > 0) {
      lines.push({ productId: name.slice(LINE_PREFIX.length), quantity: value });
    }
  }
  return { shopId, conversationId, updatedAt, lines };
}

/**
 * Carts whose last change is before `before` (ISO time), the oldest first, at most `limit`. The index is
 * eventually consistent: the conditional writes below are what counts.
 */
export async function idleCarts(db: Db, before: string, limit: number): Promise<IdleCart[]> {
  const out: IdleCart[] = [];
  const pages = queryPages(
    db,
    {
      IndexName: GSI1,
      KeyConditionExpression: "gsi1pk = :pk AND gsi1sk < :before",
      ExpressionAttributeValues: { ":pk": keys.cartsByActivity, ":before": before },
    },
    { limit: () => limit - out.length },
  );
  for await (const page of pages) {
    for (const item of page.items) {
      const cart = fromItem(item);
      if (cart) out.push(cart);
    }
    if (out.length >= limit) break;
  }
  return out;
}

async function takeOff(
  db: Db,
  cart: Pick<IdleCart, "shopId" | "conversationId" | "updatedAt">,
  remindedAt: string | undefined,
): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.cart(cart.shopId, cart.conversationId),
        UpdateExpression: remindedAt ? "SET remindedAt = :at REMOVE gsi1pk, gsi1sk" : "REMOVE gsi1pk, gsi1sk",
        ConditionExpression: remindedAt
          ? "attribute_not_exists(remindedAt) AND updatedAt = :seen"
          : "updatedAt = :seen",
        ExpressionAttributeValues: { ":seen": cart.updatedAt, ...(remindedAt ? { ":at": remindedAt } : {}) },
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}

/**
 * Claims the reminder of this cart as read: sets `remindedAt` and takes it off the index, only if it was not
 * reminded and did not change since. Of two concurrent runs only one gets true, so only one sends.
 */
export const claimReminder = (
  db: Db,
  cart: Pick<IdleCart, "shopId" | "conversationId" | "updatedAt">,
  at: string,
): Promise<boolean> => takeOff(db, cart, at);

/** Takes a cart that gets no reminder off the index (unless it changed since it was read). */
export const dropFromReminders = (
  db: Db,
  cart: Pick<IdleCart, "shopId" | "conversationId" | "updatedAt">,
): Promise<boolean> => takeOff(db, cart, undefined);
