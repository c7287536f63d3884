/**
 * Sends a turn's replies within the webhook's time budget. Meta expects a 200 within a few seconds and
 * redelivers otherwise (which would repeat replies), so sends get a deadline; what has not gone through by
 * then (or failed with a retryable error) is written to the outbox and retried by the `outbox` function.
 * Once one reply is deferred, the following ones are deferred too, so the shopper sees them in order.
 */

import { log } from "../../log";
import type { Db } from "../../store/client";
import {
  completeOutbox,
  enqueueOutbox,
  leaseOutbox,
  type OutboxItem,
  pendingOutbox,
  rescheduleOutbox,
} from "../../store/outbox";
import type { ChannelAccount } from "../../store/shops";
import type { ChannelId, GraphBody } from "../types";
import type { GraphClient } from "./graph";

export interface SentMessage {
  body: GraphBody;
  /** platform message id when it went out now */
  messageId?: string;
  state: "sent" | "queued" | "failed";
  error?: string;
}

export interface TurnSender {
  send(bodies: GraphBody[]): Promise<SentMessage[]>;
}

export interface TurnSenderDeps {
  graph: GraphClient;
  db: Db;
  account: ChannelAccount;
  /** epoch ms after which sends go to the outbox */
  deadline: number;
  /** stable per turn (the inbound message id), so outbox ids repeat on a redelivery and are not doubled */
  idPrefix: string;
  /** the position of the first body sent (a takeover after a crash resumes where the claim says) */
  firstIndex?: number;
  /** epoch ms at which a Graph attempt in progress is given up (the webhook's answer to Meta) */
  cutoff?: number;
}

export const messageIdOf = (channel: ChannelId, response: unknown): string | undefined => {
  const r = response as { message_id?: string; messages?: Array<{ id?: string }> } | undefined;
  return channel === "whatsapp" ? r?.messages?.[0]?.id : r?.message_id;
};

export function createTurnSender(deps: TurnSenderDeps): TurnSender {
  let index = deps.firstIndex ?? 0;
  let deferring = false;
  const { account } = deps;
  return {
    async send(bodies) {
      const out: SentMessage[] = [];
      for (const body of bodies) {
        const id = `${deps.idPrefix}#${String(index++).padStart(3, "0")}`;
        if (!deferring) {
          const res = await deps.graph.send(account.accountId, account.accessToken, body, {
            deadline: deps.deadline,
            ...(deps.cutoff !== undefined && { cutoff: deps.cutoff }),
          });
          if (res.ok) {
            out.push({ body, state: "sent", messageId: messageIdOf(account.channel, res.response) });
            continue;
          }
          if (!res.retryable) {
            log.warn("graph.send_failed", { channel: account.channel, status: res.status, error: res.error });
            out.push({ body, state: "failed", error: res.error });
            continue;
          }
          deferring = true;
        }
        await enqueueOutbox(deps.db, {
          id,
          channel: account.channel,
          accountId: account.accountId,
          shopId: account.shopId,
          body,
          nextAttemptAt: new Date().toISOString(),
        });
        log.info("outbox.enqueued", { channel: account.channel, id });
        out.push({ body, state: "queued" });
      }
      return out;
    },
  };
}

const MAX_ATTEMPTS = 8;
/** 30 s, 1 min, 2 min … capped at 30 min */
const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
/** sends per round, as many as one invocation can do in time */
const MAX_SENDS = 50;
/** queued items read per round: held ones (leased, waiting for a retry) are read too, to hold back their recipient */
const MAX_READ = 200;

export interface DrainResult {
  sent: number;
  retried: number;
  gaveUp: number;
  skipped: number;
}

/**
 * Sends what is due in the outbox, in queue order, each recipient's messages in the order they were queued.
 * A recipient's message that is not sent yet (it failed and waits for its retry, another drain holds it, or
 * we lost the race for it) holds back that recipient's later messages, so order is kept also when drains
 * overlap.
 */
export async function drainOutbox(
  db: Db,
  graph: GraphClient,
  accountFor: (item: OutboxItem) => Promise<ChannelAccount | undefined>,
  now = Date.now(),
): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retried: 0, gaveUp: 0, skipped: 0 };
  const blocked = new Set<string>();
  let attempted = 0;
  for (const item of await pendingOutbox(db, now, MAX_READ)) {
    const recipient = `${item.accountId}#${String(item.body.to ?? (item.body.recipient as { id?: string })?.id)}`;
    const held = Date.parse(item.nextAttemptAt) > now;
    if (held || blocked.has(recipient) || attempted >= MAX_SENDS) {
      if (held) blocked.add(recipient);
      result.skipped++;
      continue;
    }
    if (!(await leaseOutbox(db, item, 60_000, now))) {
      // another drain has it (or sent it): it may still be sending, so this recipient waits for the next round
      blocked.add(recipient);
      result.skipped++;
      continue;
    }
    attempted++;
    const account = await accountFor(item);
    const res = account
      ? await graph.send(item.accountId, account.accessToken, item.body, { deadline: Date.now() + 10_000 })
      : ({ ok: false, retryable: false, error: "no account for this item" } as const);
    if (res.ok) {
      await completeOutbox(db, item.id);
      result.sent++;
      continue;
    }
    blocked.add(recipient);
    const giveUp = !res.retryable || item.attempts >= MAX_ATTEMPTS;
    await rescheduleOutbox(
      db,
      item,
      giveUp ? undefined : new Date(now + backoffMs(item.attempts)).toISOString(),
      res.error,
    );
    if (giveUp) {
      log.warn("outbox.gave_up", { id: item.id, attempts: item.attempts, error: res.error });
      result.gaveUp++;
    } else result.retried++;
  }
  return result;
}
