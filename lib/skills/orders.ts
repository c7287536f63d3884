/**
 * The orders skill: "where is my order" (the one named, only the shopper's own, or the latest ones) and
 * cancelling a pending order from the chat (asked once more; the stock goes back; a merchant's confirmation
 * that came in between wins).
 */
import { type Choice, categoryChoices, type Reply } from "../content/replies";
import type { MessageKey } from "../i18n";
import { log } from "../log";
import { readYesNo } from "../nlu";
import { normalizeOrderId } from "../orders/ids";
import type { Order } from "../orders/types";
import { formatPayload, type Payload } from "../turn/payloads";
import {
  type Answer,
  type Awaiting,
  replyContext,
  type Skill,
  type SkillContext,
  type SkillResult,
} from "../turn/skill";
import { money, say } from "./kit";

const statusText = (c: SkillContext, o: Order) => say(c, `status.${o.status}` as MessageKey);

function describe(orders: Order[], c: SkillContext): Reply {
  const [latest] = orders;
  const parts = orders.map((o, i) => {
    const head = say(c, "order.status", { id: o.orderId, status: statusText(c, o) });
    if (i > 0) return head;
    const lines = o.items.map((l) =>
      say(c, "cart.line", {
        quantity: String(l.quantity),
        title: l.title,
        total: money(c, l.lineTotal.amount, l.lineTotal.currency),
      }),
    );
    return [head, ...lines, say(c, "cart.total", { total: money(c, o.total.amount, o.total.currency) })].join(
      "\n",
    );
  });
  const choices: Choice[] =
    latest && latest.status === "pending"
      ? [
          {
            title: say(c, "choice.cancel"),
            payload: formatPayload({ kind: "cancel", orderId: latest.orderId }),
          },
        ]
      : [];
  return { text: parts.join("\n\n"), ...(choices.length > 0 ? { choices } : {}) };
}

/** The order named (only the shopper's own), or the latest ones. */
export async function orderStatus(c: SkillContext, orderId?: string): Promise<SkillResult> {
  const mine = await c.ports.orders();
  const id = orderId ? (normalizeOrderId(orderId) ?? orderId) : undefined;
  if (id) {
    const order = mine.find((o) => o.orderId === id);
    if (!order) return { reply: { text: say(c, "order.notFound", { id }) } };
    return { reply: describe([order], c) };
  }
  if (mine.length === 0)
    return { reply: { text: say(c, "order.none"), choices: categoryChoices(replyContext(c)) } };
  return { reply: describe(mine.slice(0, 3), c) };
}

function cannotCancel(order: Order, c: SkillContext): Reply {
  return {
    text: say(c, "order.cannotCancel", { id: order.orderId, status: statusText(c, order) }),
    choices: [{ title: say(c, "choice.human"), payload: formatPayload({ kind: "human" }) }],
  };
}

export async function askCancel(c: SkillContext, orderId?: string): Promise<SkillResult> {
  const mine = await c.ports.orders();
  const id = orderId ? (normalizeOrderId(orderId) ?? orderId) : undefined;
  const order = id
    ? mine.find((o) => o.orderId === id)
    : (mine.find((o) => o.status === "pending") ?? mine[0]);
  if (!order) return { reply: { text: id ? say(c, "order.notFound", { id }) : say(c, "order.none") } };
  if (order.status !== "pending") return { reply: cannotCancel(order, c) };
  return {
    reply: {
      text: say(c, "order.cancelAsk", { id: order.orderId }),
      choices: [
        {
          title: say(c, "choice.yesCancel"),
          payload: formatPayload({ kind: "cancelYes", orderId: order.orderId }),
        },
        {
          title: say(c, "choice.keepOrder"),
          payload: formatPayload({ kind: "cancelNo", orderId: order.orderId }),
        },
      ],
    },
    awaiting: { kind: "cancel", orderId: order.orderId },
  };
}

/** Cancels the shopper's own pending order; the stock goes back. */
export async function cancel(orderId: string, c: SkillContext): Promise<SkillResult> {
  const order = await c.ports.order(orderId);
  if (!order || order.conversationId !== c.turn.conversation.conversationId) {
    return { reply: { text: say(c, "order.notFound", { id: orderId }) } };
  }
  if (order.status === "cancelled") return { reply: { text: say(c, "order.cancelled", { id: orderId }) } };
  if (order.status !== "pending") return { reply: cannotCancel(order, c) };
  if (!(await c.ports.cancelOrder(orderId, c.now))) {
    const now = await c.ports.order(orderId);
    return { reply: now ? cannotCancel(now, c) : { text: say(c, "order.notFound", { id: orderId }) } };
  }
  c.turn.irrevocable = true;
  log.info("order.cancelled", { shopId: order.shopId, orderId, by: "shopper" });
  return {
    reply: {
      text: say(c, "order.cancelled", { id: orderId }),
      choices: [{ title: say(c, "choice.keepShopping"), payload: formatPayload({ kind: "browse" }) }],
    },
  };
}

const kept = (orderId: string, c: SkillContext): SkillResult => ({
  reply: { text: say(c, "order.kept", { id: orderId }) },
});

async function onAnswer(
  answer: Answer,
  awaiting: Awaiting,
  c: SkillContext,
): Promise<SkillResult | undefined> {
  if (awaiting.kind !== "cancel" || answer.text === undefined) return undefined;
  const yesNo = readYesNo(answer.text, answer.meaning?.locale ?? c.locale);
  if (yesNo === "yes") return cancel(awaiting.orderId, c);
  if (yesNo === "no") return kept(awaiting.orderId, c);
  return undefined;
}

export const ordersSkill: Skill = {
  name: "orders",
  payloads: ["orders", "cancel", "cancelYes", "cancelNo"],
  intents: ["order_status", "cancel_order"],
  awaits: ["cancel"],
  async onPayload(p: Payload, c) {
    switch (p.kind) {
      case "orders":
        return orderStatus(c);
      case "cancel":
        return askCancel(c, p.orderId);
      case "cancelYes":
        return cancel(p.orderId, c);
      case "cancelNo":
        return kept(p.orderId, c);
      default:
        return undefined;
    }
  },
  async onIntent(meaning, c) {
    if (meaning.intent === "order_status") return orderStatus(c, meaning.orderId);
    if (meaning.intent === "cancel_order") return askCancel(c, meaning.orderId);
    return undefined;
  },
  onAnswer,
};
