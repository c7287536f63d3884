/**
 * The Meta webhook, for both channels: route only — verify, parse, dispatch.
 *
 * GET answers the subscription handshake. POST checks the size, then the signature over the raw bytes,
 * then parses; a valid delivery is always answered 200 (a 5xx makes Meta redeliver, i.e. duplicate
 * replies), and sends that cannot finish within the time budget go to the outbox.
 */
import { timingSafeEqual } from "node:crypto";
import { ConversationState } from "botbuilder-core";
import { loadShopData } from "../catalog/cache";
import { parseMessengerDelivery } from "../channels/messenger/parse";
import { verifySignature } from "../channels/meta/signature";
import type { ChannelId, InboundActivity, ParsedDelivery } from "../channels/types";
import { parseWhatsAppDelivery } from "../channels/whatsapp/parse";
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import { MAX_BODY_BYTES } from "../http/request";
import { errorResponse, type HttpResponse, json, text } from "../http/respond";
import { log, maskId } from "../log";
import { type TrafficSource, touchInbound } from "../store/conversations";
import { tallyFunnel } from "../store/funnel";
import { claimInbound } from "../store/inbound";
import { ChatBot, CONVERSATION, SHOP } from "./chatBot";
import { DynamoStorage } from "./dynamoStorage";
import { handleHandoverEvent } from "./handoverEvents";
import type { Runtime } from "./runtime";
import { SHOP_ID } from "./transcript";

/** Meta waits a few seconds for the 200; the sends of a delivery must be done (or queued) well before. */
export const SEND_BUDGET_MS = 2000;

const PARSERS: Record<ChannelId, (body: unknown) => ParsedDelivery> = {
  messenger: parseMessengerDelivery,
  whatsapp: parseWhatsAppDelivery,
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
      body = JSON.parse(req.rawBody.toString("utf8"));
    } catch {
      throw new AppError("request.bad_json", "The body is not valid JSON.");
    }
    const parsed = PARSERS[channel](body);
    for (const ignored of parsed.ignored) log.info("webhook.ignored", { channel, reason: ignored.reason });
    const deadline = started + SEND_BUDGET_MS;
    for (const item of parsed.items) {
      try {
        await processItem(channel, item, deadline, rt);
      } catch (e) {
        // Acknowledge anyway: a redelivery would answer the messages that did go through a second time.
        log.error("webhook.item_failed", { channel, error: e });
      }
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
): Promise<void> {
  const { activity } = item;
  const account = await rt.directory.find(channel, item.accountId);
  if (!account) {
    log.info("webhook.unknown_account", { channel, accountId: item.accountId });
    return;
  }
  const isShopperAction = activity.type === "message" || activity.name === "referral";
  if (!isShopperAction) {
    // echoes, standby and thread control say who has the conversation; deliveries, reads and statuses: nothing
    if (await handleHandoverEvent(channel, activity, account, rt)) return;
    log.debug("webhook.event", { channel, name: activity.name });
    return;
  }
  const at = new Date(activity.timestamp ?? Date.now()).toISOString();
  const dedupKey =
    item.dedupKey ??
    `${activity.channelData.kind ?? activity.name}:${activity.from.id}:${new Date(at).getTime()}`;
  if (!(await claimInbound(rt.db, channel, dedupKey))) {
    log.info("webhook.redelivery", { channel, user: maskId(activity.from.id) });
    return;
  }
  const conversation = await touchInbound(rt.db, {
    shopId: account.shopId,
    conversationId: activity.conversation.id,
    channel,
    userId: activity.from.id,
    at,
    name: activity.from.name,
    source: sourceOf(item, at),
    accountId: account.accountId,
  });
  // a conversation counts for its source when it starts, and again for each referral that brings the shopper
  // back (an ad or m.me link opening an existing thread is a new arrival from that source)
  if (conversation.inbound === 1 || item.activity.channelData.referral) {
    await tallyFunnel(rt.db, conversation, "conversations", new Date(at));
  }
  const shop = await loadShopData(rt.db, account.shopId);
  const bot = new ChatBot(new ConversationState(new DynamoStorage(rt.db, account.shopId)), rt.db);
  await rt.adapters[channel].processActivity(
    activity,
    {
      account,
      deadline,
      turnId: dedupKey,
      state: [
        [CONVERSATION, conversation],
        [SHOP, shop],
        [SHOP_ID, account.shopId],
      ],
    },
    (context) => bot.run(context),
  );
}
