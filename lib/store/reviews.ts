/**
 * Reviews: one item per (order, product) in the order's partition, listed per product in GSI1.
 *
 * A rating changes the product's `rating` atomically with the review, in one transaction of three writes:
 * the review (a Put conditional on `attribute_not_exists`, or an Update conditional on the stars read), the
 * product's `rating` (conditional on the `{average, count}` read: two shoppers rating the same product at once
 * cannot lose one another's update) and the shop's `catalogVersion` (so every container's cached catalogue,
 * and with it the cards, shows the new average at the next message). Any failed condition or conflict reads
 * again and retries; a repeated tap of the same stars finds the review and writes nothing, so it never counts
 * twice.
 *
 * The product's `version` (the merchant's optimistic lock) is left alone: a shopper's rating must not make the
 * merchant's next `If-Match` edit fail. The other side of that: an admin PUT writes the whole product, `rating`
 * included, as the merchant read it — ratings that came in between are then lost from the average (the review
 * items keep them; {@link listProductReviews} reads them back).
 */

import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Product } from "../catalog/types";
import { AppError } from "../errors";
import { COMMENT_MAX, type RateResult, type Review } from "../model/review";
import { addStars, changeStars, type Rating } from "../reviews/rating";
import { bumpCatalogVersion, fromItem } from "./catalog";
import type { Db } from "./client";
import { entity, GSI1, keys, toDomain } from "./keys";
import { backoff, cancellationCodes, sleep, type TransactItem } from "./transactions";

export { COMMENT_MAX, type RateResult, type Review } from "../model/review";

export interface RateInput {
  shopId: string;
  orderId: string;
  productId: string;
  conversationId: string;
  stars: number;
  locale?: string;
  at: Date;
}

const MAX_ATTEMPTS = 8;

const reviewFromItem = (item: Record<string, unknown>): Review => toDomain<Review>(item);

export async function getReview(
  db: Db,
  shopId: string,
  orderId: string,
  productId: string,
): Promise<Review | undefined> {
  const res = await db.doc.send(
    new GetCommand({
      TableName: db.table,
      Key: keys.review(shopId, orderId, productId),
      ConsistentRead: true,
    }),
  );
  return res.Item ? reviewFromItem(res.Item) : undefined;
}

/** The reviews of an order (one Query of the order's partition). */
export async function reviewsOfOrder(db: Db, shopId: string, orderId: string): Promise<Review[]> {
  const { pk } = keys.review(shopId, orderId, "");
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": "REVIEW#" },
      ConsistentRead: true,
    }),
  );
  return (res.Items ?? []).map(reviewFromItem);
}

/** A product's reviews, newest first (GSI1; eventually consistent). */
export async function listProductReviews(
  db: Db,
  shopId: string,
  productId: string,
  limit = 50,
): Promise<Review[]> {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: GSI1,
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.reviewsOfProduct(shopId, productId) },
      ScanIndexForward: false,
      Limit: Math.min(Math.max(limit, 1), 100),
    }),
  );
  return (res.Items ?? []).map(reviewFromItem);
}

async function getRating(db: Db, shopId: string, productId: string) {
  const res = await db.doc.send(
    new GetCommand({
      TableName: db.table,
      Key: keys.product(shopId, productId),
      ConsistentRead: true,
      ProjectionExpression: "pk, rating",
    }),
  );
  return res.Item ? { rating: fromItem<Pick<Product, "rating">>(res.Item).rating } : undefined;
}

/** The product's rating moves from `read` to `next`, on the condition that it still is `read`. */
function ratingUpdate(db: Db, input: RateInput, read: Rating | undefined, next: Rating): TransactItem {
  return {
    Update: {
      TableName: db.table,
      Key: keys.product(input.shopId, input.productId),
      UpdateExpression: "SET #rating = :next",
      ConditionExpression: read
        ? "#rating.#average = :average AND #rating.#count = :count"
        : "attribute_exists(pk) AND attribute_not_exists(#rating)",
      ExpressionAttributeNames: read
        ? { "#rating": "rating", "#average": "average", "#count": "count" }
        : { "#rating": "rating" },
      ExpressionAttributeValues: {
        ":next": next,
        ...(read ? { ":average": read.average, ":count": read.count } : {}),
      },
    },
  };
}

/**
 * Stores the shopper's stars for one product of one order and moves the product's rating with them (see the
 * module comment). The caller checks the order is the shopper's, delivered, and holds the product. A product
 * deleted since keeps no rating: the review is stored alone (`rating` undefined).
 */
export async function rateProduct(db: Db, input: RateInput): Promise<RateResult> {
  const at = input.at.toISOString();
  const key = keys.review(input.shopId, input.orderId, input.productId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [existing, product] = await Promise.all([
      getReview(db, input.shopId, input.orderId, input.productId),
      getRating(db, input.shopId, input.productId),
    ]);
    if (existing && existing.stars === input.stars) return { kind: "same", review: existing };
    const read = product?.rating && product.rating.count > 0 ? product.rating : undefined;
    const items: TransactItem[] = [];
    let review: Review;
    let next: Rating | undefined;
    if (existing) {
      review = { ...existing, stars: input.stars, updatedAt: at };
      next = product ? changeStars(read, existing.stars, input.stars) : undefined;
      items.push({
        Update: {
          TableName: db.table,
          Key: key,
          UpdateExpression: "SET stars = :stars, updatedAt = :at",
          ConditionExpression: "stars = :was",
          ExpressionAttributeValues: { ":stars": input.stars, ":at": at, ":was": existing.stars },
        },
      });
    } else {
      review = {
        shopId: input.shopId,
        orderId: input.orderId,
        productId: input.productId,
        conversationId: input.conversationId,
        stars: input.stars,
        ...(input.locale ? { locale: input.locale } : {}),
        createdAt: at,
        updatedAt: at,
      };
      next = product ? addStars(read, input.stars) : undefined;
      items.push({
        Put: {
          TableName: db.table,
          Item: {
            ...entity("Review", key, review),
            gsi1pk: keys.reviewsOfProduct(input.shopId, input.productId),
            gsi1sk: `${at}#${input.orderId}`,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      });
    }
    if (next) {
      // conditional on the stored value as read, also a `{count: 0}` one (the math treats that as no rating)
      items.push(ratingUpdate(db, input, product?.rating, next));
      items.push({ Update: bumpCatalogVersion(db, input.shopId) });
    }
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return existing
        ? { kind: "changed", review, previous: existing.stars, ...(next && { rating: next }) }
        : { kind: "rated", review, ...(next && { rating: next }) };
    } catch (e) {
      // a condition failed (another tap, another shopper's rating, the product deleted) or a conflict: read again
      if (!cancellationCodes(e)) throw e;
      await sleep(backoff(attempt));
    }
  }
  throw new AppError("review.busy", "The product is being rated by many at once; try again.");
}

/**
 * Stores the shopper's comment on their review (trimmed, cut to {@link COMMENT_MAX} code points). False when
 * there is no such review, or the comment is empty.
 */
export async function setReviewComment(
  db: Db,
  shopId: string,
  orderId: string,
  productId: string,
  text: string,
  at: Date,
): Promise<boolean> {
  const comment = [...text.trim()].slice(0, COMMENT_MAX).join("").trim();
  if (!comment) return false;
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.review(shopId, orderId, productId),
        UpdateExpression: "SET #comment = :comment, updatedAt = :at",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#comment": "comment" },
        ExpressionAttributeValues: { ":comment": comment, ":at": at.toISOString() },
      }),
    );
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === "ConditionalCheckFailedException") return false;
    throw e;
  }
}

/** Notes on the order that the shopper was asked to rate it (`reviewAskedAt`). */
export async function markReviewAsked(db: Db, shopId: string, orderId: string, at: Date): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.order(shopId, orderId),
      UpdateExpression: "SET reviewAskedAt = :at",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":at": at.toISOString() },
    }),
  );
}
