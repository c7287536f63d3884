/**
 * Order changes from the admin page (docs/interface.md, Admin API):
 * - `PATCH /orders/{id}` `{"status"?, "tracking"?: {"number", "url"?}}`: the move NEXT_STATUSES allows (409
 *   `order.invalid_transition` otherwise, with `details: {from, to}`); `tracking` only with `shipped`, or alone
 *   on a shipped order to correct it. The shopper is told when the window allows (lib/orders/notify.ts, which
 *   reads `tracking` from the order); a failed or impossible notification is recorded on the history entry.
 *   The answer carries `undoUntil` while the change can be undone.
 * - `POST /orders/{id}/undo`: takes the last change back within the undo window (lib/store/orderUndo.ts).
 */
import { z } from "zod/v4";
import { fieldErrors } from "../catalog/schema";
import { AppError } from "../errors";
import { type HttpResponse, json } from "../http/respond";
import { notFound } from "../http/router";
import { log } from "../log";
import { ORDER_ID_PATTERN } from "../orders/ids";
import { notifyOrderChange } from "../orders/notify";
import { ORDER_STATUSES, type Order } from "../orders/types";
import { changeOrderStatus, setTracking } from "../store/orders";
import { undoableUntil, undoLastChange } from "../store/orderUndo";
import { readJson } from "./body";
import type { Ctx } from "./routes";

const invalid = (message: string, error: z.ZodError) =>
  new AppError("request.invalid", message, fieldErrors(error));

const TrackingBody = z.strictObject({
  number: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(64, "must be at most 64 characters")
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/, "must be letters, digits, spaces, '.', '_', '/' or '-'"),
  url: z
    .url({ protocol: /^https$/, error: "must be an https URL" })
    .max(2000)
    .optional(),
});

const OrderPatch = z
  .strictObject({
    status: z.enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(", ")}` }).optional(),
    tracking: TrackingBody.optional(),
  })
  .refine((b) => b.status !== undefined || b.tracking !== undefined, {
    path: ["status"],
    message: "a status or a tracking is needed",
  })
  .refine((b) => b.tracking === undefined || b.status === undefined || b.status === "shipped", {
    path: ["tracking"],
    message: "goes only with status shipped",
  });

/** The order with `undoUntil` while its last change can be undone. */
export const withUndo = (order: Order, now: number) => {
  const until = undoableUntil(order, now);
  return { ...order, ...(until && { undoUntil: until }) };
};

async function patch(ctx: Ctx): Promise<HttpResponse> {
  const { req, deps, shopId, adminId, now } = ctx;
  const parsed = OrderPatch.safeParse(readJson(req));
  if (!parsed.success) throw invalid("The order change is not valid.", parsed.error);
  if (!ORDER_ID_PATTERN.test(ctx.id)) throw notFound(`No order ${ctx.id}.`);
  const { status: to, tracking } = parsed.data;
  const at = new Date(now).toISOString();
  if (to === undefined && tracking) {
    const order = await setTracking(deps.db, shopId, ctx.id, tracking, at);
    log.info("admin.order_tracking", { shopId, orderId: order.orderId, by: adminId });
    return json(200, withUndo(order, now));
  }
  if (to === undefined) throw new AppError("request.invalid", "A status or a tracking is needed.");
  const order = await changeOrderStatus(
    deps.db,
    shopId,
    ctx.id,
    to,
    { at, by: adminId },
    {
      ...(tracking && { tracking }),
    },
  );
  log.info("admin.order_status", { shopId, orderId: order.orderId, status: to, by: adminId });
  const index = order.history.length - 1;
  const { notified, reason } = await notifyOrderChange(deps, order, index, now);
  const history = order.history.map((entry, i) =>
    i === index ? { ...entry, notified, ...(reason && { reason }) } : entry,
  );
  return json(200, withUndo({ ...order, history }, now));
}

async function undo(ctx: Ctx): Promise<HttpResponse> {
  const { deps, shopId, adminId, now } = ctx;
  if (!ORDER_ID_PATTERN.test(ctx.id)) throw notFound(`No order ${ctx.id}.`);
  const order = await undoLastChange(deps.db, shopId, ctx.id, adminId, now);
  log.info("admin.order_undo", { shopId, orderId: order.orderId, status: order.status, by: adminId });
  return json(200, order);
}

export const orderActions = { patch, undo };
