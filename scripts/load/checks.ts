/**
 * The invariants of a load run, read back from DynamoDB (carts, orders, stock) and from the sink (replies per
 * delivery, WhatsApp read receipts per message id). Each check says what it compared and lists a few cases
 * when it fails.
 */
import type { ChannelId } from "../../lib/channels/types";
import { conversationId } from "../../lib/channels/types";
import type { Order } from "../../lib/orders/types";
import { getCart } from "../../lib/store/carts";
import { listProducts } from "../../lib/store/catalog";
import type { Db } from "../../lib/store/client";
import { listOrders } from "../../lib/store/orders";
import type { Delivery, Shopper } from "./shopper";
import type { LoadSink } from "./sink";

export interface Check {
  name: string;
  ok: boolean;
  /** a failed warning is printed but does not fail the run */
  warning?: boolean;
  detail: string;
  /** a few failing cases */
  cases: string[];
}

/** A shopper's cart lines as product → quantity (the one place that reads carts: adapt here if they move). */
async function cartOf(
  db: Db,
  shopId: string,
  channel: ChannelId,
  user: string,
): Promise<Map<string, number>> {
  const cart = await getCart(db, shopId, conversationId(channel, user));
  return new Map(cart.lines.map((l) => [l.productId, l.quantity]));
}

export async function allOrders(db: Db, shopId: string): Promise<Order[]> {
  const out: Order[] = [];
  let cursor: string | undefined;
  do {
    const page = await listOrders(db, shopId, { limit: 100, cursor });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

const isOriginal = (d: Delivery) => d.kind !== "redelivery" && d.kind !== "duplicate at once";

export interface CheckInput {
  db: Db;
  shopId: string;
  sink: LoadSink;
  deliveries: Delivery[];
  shoppers: Shopper[];
  /** stock per product when the run started */
  initialStock: Map<string, number>;
  /** products kept at a small stock for the race */
  lowStock: string[];
  /** whether replies to this inbound message still wait in the outbox */
  stillQueued(channel: ChannelId, messageId: string): Promise<boolean>;
}

export async function checkInvariants(i: CheckInput): Promise<{ checks: Check[]; orders: Order[] }> {
  const checks: Check[] = [];
  const orders = await allOrders(i.db, i.shopId);

  // ---- every delivery answered once ----
  const windows = new Map<string, Delivery[]>();
  for (const d of i.deliveries) windows.set(d.window, [...(windows.get(d.window) ?? []), d]);
  const unanswered: string[] = [];
  const doubled: string[] = [];
  let answeredLate = 0;
  let originals = 0;
  for (const [window, list] of windows) {
    if (list.some((d) => d.status !== 200)) continue;
    const replies = i.sink.replies.get(window) ?? [];
    if (list.some(isOriginal)) {
      originals++;
      if (replies.length === 0) {
        const d = list[0] as Delivery;
        const queued = await i.stillQueued(d.channel, d.id);
        unanswered.push(
          `${d.kind} ${window} (answered 200 in ${Math.round(d.latencyMs)} ms; ${queued ? "its replies are still in the outbox" : "nothing of it in the outbox"})`,
        );
      } else if (replies.every((m) => m.late)) answeredLate++;
    } else if (replies.length > 0) {
      doubled.push(
        `${list[0]?.kind} of ${list[0]?.redeliveryOf}: ${replies.length} repl${replies.length === 1 ? "y" : "ies"}`,
      );
    }
  }
  checks.push({
    name: "every delivery answered",
    ok: unanswered.length === 0,
    detail: `${originals - unanswered.length}/${originals} deliveries (or pairs sent at once) got at least one reply, ${answeredLate} of them only through the outbox`,
    cases: unanswered.slice(0, 5),
  });
  const redeliveries = [...windows.values()].filter(
    (l) => l.every((d) => !isOriginal(d)) && l.every((d) => d.status === 200),
  );
  // a turn never sends the same body twice: two identical replies in one delivery's attribution are one send
  // that went out twice (an at-least-once retry)
  const sentTwice: string[] = [];
  for (const [window, replies] of i.sink.replies) {
    const seen = new Map<string, number>();
    for (const m of replies) seen.set(m.raw, (seen.get(m.raw) ?? 0) + 1);
    for (const [raw, n] of seen) {
      if (n > 1) {
        const times = replies.filter((m) => m.raw === raw).map((m) => `${m.late ? "late" : "in time"}`);
        sentTwice.push(`${window}: ${n}× (${times.join(", ")}) ${raw.slice(0, 80)}`);
      }
    }
  }
  checks.push({
    name: "no reply sent twice",
    ok: sentTwice.length === 0,
    detail: `${sentTwice.length} replies arrived twice with the same body for one delivery`,
    cases: sentTwice.slice(0, 5),
  });
  checks.push({
    name: "a redelivery is never answered",
    ok: doubled.length === 0,
    detail: `${redeliveries.length - doubled.length}/${redeliveries.length} byte-for-byte redeliveries got no reply`,
    cases: doubled.slice(0, 5),
  });
  const wamids = [
    ...new Set(i.deliveries.filter((d) => d.channel === "whatsapp" && d.status === 200).map((d) => d.id)),
  ];
  /** what was sent with this id and when its receipts came, counted from the first send */
  const describe = (id: string) => {
    const sent = i.deliveries.filter((d) => d.id === id);
    const first = Math.min(...sent.map((d) => d.sentAt));
    const at = (i.sink.readReceipts.get(id) ?? []).map((t) => `+${t - first} ms`).join(", ");
    return `${id} (${sent.map((d) => `${d.kind}, answered in ${Math.round(d.latencyMs)} ms`).join("; ")}): receipts at ${at || "none"}`;
  };
  const receiptsWrong = wamids
    .map((id) => [describe(id), i.sink.readReceipts.get(id)?.length ?? 0] as const)
    .filter(([, n]) => n !== 1);
  const unread = receiptsWrong.filter(([, n]) => n === 0);
  const readTwice = receiptsWrong.filter(([, n]) => n > 1);
  checks.push({
    name: "every WhatsApp message marked read",
    ok: unread.length === 0,
    detail: `${wamids.length - unread.length}/${wamids.length} inbound wamids (redeliveries and duplicates sent at once included) got a read receipt`,
    cases: unread.slice(0, 5).map(([id]) => id),
  });
  checks.push({
    name: "no WhatsApp message marked read twice",
    ok: readTwice.length === 0,
    warning: true,
    detail:
      `${readTwice.length} inbound wamids got more than one read receipt. Marking read twice is harmless at Meta; it is the ` +
      "README's known limit: a send whose answer took longer than the Graph client's 2 s timeout is queued and sent " +
      "again by the outbox (at-least-once)",
    cases: readTwice.slice(0, 5).map(([id, n]) => `${n}× ${id}`),
  });
  checks.push({
    name: "no reply without a delivery",
    ok: i.sink.orphans === 0,
    detail: `${i.sink.orphans} replies to a recipient that had sent nothing`,
    cases: i.sink.orphanSamples,
  });

  // ---- carts: what was added = what is in the cart + what was ordered ----
  const low = new Set(i.lowStock);
  const orderedBy = new Map<string, Map<string, number>>();
  for (const o of orders) {
    const m = orderedBy.get(o.conversationId) ?? new Map<string, number>();
    for (const line of o.items) m.set(line.productId, (m.get(line.productId) ?? 0) + line.quantity);
    orderedBy.set(o.conversationId, m);
  }
  const lost: string[] = [];
  let lines = 0;
  for (const s of i.shoppers) {
    const cart = await cartOf(i.db, i.shopId, s.channel, s.user);
    const ordered = orderedBy.get(conversationId(s.channel, s.user)) ?? new Map<string, number>();
    const ids = new Set([...s.added.keys(), ...cart.keys(), ...ordered.keys()]);
    for (const p of ids) {
      if (low.has(p)) continue;
      lines++;
      const added = s.added.get(p) ?? 0;
      const kept = (cart.get(p) ?? 0) + (ordered.get(p) ?? 0);
      if (added !== kept)
        lost.push(`${s.key} ${p}: added ${added}, cart ${cart.get(p) ?? 0} + ordered ${ordered.get(p) ?? 0}`);
    }
  }
  checks.push({
    name: "no cart line lost",
    ok: lost.length === 0,
    detail: `${lines - lost.length}/${lines} shopper × product lines: units added = units in the cart + units ordered (the race's low-stock product left out)`,
    cases: lost.slice(0, 5),
  });

  // ---- stock: never below 0, and what left the stock is what was ordered ----
  const products = await listProducts(i.db, i.shopId);
  const soldBy = new Map<string, number>();
  for (const o of orders) {
    if (o.status === "cancelled") continue;
    for (const line of o.items) soldBy.set(line.productId, (soldBy.get(line.productId) ?? 0) + line.quantity);
  }
  const oversold: string[] = [];
  for (const p of products) {
    const initial = i.initialStock.get(p.id);
    if (initial === undefined) continue;
    const sold = soldBy.get(p.id) ?? 0;
    if (p.stock < 0 || initial - p.stock !== sold) {
      oversold.push(`${p.id}: stock ${initial} → ${p.stock}, ordered ${sold}`);
    }
  }
  const lowDetail = i.lowStock
    .map(
      (id) =>
        `${id} ${i.initialStock.get(id)} → ${products.find((p) => p.id === id)?.stock} (${soldBy.get(id) ?? 0} ordered)`,
    )
    .join(", ");
  checks.push({
    name: "no oversell",
    ok: oversold.length === 0,
    detail: `${products.length - oversold.length}/${products.length} products: stock ≥ 0 and initial − final = ordered; low stock: ${lowDetail}`,
    cases: oversold.slice(0, 5),
  });

  // ---- one order per confirmation ----
  const byRev = new Map<string, string[]>();
  for (const o of orders) {
    const key = `${o.conversationId}@${(o as Order & { cartRev?: number }).cartRev ?? "?"}`;
    byRev.set(key, [...(byRev.get(key) ?? []), o.orderId]);
  }
  const twice = [...byRev.entries()].filter(([, ids]) => ids.length > 1);
  const confirmations = i.shoppers.reduce((a, s) => a + new Set(s.confirms).size, 0);
  const repeated = i.deliveries.filter(
    (d) => d.kind === "confirm again" || d.kind === "confirm twice at once",
  ).length;
  const tooMany = i.shoppers.filter(
    (s) =>
      orders.filter((o) => o.conversationId === conversationId(s.channel, s.user)).length >
      new Set(s.confirms).size,
  );
  checks.push({
    name: "one order per confirmation",
    ok: twice.length === 0 && tooMany.length === 0,
    detail: `${orders.length} orders for ${confirmations} confirmed summaries (${repeated} repeated or simultaneous confirmations); no cart revision ordered twice`,
    cases: [
      ...twice.slice(0, 5).map(([k, ids]) => `${k}: ${ids.join(", ")}`),
      ...tooMany.slice(0, 3).map((s) => `${s.key}: more orders than confirmations`),
    ],
  });
  return { checks, orders };
}
