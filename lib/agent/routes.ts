/**
 * The agent API (docs/interface.md): support staff list conversations by status, read one with its transcript, its
 * current cart and its orders, take it over (the bot goes silent), reply and release it. Bearer auth with an agent token on every route; a
 * token sees only its shop's conversations (another shop's id is simply not found: 404).
 *
 * The person behind a token is `agent-<first 16 hex of the token's SHA-256>`: stable, and no secret.
 */

import { z } from "zod/v4";
import { orderNotifications } from "../admin/notifications";
import { priceCart } from "../cart/pricing";
import { fieldErrors } from "../catalog/schema";
import type { Money } from "../catalog/types";
import type { Config } from "../config";
import { AppError } from "../errors";
import { noteAgentMessage, releaseToBot, takeOver } from "../handover/service";
import { readJson } from "../http/body";
import type { HttpRequest } from "../http/request";
import { type HttpResponse, json } from "../http/respond";
import { apiErrorResponse, dispatch, notFound, type Route } from "../http/router";
import { isLocale } from "../i18n";
import { log, maskId } from "../log";
import type { MediaFetcher } from "../media/fetch";
import { ORDER_ID_PATTERN } from "../orders/ids";
import type { PricedLine } from "../orders/types";
import { getCart } from "../store/carts";
import { type Conversation, getConversation, readConversation } from "../store/conversations";
import { getOrder, getProductsFresh, ordersOfConversation } from "../store/orders";
import { getSettings } from "../store/settings";
import { authenticatePrincipal } from "../store/tokens";
import { cannedRoutes } from "./canned";
import { CONVERSATION_ID, type Ctx, load, view } from "./context";
import { inboxRoutes } from "./inbox";
import { serveMedia } from "./media";
import { noteRoutes } from "./notes";
import { type AgentSendDeps, deliverReply, planReply, windowOfConversation } from "./send";
import { checkTemplate, windowState } from "./templates";

export interface AgentDeps extends AgentSendDeps {
  config: Pick<Config, "secrets">;
  /** fetches what shoppers sent, with the shop's token (lib/media/fetch.ts) */
  media?: MediaFetcher;
  /** epoch ms; tests pass their own */
  now?: () => number;
}

const PREFIX = "/api/agent/";
const TRANSCRIPT_LIMIT = 200;

/** The cart as docs/interface.md shows it: priced lines and the total; an empty cart has no lines and a zero total. */
export interface CartView {
  items: PricedLine[];
  total: Money;
  updatedAt?: string;
}

/**
 * The conversation's current cart, priced now from fresh product reads (what the shopper would pay), titles in
 * the conversation's locale. An expired cart reads as empty (getCart); a product deleted since drops out.
 */
async function cartOf(ctx: Ctx, conversation: Conversation): Promise<CartView> {
  const { deps, shopId, now } = ctx;
  const [settings, cart] = await Promise.all([
    getSettings(deps.db, shopId),
    getCart(deps.db, shopId, conversation.conversationId, new Date(now)),
  ]);
  const currency = settings.currency;
  if (cart.lines.length === 0) return { items: [], total: { amount: 0, currency } };
  const products = await getProductsFresh(
    deps.db,
    shopId,
    cart.lines.map((l) => l.productId),
  );
  const locale = isLocale(conversation.locale) ? conversation.locale : settings.defaultLocale;
  const priced = priceCart(cart.lines, products, { locale, fallback: settings.defaultLocale, currency });
  return { items: priced.items, total: priced.total, ...(cart.updatedAt && { updatedAt: cart.updatedAt }) };
}

async function show(ctx: Ctx): Promise<HttpResponse> {
  const { deps, shopId, now } = ctx;
  if (!CONVERSATION_ID.test(ctx.id)) throw notFound(`No conversation ${ctx.id}.`);
  // One Query reads the record and the transcript (they share a partition).
  const { conversation, messages } = await readConversation(deps.db, shopId, ctx.id, TRANSCRIPT_LIMIT);
  if (!conversation) throw notFound(`No conversation ${ctx.id}.`);
  const [cart, orders] = await Promise.all([
    cartOf(ctx, conversation),
    ordersOfConversation(deps.db, shopId, ctx.id),
  ]);
  return json(200, {
    conversation: view(conversation),
    messages,
    cart,
    orders,
    window: windowOfConversation(conversation, now),
  });
}

/**
 * Gives the conversation to this agent. The write is conditioned on the status read, so a concurrent change
 * (the bot handing over, another agent) is re-read and tried once more before answering 409.
 */
async function assign(ctx: Ctx, conversation: Conversation): Promise<Conversation> {
  const { deps, shopId, agentId, now } = ctx;
  const { handover: rules } = await getSettings(deps.db, shopId);
  let current = conversation;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (current.status === "agent" && current.agentId === agentId) return current;
    if (await takeOver(deps.db, current, agentId, rules, new Date(now), { reason: "agent" })) {
      log.info("agent.took_over", { shopId, conversation: maskId(ctx.id), agentId });
      if (rules.pageInbox && current.channel === "messenger") await takeThreadControl(deps, current);
      return (await getConversation(deps.db, shopId, ctx.id)) ?? current;
    }
    current = await load(ctx);
  }
  throw new AppError("conflict", "The conversation changed meanwhile; reload it and try again.");
}

/**
 * With `pageInbox` on, a Messenger thread the bot handed over belongs to Meta's Page Inbox: our agent takes
 * it back (handover protocol `take_thread_control`), or Meta refuses their replies. A failure is logged; the
 * takeover stands (the agent sees the reply fail with 502 and Meta's reason).
 */
async function takeThreadControl(deps: AgentDeps, conversation: Conversation): Promise<void> {
  const account = conversation.accountId
    ? await deps.directory.find("messenger", conversation.accountId)
    : await deps.directory.accountOf(conversation.shopId, "messenger");
  if (!account || account.shopId !== conversation.shopId) return;
  const res = await deps.graph.post(
    account.accountId,
    "take_thread_control",
    account.accessToken,
    { recipient: { id: conversation.userId }, metadata: "chatcart agent takeover" },
    { deadline: Date.now() + 3000 },
  );
  if (!res.ok)
    log.warn("agent.take_thread_failed", {
      conversation: maskId(conversation.conversationId),
      error: res.error,
    });
}

async function takeover(ctx: Ctx): Promise<HttpResponse> {
  const conversation = await assign(ctx, await load(ctx));
  return json(200, { conversation: view(conversation), window: windowOfConversation(conversation, ctx.now) });
}

async function release(ctx: Ctx): Promise<HttpResponse> {
  const { deps, shopId, now } = ctx;
  await load(ctx);
  if (await releaseToBot(deps.db, { shopId, conversationId: ctx.id }, "agent", new Date(now))) {
    log.info("agent.released", { shopId, conversation: maskId(ctx.id), agentId: ctx.agentId });
  }
  const conversation = await load(ctx);
  return json(200, { conversation: view(conversation), window: windowOfConversation(conversation, now) });
}

const ReplyBody = z
  .strictObject({
    text: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(2000, "must be at most 2000 characters")
      .optional(),
    // an image by its public https address (Meta fetches it); goes after the text
    image: z
      .strictObject({
        url: z
          .url({ protocol: /^https?$/, message: "must be an http(s) address" })
          .max(2000, "must be at most 2000 characters"),
      })
      .optional(),
  })
  .refine((b) => b.text !== undefined || b.image !== undefined, {
    message: "give text, an image, or both",
    path: ["text"],
  });

/**
 * Sends the agent's text. Replying to a conversation this agent has not taken over takes it over first (as
 * in Meta's and Chatwoot's inboxes): otherwise the bot would answer the shopper's next message too.
 */
async function reply(ctx: Ctx): Promise<HttpResponse> {
  const { req, deps, shopId, now } = ctx;
  const parsed = ReplyBody.safeParse(readJson(req));
  if (!parsed.success)
    throw new AppError("request.invalid", "The message is not valid.", fieldErrors(parsed.error));
  let conversation = await load(ctx);
  const { handover: rules } = await getSettings(deps.db, shopId);
  // The window first: a refused reply must not take the conversation from the bot.
  const { plan } = planReply(conversation, rules, now);
  if (conversation.status !== "agent") conversation = await assign(ctx, conversation);
  const result = await deliverReply(
    deps,
    conversation,
    plan,
    ctx.agentId,
    { text: parsed.data.text, imageUrl: parsed.data.image?.url },
    now,
  );
  await noteAgentMessage(deps.db, conversation, rules, new Date(now));
  log.info("agent.replied", { shopId, conversation: maskId(ctx.id), delivery: result.delivery });
  const latest = (await getConversation(deps.db, shopId, ctx.id)) ?? conversation;
  return json(result.delivery === "queued" ? 202 : 201, {
    message: result.message,
    delivery: result.delivery,
    conversation: view(latest),
    window: windowOfConversation(latest, now),
  });
}

async function windowOfIt(ctx: Ctx): Promise<HttpResponse> {
  const conversation = await load(ctx);
  return json(
    200,
    await windowState(ctx.deps, ctx.shopId, windowOfConversation(conversation, ctx.now), ctx.now),
  );
}

/** An approved template on WhatsApp (the way back into a closed window); takes the conversation over. */
async function sendTemplate(ctx: Ctx): Promise<HttpResponse> {
  const { req, deps, shopId, now } = ctx;
  let conversation = await load(ctx);
  if (conversation.channel !== "whatsapp") {
    throw new AppError("request.invalid", "Templates are for WhatsApp conversations.", [
      { path: "", message: "this is a Messenger conversation" },
    ]);
  }
  const chosen = await checkTemplate(deps, shopId, readJson(req), now);
  const { handover: rules } = await getSettings(deps.db, shopId);
  if (conversation.status !== "agent") conversation = await assign(ctx, conversation);
  const plan = { kind: "template", template: { name: chosen.name, language: chosen.language } } as const;
  const result = await deliverReply(deps, conversation, plan, ctx.agentId, "", now, chosen.parameters);
  await noteAgentMessage(deps.db, conversation, rules, new Date(now));
  log.info("agent.template_sent", { shopId, conversation: maskId(ctx.id), template: chosen.name });
  const latest = (await getConversation(deps.db, shopId, ctx.id)) ?? conversation;
  return json(201, {
    message: result.message,
    delivery: result.delivery,
    window: windowOfConversation(latest, now),
  });
}

async function notificationsOfOrder(ctx: Ctx): Promise<HttpResponse> {
  const order = ORDER_ID_PATTERN.test(ctx.id) ? await getOrder(ctx.deps.db, ctx.shopId, ctx.id) : undefined;
  if (!order) throw notFound(`No order ${ctx.id}.`);
  return json(200, await orderNotifications(ctx.deps.db, ctx.shopId, ctx.id));
}

const ROUTES: Array<Route<Ctx>> = [
  // the team inbox's list, filters and search (lib/agent/inbox.ts)
  [["conversations"], { GET: inboxRoutes.list }],
  [["conversations", ":id"], { GET: show }],
  [["conversations", ":id", "read"], { POST: inboxRoutes.markRead }],
  [["conversations", ":id", "assign"], { POST: inboxRoutes.assignTo }],
  [["conversations", ":id", "notes"], { GET: noteRoutes.list, POST: noteRoutes.add }],
  [["agents"], { GET: inboxRoutes.agents }],
  [["me"], { GET: inboxRoutes.getMe, PUT: inboxRoutes.putMe }],
  [["notifications"], { GET: inboxRoutes.notifications }],
  [["canned"], { GET: cannedRoutes.list }],
  [["canned", ":id"], { PUT: cannedRoutes.put, DELETE: cannedRoutes.remove }],
  [["canned", ":id", "render"], { POST: cannedRoutes.render }],
  [["conversations", ":id", "takeover"], { POST: takeover }],
  [["conversations", ":id", "release"], { POST: release }],
  [["conversations", ":id", "messages"], { POST: reply }],
  [
    ["conversations", ":id", "media"],
    {
      GET: async (ctx) => {
        if (!CONVERSATION_ID.test(ctx.id)) throw notFound(`No conversation ${ctx.id}.`);
        return serveMedia(ctx.deps, ctx.shopId, ctx.id, ctx.req.query.message);
      },
    },
  ],
  [["conversations", ":id", "window"], { GET: windowOfIt }],
  [["conversations", ":id", "template"], { POST: sendTemplate }],
  [["orders", ":id", "notifications"], { GET: notificationsOfOrder }],
];

/** Answers one agent API request; never throws. */
export async function handleAgent(req: HttpRequest, deps: AgentDeps): Promise<HttpResponse> {
  try {
    // Authentication comes before routing, so without a token nothing, not even which routes exist, shows.
    const principal = await authenticatePrincipal(deps.db, req.headers.authorization, "agent", deps.config);
    const now = deps.now?.() ?? Date.now();
    const agentId = `agent-${principal.tokenId}`;
    return await dispatch(req, PREFIX, ROUTES, (id) => ({
      req,
      deps,
      shopId: principal.shopId,
      agentId,
      id,
      now,
    }));
  } catch (e) {
    return apiErrorResponse(e);
  }
}
