/**
 * An order's place in the funnel counters when it is cancelled (or the cancellation undone). The funnel counts
 * an order and its revenue when it is placed (lib/store/turn.ts); a cancellation takes them back off the day the
 * order was placed and counts it under `cancelled` / `cancelledRevenue`, in the same transaction as the status
 * change, so `orders` and `revenue` in the analytics are always orders not cancelled (docs/interface.md).
 *
 * The source is the conversation's as it stands at the cancellation (orders do not store the source they were
 * counted for): a shopper who came back by another link meanwhile moves the correction to that link's row.
 */
import type { Order } from "../model/order";
import type { Db } from "./client";
import { getConversation } from "./conversations";
import { sourceOfConversation } from "./funnel";
import { ENTITY_VERSION, keys } from "./keys";
import type { TransactItem } from "./transactions";

/** `sign` -1 cancels the order's count, +1 restores it (an undone cancellation). */
export async function cancellationCounts(db: Db, order: Order, sign: 1 | -1): Promise<TransactItem> {
  const conversation = await getConversation(db, order.shopId, order.conversationId);
  const source = sourceOfConversation({ ...conversation, channel: conversation?.channel ?? order.channel });
  const day = order.createdAt.slice(0, 10);
  return {
    Update: {
      TableName: db.table,
      Key: keys.funnel(order.shopId, day, source),
      UpdateExpression:
        "SET #et = :et, #v = :v, #day = :day, #source = :source ADD #orders :o, #revenue :r, #cancelled :c, #cancelledRevenue :cr",
      ExpressionAttributeNames: {
        "#et": "_et",
        "#v": "_v",
        "#day": "day",
        "#source": "source",
        "#orders": "orders",
        "#revenue": "revenue",
        "#cancelled": "cancelled",
        "#cancelledRevenue": "cancelledRevenue",
      },
      ExpressionAttributeValues: {
        ":et": "Funnel",
        ":v": ENTITY_VERSION,
        ":day": day,
        ":source": source,
        ":o": sign,
        ":r": sign * order.total.amount,
        ":c": -sign,
        ":cr": -sign * order.total.amount,
      },
    },
  };
}
