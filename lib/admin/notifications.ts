/**
 * An order's notifications to its shopper (`GET /api/admin/orders/{id}/notifications`, and the agent API's
 * `GET /api/agent/conversations/{id}/orders/{orderId}/notifications`): each message sent, queued or not sent
 * (with the reason), its form and cost category, and what the status webhooks said since (`delivered`,
 * `read`, `failed` with Meta's error code and title).
 */
import type { Db } from "../store/client";
import { listOrderNotifications, type OrderNotification } from "../store/outbound";

export async function orderNotifications(
  db: Db,
  shopId: string,
  orderId: string,
): Promise<{ items: OrderNotification[] }> {
  return { items: await listOrderNotifications(db, shopId, orderId) };
}
