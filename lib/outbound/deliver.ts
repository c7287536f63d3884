/**
 * Bodies to Meta within a deadline, the rest to the outbox: the one place outside the turn sender itself that
 * creates a sender (lib/channels/meta/sender.ts). The webhook's after-commit sends use it with the webhook's
 * budget; lib/outbound/send.ts with {@link SEND_BUDGET_MS}.
 */
import type { GraphClient } from "../channels/meta/graph";
import { createTurnSender, type SentMessage } from "../channels/meta/sender";
import type { GraphBody } from "../channels/types";
import type { Db } from "../store/client";
import type { ChannelAccount } from "../store/shops";

/** How long a request outside a webhook (the admin, agent, scheduled functions) waits for Meta before queuing. */
export const SEND_BUDGET_MS = 5000;

export interface DeliverOptions {
  graph: GraphClient;
  db: Db;
  account: ChannelAccount;
  /** epoch ms on the real clock */
  deadline: number;
  /** stable per message, so a retried caller reuses the outbox ids */
  idPrefix: string;
}

export async function deliverBodies(o: DeliverOptions, bodies: GraphBody[]): Promise<SentMessage[]> {
  if (bodies.length === 0) return [];
  return createTurnSender(o).send(bodies);
}
