/**
 * The skills' ports (lib/turn/ports.ts) over DynamoDB, for one shopper's conversation.
 */
import { AppError } from "../errors";
import type { ShopperPorts } from "../turn/ports";
import type { Db } from "./client";
import {
  changeOrderStatus,
  findPlaced,
  getOrder,
  getProductsFresh,
  ordersOfConversation,
  placeOrder,
} from "./orders";
import { rateProduct, reviewsOfOrder, setReviewComment } from "./reviews";

export function dynamoShopperPorts(db: Db, shopId: string, conversationId: string): ShopperPorts {
  return {
    freshProducts: (ids) => getProductsFresh(db, shopId, ids),
    findPlaced: (rev) => findPlaced(db, shopId, conversationId, rev),
    placeOrder: (input, cart, now) => placeOrder(db, input, cart, now),
    orders: () => ordersOfConversation(db, shopId, conversationId),
    order: (orderId) => getOrder(db, shopId, orderId),
    async cancelOrder(orderId, at) {
      try {
        // only while still pending: a merchant's confirmation that came in between wins
        await changeOrderStatus(
          db,
          shopId,
          orderId,
          "cancelled",
          { at: at.toISOString(), by: "shopper" },
          { from: ["pending"] },
        );
        return true;
      } catch (e) {
        if (e instanceof AppError && (e.code === "order.invalid_transition" || e.code === "order.conflict")) {
          return false;
        }
        throw e;
      }
    },
    rate: (input) => rateProduct(db, { ...input, shopId, conversationId }),
    comment: (orderId, productId, text, at) => setReviewComment(db, shopId, orderId, productId, text, at),
    reviewsOf: (orderId) => reviewsOfOrder(db, shopId, orderId),
  };
}
