/**
 * Sends a turn's replies within the webhook's time budget. Meta expects a 200 within a few seconds and
 * redelivers otherwise (which would repeat replies), so sends get a deadline; what has not gone through by
 * then (or failed with a retryable error) is written to the outbox and retried by the `outbox` function.
 * Once one reply is deferred, the following ones are deferred too, so the shopper sees them in order.
 *
 * Send once: every body carries its outbox id in the field Meta echoes (lib/channels/meta/sendId.ts). An
 * attempt given up in flight is queued `uncertain`; the drain holds it for a grace period, during which Meta's
 * echo or status with its id settles it as sent (lib/outbound/reconcile.ts), and resends it only without one.
 */

import { log } from "../../log";
import type { Db } from "../../store/client";
import { linkOutboundRef } from "../../store/outbound";
import {
  completeOutbox,
  enqueueOutbox,
  getOutbox,
  leaseOutbox,
  type OutboxItem,
  pendingOutbox,
  rescheduleOutbox,
  UNCERTAIN_GRACE_MS,
} from "../../store/outbox";
import type { ChannelAccount } from "../../store/shops";
import type { ChannelId, GraphBody } from "../types";
import type { GraphClient } from "./graph";
import { sendIdFor, tagBody } from "./sendId";

export interface SentMessage {
  body: GraphBody;
  /** platform message id when it went out now */
  messageId?: string;
  state: "sent" | "queued" | "failed";
  error?: string;
  /** our id of this body (its outbox id, echoed back by Meta: lib/channels/meta/sendId.ts) */
  sendId?: string;
  /** queued because an attempt was given up in flight: Graph may have taken it (the outbox waits for its echo) */
  uncertain?: boolean;
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
  /**
   * a takeover of a turn whose invocation died: a reply it had queued (perhaps `uncertain`) is the outbox's, so
   * each id is looked up before it is sent
   */
  resumed?: boolean;
}

export const messageIdOf = (channel: ChannelId, response: unknown): string | undefined => {
  const r = response as { message_id?: string; messages?: Array<{ id?: string }> } | undefined;
  return channel === "whatsapp" ? r?.messages?.[0]?.id : r?.message_id;
};

/** A body whose id the outbox already has: sent (Meta said so), or queued there. */
const fromOutbox = (body: GraphBody, item: OutboxItem): SentMessage =>
  item.state === "sent"
    ? { body, state: "sent", sendId: item.id, ...(item.messageId && { messageId: item.messageId }) }
    : { body, state: "queued", sendId: item.id, ...(item.state === "uncertain" && { uncertain: true }) };

export function createTurnSender(deps: TurnSenderDeps): TurnSender {
  let index = deps.firstIndex ?? 0;
  let deferring = false;
  const { account } = deps;
  return {
    async send(bodies) {
      const out: SentMessage[] = [];
      for (const original of bodies) {
        const id = sendIdFor(deps.idPrefix, index++);
        const body = tagBody(account.channel, original, id);
        let uncertain = false;
        if (!deferring && deps.resumed) {
          const known = await getOutbox(deps.db, id);
          if (known) {
            out.push(fromOutbox(original, known));
            // the outbox sends this one: the rest follow it there, in order
            if (known.state !== "sent") deferring = true;
            continue;
          }
        }
        if (!deferring) {
          const res = await deps.graph.send(account.accountId, account.accessToken, body, {
            deadline: deps.deadline,
            ...(deps.cutoff !== undefined && { cutoff: deps.cutoff }),
          });
          if (res.ok) {
            const messageId = messageIdOf(account.channel, res.response);
            out.push({ body: original, state: "sent", sendId: id, ...(messageId && { messageId }) });
            continue;
          }
          if (!res.retryable) {
            log.warn("graph.send_failed", { channel: account.channel, status: res.status, error: res.error });
            out.push({ body: original, state: "failed", error: res.error, sendId: id });
            continue;
          }
          deferring = true;
          uncertain = res.uncertain === true;
        }
        const now = new Date().toISOString();
        const queued = await enqueueOutbox(deps.db, {
          id,
          channel: account.channel,
          accountId: account.accountId,
          shopId: account.shopId,
          body,
          nextAttemptAt: now,
          // the drain holds it until Meta's echo settles it or the grace period passes
          ...(uncertain && { state: "uncertain" as const, uncertainSince: now }),
        });
        if (!queued) {
          // the id is taken: Meta's echo of this very send came first (a `sent` marker), or a crashed
          // invocation queued it already
          const known = await getOutbox(deps.db, id);
          if (known) {
            out.push(fromOutbox(original, known));
            continue;
          }
        }
        log.info(uncertain ? "outbox.enqueued_uncertain" : "outbox.enqueued", {
          channel: account.channel,
          id,
        });
        out.push({ body: original, state: "queued", sendId: id, ...(uncertain && { uncertain }) });
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

export interface DrainOptions {
  /** how long an uncertain item waits for Meta's echo or status (default {@link UNCERTAIN_GRACE_MS}) */
  graceMs?: number;
}

/**
 * An uncertain item still within its grace period: Meta's echo may yet say Graph took it. Instagram echoes
 * carry no id of ours (lib/channels/meta/sendId.ts), so waiting would learn nothing: it is resent at once.
 */
export function awaitingEcho(item: OutboxItem, now: number, graceMs = UNCERTAIN_GRACE_MS): boolean {
  if (item.state !== "uncertain" || item.channel === "instagram" || !item.uncertainSince) return false;
  return Date.parse(item.uncertainSince) + graceMs > now;
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
  opts: DrainOptions = {},
): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retried: 0, gaveUp: 0, skipped: 0 };
  const blocked = new Set<string>();
  let attempted = 0;
  for (const item of await pendingOutbox(db, now, MAX_READ)) {
    const recipient = `${item.accountId}#${String(item.body.to ?? (item.body.recipient as { id?: string })?.id)}`;
    const held = Date.parse(item.nextAttemptAt) > now || awaitingEcho(item, now, opts.graceMs);
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
    // no echo within the grace period: Graph did not take it, or took it and Meta never said so (then the
    // shopper gets it twice, the price of not losing it)
    if (item.state === "uncertain")
      log.warn("outbox.resend_uncertain", { id: item.id, channel: item.channel });
    const account = await accountFor(item);
    const res = account
      ? await graph.send(item.accountId, account.accessToken, item.body, { deadline: Date.now() + 10_000 })
      : ({ ok: false, retryable: false, error: "no account for this item" } as const);
    if (res.ok) {
      const messageId = messageIdOf(item.channel, res.response);
      await completeOutbox(db, item.id, messageId);
      // its status webhooks find the transcript message and the order's notification from now on
      if (messageId) await linkOutboundRef(db, item.channel, item.id, messageId);
      result.sent++;
      continue;
    }
    blocked.add(recipient);
    const giveUp = !res.retryable || item.attempts >= MAX_ATTEMPTS;
    const uncertain = "uncertain" in res && res.uncertain === true;
    const wait = uncertain
      ? Math.max(backoffMs(item.attempts), opts.graceMs ?? UNCERTAIN_GRACE_MS)
      : backoffMs(item.attempts);
    await rescheduleOutbox(
      db,
      item,
      giveUp ? undefined : new Date(now + wait).toISOString(),
      res.error,
      uncertain ? new Date().toISOString() : undefined,
    );
    if (giveUp) {
      log.warn("outbox.gave_up", { id: item.id, attempts: item.attempts, error: res.error });
      result.gaveUp++;
    } else result.retried++;
  }
  return result;
}
