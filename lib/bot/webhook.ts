/**
 * The Meta webhook, for both channels: route only — verify, parse, dispatch.
 *
 * GET answers the subscription handshake. POST checks the size, then the signature over the raw bytes,
 * then parses; a valid delivery is always answered 200 (a 5xx makes Meta redeliver, i.e. duplicate
 * replies), and sends that cannot finish within the time budget go to the outbox.
 */
import { timingSafeEqual } from "node:crypto";
import { ConversationState } from "botbuilder-core";
import { shopDataFor } from "../catalog/cache";
import { parseInstagramDelivery } from "../channels/instagram/parse";
import { annotateMedia } from "../channels/media";
import { parseMessengerDelivery } from "../channels/messenger/parse";
import { createTurnSender } from "../channels/meta/sender";
import { verifySignature } from "../channels/meta/signature";
import type { ChannelId, GraphBody, InboundActivity, ParsedDelivery } from "../channels/types";
import { parseWhatsAppDelivery } from "../channels/whatsapp/parse";
import { clockNow, shiftToClock, syncClock } from "../clock";
import { AppError } from "../errors";
import { parseJson } from "../http/body";
import type { HttpRequest } from "../http/request";
import { MAX_BODY_BYTES } from "../http/request";
import { errorResponse, type HttpResponse, json, text } from "../http/respond";
import { log, maskId } from "../log";
import { reconcileEcho } from "../outbound/reconcile";
import { handleStatusEvent } from "../outbound/status";
import type { InboundTouch, TrafficSource } from "../store/conversations";
import { claimTurn, commitClaimWrite, DEFAULT_CLAIM_STALE_MS, markDone, markSent } from "../store/inbound";
import type { ChannelAccount } from "../store/shops";
import { backoff, sleep } from "../store/transactions";
import { ClaimLost, commitTurn, loadTurn, TurnConflict } from "../store/turn";
import { MESSAGES_PER_MINUTE } from "../turn/rateLimit";
import { Turn } from "../turn/turn";
import { AFTER_SEND, ChatBot, CONVERSATION, SHOP } from "./chatBot";
import { handleHandoverEvent } from "./handoverEvents";
import { identify } from "./identity";
import { presenceBodies, startPresence } from "./presence";
import type { Runtime } from "./runtime";
import { SHOP_ID, TURN } from "./transcript";
import { TurnStorage } from "./turnStorage";

/** A turn that keeps meeting another turn of the same shopper gives up after this many runs. */
const MAX_TURN_ATTEMPTS = 12;

/** Meta waits a few seconds for the 200; the sends of a delivery must be done (or queued) well before. */
export const SEND_BUDGET_MS = 2000;

/**
 * A delivery's messages are started within this time; the rest are left unclaimed and the delivery is answered
 * 503, so Meta delivers it again and the claims skip what was done (see README, "Bounded work"). In-flight sends
 * may run a Graph timeout past it, still well inside the function's 10 s.
 */
export const PROCESS_BUDGET_MS = 3000;
/** how long after the send budget a Graph attempt in progress may still finish */
const CUTOFF_AFTER_BUDGET_MS = 600;

/** What became of one message of a delivery. */
type ItemOutcome = "handled" | "busy";

const PARSERS: Record<ChannelId, (body: unknown) => ParsedDelivery> = {
  messenger: (body) => annotateMedia(parseMessengerDelivery(body)),
  whatsapp: parseWhatsAppDelivery,
  instagram: parseInstagramDelivery,
};

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `GET` subscription handshake: echo `hub.challenge` when the verify token matches. */
function verifySubscription(req: HttpRequest, verifyToken: string): HttpResponse {
  const mode = req.query["hub.mode"];
  const token = req.query["hub.verify_token"] ?? "";
  const challenge = req.query["hub.challenge"] ?? "";
  if (mode === "subscribe" && safeEqual(token, verifyToken) && challenge.length <= 1000) {
    return text(200, challenge);
  }
  return json(403, { error: { code: "auth.forbidden", message: "Verification token mismatch." } });
}

export async function handleWebhook(
  channel: ChannelId,
  req: HttpRequest,
  rt: Runtime,
): Promise<HttpResponse> {
  try {
    if (req.method === "GET") return verifySubscription(req, rt.config.secrets.META_VERIFY_TOKEN);
    if (req.method !== "POST") throw new AppError("method_not_allowed", "Use GET or POST.");
    const started = Date.now();
    await syncClock(rt.db, rt.config.deployed);
    if (req.rawBody.length > MAX_BODY_BYTES) {
      throw new AppError("request.too_large", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
    }
    if (
      !verifySignature(req.rawBody, req.headers["x-hub-signature-256"], rt.config.secrets.META_APP_SECRET)
    ) {
      log.warn("webhook.bad_signature", { channel });
      throw new AppError("auth.bad_signature", "Missing or invalid X-Hub-Signature-256.");
    }
    let body: unknown;
    try {
      body = parseJson(req.rawBody.toString("utf8"));
    } catch {
      throw new AppError("request.bad_json", "The body is not valid JSON.");
    }
    const parsed = PARSERS[channel](body);
    // a malformed part of a correctly signed delivery is worth a look (warn); an unsupported kind is not
    for (const { reason } of parsed.ignored) {
      if (/malformed/.test(reason)) log.warn("webhook.malformed", { channel, reason: reason.slice(0, 300) });
      else log.info("webhook.ignored", { channel, reason: reason.slice(0, 300) });
    }
    const deadline = started + SEND_BUDGET_MS;
    let left = 0;
    for (const item of parsed.items) {
      if (Date.now() - started > PROCESS_BUDGET_MS) {
        left++;
        continue;
      }
      try {
        if ((await processItem(channel, item, deadline, rt)) === "busy") left++;
      } catch (e) {
        // Acknowledge anyway: the claims make a redelivery safe, but a message that fails every time would
        // make Meta redeliver for days. An unfinished claim is taken over by the next redelivery.
        log.error("webhook.item_failed", { channel, error: e });
      }
    }
    if (left > 0) {
      // Meta delivers the whole batch again; the claims skip what is done (lib/store/inbound.ts).
      log.warn("webhook.deferred", { channel, left, of: parsed.items.length });
      return json(503, {
        error: { code: "webhook.deferred", message: `${left} messages left for redelivery.` },
      });
    }
    return json(200, { status: "EVENT_RECEIVED" });
  } catch (e) {
    return errorResponse(e);
  }
}

const sourceOf = (item: InboundActivity, at: string): TrafficSource | undefined => {
  const r = item.activity.channelData.referral;
  return r ? { ...r, at } : undefined;
};

async function processItem(
  channel: ChannelId,
  item: InboundActivity & { accountId: string },
  deadline: number,
  rt: Runtime,
): Promise<ItemOutcome> {
  const { activity } = item;
  const account = await rt.directory.find(channel, item.accountId);
  if (!account) {
    log.info("webhook.unknown_account", { channel, accountId: item.accountId });
    return "handled";
  }
  const isShopperAction = activity.type === "message" || activity.name === "referral";
  if (!isShopperAction) {
    // an echo or status naming one of our sends settles it in the outbox (send once: lib/outbound/reconcile.ts)
    await reconcileEcho(channel, activity, rt.db);
    // statuses of the messages we sent (lib/outbound/status.ts)
    if (await handleStatusEvent(channel, activity, rt.db, account.shopId)) return "handled";
    // echoes, standby and thread control say who has the conversation; deliveries and reads: nothing
    if (await handleHandoverEvent(channel, activity, account, rt)) return "handled";
    log.debug("webhook.event", { channel, name: activity.name });
    return "handled";
  }
  // the platform's time, on the stack's clock (lib/clock.ts: the same deployed)
  const at = new Date(shiftToClock(new Date(activity.timestamp ?? Date.now()).getTime())).toISOString();
  const dedupKey =
    item.dedupKey ??
    `${activity.channelData.kind ?? activity.name}:${activity.from.id}:${new Date(at).getTime()}`;
  const claim = await claimTurn(rt.db, channel, dedupKey, rt.config.claimStaleMs ?? DEFAULT_CLAIM_STALE_MS);
  const sendFrom = async (bodies: GraphBody[], first: number, resumed = false) => {
    const sender = createTurnSender({
      graph: rt.graph,
      db: rt.db,
      account,
      deadline,
      idPrefix: `${channel}#${dedupKey}`,
      firstIndex: first,
      resumed,
      // Meta waits 3 s for the 200 (docs/interface.md): an attempt still running then is given up
      cutoff: deadline + CUTOFF_AFTER_BUDGET_MS,
    });
    // one at a time, each recorded on the claim: a takeover after a crash sends only what did not go out
    for (let i = first; i < bodies.length; i++) {
      await sender.send(bodies.slice(i, i + 1));
      // the last one is recorded by `done` (a crash before it sends that one again, as before it was counted)
      if (i + 1 < bodies.length) await markSent(rt.db, channel, dedupKey, i + 1);
    }
    await markDone(rt.db, channel, dedupKey);
  };
  switch (claim.kind) {
    case "done":
      log.info("webhook.redelivery", { channel, user: maskId(activity.from.id) });
      return "handled";
    case "busy":
      log.info("webhook.in_progress", { channel, user: maskId(activity.from.id) });
      return "busy";
    case "resend":
      log.warn("webhook.resume_sends", { channel, user: maskId(activity.from.id), from: claim.sent });
      await sendFrom(claim.replies, claim.sent, true);
      return "handled";
    case "run":
      if (claim.retry) log.warn("webhook.claim_taken_over", { channel, user: maskId(activity.from.id) });
  }
  // Typing and seen while the bot works (not while a person has the conversation: the bot stays silent),
  // started as soon as the turn's state is read, concurrently with the rest; awaited only after the replies.
  let presence: Promise<void> = Promise.resolve();
  const onLoaded = (status: string | undefined) => {
    if ((status ?? "bot") === "bot")
      // a slow start leaves it half a second past the send budget at most (Meta waits 3 s for the 200)
      presence = startPresence(
        rt.graph,
        account,
        presenceBodies(channel, activity),
        Math.max(deadline, Date.now() + 500),
        {
          db: rt.db,
          idPrefix: `${channel}#${dedupKey}`,
        },
      );
  };
  try {
    return await answer(channel, item, account, at, { dedupKey, claim, sendFrom }, deadline, rt, onLoaded);
  } finally {
    // best effort: a Graph API that hangs must not hold the answer to Meta past the budget
    await Promise.race([presence, sleep(Math.max(0, deadline + 500 - Date.now()))]);
  }
}

async function answer(
  channel: ChannelId,
  item: InboundActivity & { accountId: string },
  account: ChannelAccount,
  at: string,
  claimed: {
    dedupKey: string;
    claim: { claimedAt: string };
    sendFrom: (bodies: GraphBody[], first: number) => Promise<void>;
  },
  deadline: number,
  rt: Runtime,
  onLoaded: (status: string | undefined) => void,
): Promise<ItemOutcome> {
  const { dedupKey, claim, sendFrom } = claimed;
  const { activity } = item;
  // WhatsApp usernames: the conversation of this BSUID / phone number (lib/store/identities.ts)
  const identity = await identify(channel, activity, account.shopId, rt.db);
  const touch: InboundTouch = {
    ...identity,
    shopId: account.shopId,
    conversationId: activity.conversation.id,
    channel,
    userId: activity.from.id,
    at,
    name: activity.from.name,
    source: sourceOf(item, at),
    accountId: account.accountId,
  };
  const outgoing = await runTurn(
    channel,
    item,
    touch,
    account,
    deadline,
    { dedupKey, ...claim },
    rt,
    onLoaded,
  );
  if (!outgoing) return "handled";
  // a turn with nothing to send (a flood past its one answer) committed its claim as done
  if (outgoing.bodies.length > 0) await sendFrom(outgoing.bodies, 0);
  for (const action of outgoing.after) await action();
  return "handled";
}

/**
 * Load once, decide, commit once: the shopper's state is read in one request, the bot decides in memory, and
 * the turn's writes go out in one request. When another turn of the same shopper committed in between, the
 * turn runs again on the fresh state (nothing was sent yet, so nothing is repeated). The replies are sent by
 * the caller after the commit.
 */
async function runTurn(
  channel: ChannelId,
  item: InboundActivity,
  touch: InboundTouch,
  account: ChannelAccount,
  deadline: number,
  claim: { dedupKey: string; claimedAt: string },
  rt: Runtime,
  onLoaded?: (status: string | undefined) => void,
): Promise<{ bodies: GraphBody[]; after: Array<() => Promise<void>> } | undefined> {
  const turnId = claim.dedupKey;
  for (let attempt = 0; ; attempt++) {
    const now = new Date(clockNow());
    const load = await loadTurn(rt.db, touch, now);
    if (attempt === 0) onLoaded?.(load.conversation?.status);
    const turn = new Turn(load, touch, now);
    // a conversation counts for its source when it starts, and again for each referral that brings the shopper
    // back (an ad or m.me link opening an existing thread is a new arrival from that source)
    if (turn.isNew || item.activity.channelData.referral) turn.count("conversations");
    const shop = await shopDataFor(rt.db, account.shopId, load.settings);
    const bot = new ChatBot(new ConversationState(new TurnStorage(turn)), rt.db);
    const bodies: GraphBody[] = [];
    const after: Array<() => Promise<void>> = [];
    await rt.adapters[channel].processActivity(
      item.activity,
      {
        account,
        deadline,
        turnId,
        outgoing: bodies,
        state: [
          [CONVERSATION, turn.conversation],
          [SHOP, shop],
          [SHOP_ID, account.shopId],
          [TURN, turn],
          [AFTER_SEND, after],
        ],
      },
      (context) => bot.run(context),
    );
    // a flood beyond the one "too many messages" answer: not even a read receipt (lib/turn/rateLimit.ts)
    if ((turn.conversation.rate?.count ?? 0) > MESSAGES_PER_MINUTE + 1) bodies.length = 0;
    for (let write = 0; ; write++) {
      try {
        // the claim is committed with the turn, with the replies to send: nothing done is ever done twice
        await commitTurn(
          rt.db,
          turn,
          commitClaimWrite(rt.db, { channel, dedupKey: turnId, claimedAt: claim.claimedAt, replies: bodies }),
        );
        return { bodies, after };
      } catch (e) {
        if (e instanceof ClaimLost) {
          log.warn("webhook.claim_lost", { channel, user: maskId(touch.userId) });
          return undefined;
        }
        if (!(e instanceof TurnConflict) || attempt + write >= MAX_TURN_ATTEMPTS - 1) throw e;
        log.debug("turn.conflict", { channel, attempt, write });
        await sleep(Math.min(backoff(attempt + write), 250));
        // an order placed (or a rating stored) stays: write this turn over the fresh state instead of running it
        // again, which would answer as if someone else had placed it
        if (!turn.irrevocable) break;
        turn.rebase(await loadTurn(rt.db, touch, new Date(clockNow())));
      }
    }
  }
}
