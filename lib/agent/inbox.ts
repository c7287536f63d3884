/**
 * The team inbox's list and the people in it (docs/interface.md, Agent API):
 * - `GET /conversations`: each conversation with the shopper's name (from their checkout profile, else the
 *   platform's), channel, language, the last message, the unread count and why it left the bot; filtered by
 *   status (`bot`, `waiting`, `agent` or `all`), `channel`, `language`, `mine` and a search `q`;
 * - `POST /conversations/{id}/read`: the team has read it (unread counts start again from now);
 * - `POST /conversations/{id}/assign` `{"agentId"}`: give it to a colleague (or `"me"`);
 * - `GET /agents`, `GET|PUT /me` `{"name"}`: who can be assigned, and how colleagues see me;
 * - `GET /notifications?since=`: what the agents should know (a waiting shopper went back to the bot).
 */
import { z } from "zod/v4";
import { fieldErrors } from "../catalog/schema";
import { AppError } from "../errors";
import { takeOver } from "../handover/service";
import { readJson } from "../http/body";
import { type HttpResponse, json } from "../http/respond";
import { log, maskId } from "../log";
import type { Conversation, ConversationStatus } from "../model/conversation";
import { listAgentNotices } from "../store/agentNotices";
import { getAgent, listAgents, putAgent } from "../store/agents";
import { getConversation, listConversations, updateConversation } from "../store/conversations";
import { inboxActivity } from "../store/inboxReads";
import { getSettings } from "../store/settings";
import { type Ctx, load, view } from "./context";
import { displayName } from "./names";
import { matchingConversations } from "./search";
import { windowOfConversation } from "./send";

const STATUSES = ["bot", "waiting", "agent"] as const satisfies readonly ConversationStatus[];
/** conversations read per request at most, so a filtered page stays one short request */
const MAX_SCAN = 100;

const invalid = (message: string, error: z.ZodError) =>
  new AppError("request.invalid", message, fieldErrors(error));

const ListQuery = z.object({
  status: z
    .enum([...STATUSES, "all"], { error: "must be one of bot, waiting, agent, all" })
    .default("waiting"),
  channel: z.enum(["messenger", "whatsapp"], { error: "must be messenger or whatsapp" }).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, "must be a language code, e.g. en")
    .optional(),
  mine: z.enum(["1", "true", "0", "false"], { error: "must be true or false" }).optional(),
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "must be from 1 to 100")
    .transform(Number)
    .pipe(z.number().min(1, "must be from 1 to 100").max(100, "must be from 1 to 100"))
    .default(50),
  after: z.string().min(1).max(2048).optional(),
});

/** `asked`: the shopper asked for a person; `unanswered`: the bot could not answer; `cart_value`; `agent`: taken. */
export type HandoverKind = "asked" | "unanswered" | "cart_value" | "agent";

export function handoverKind(reason: string | undefined): HandoverKind | undefined {
  if (!reason) return undefined;
  if (reason === "asked" || reason === "complaint") return "asked";
  if (reason === "unanswered" || reason === "cart_value") return reason;
  return "agent";
}

export { displayName };

async function list(ctx: Ctx): Promise<HttpResponse> {
  const { req, deps, shopId, agentId, now } = ctx;
  const parsed = ListQuery.safeParse(req.query);
  if (!parsed.success) throw invalid("The conversation list query is not valid.", parsed.error);
  const query = parsed.data;
  if (query.after && query.status === "all") {
    throw new AppError("request.invalid", "Paging (after) needs one status.", [
      { path: "after", message: "only with status bot, waiting or agent" },
    ]);
  }
  const statuses = query.status === "all" ? STATUSES : [query.status];
  const mine = query.mine === "1" || query.mine === "true";
  const q = query.q || undefined;

  // Read each status partition (newest activity first), keep what the record-level filters accept.
  // Each status reads only as many records as the page still needs, so `next` continues right after them.
  let next: string | undefined;
  const candidates: Conversation[] = [];
  for (const status of statuses) {
    let after = query.after;
    let scanned = 0;
    let kept = 0;
    do {
      const want = Math.min(query.limit - kept, MAX_SCAN - scanned);
      const page = await listConversations(deps.db, shopId, status, { limit: want, after });
      scanned += page.items.length;
      after = page.next;
      for (const c of page.items) {
        if (query.channel && c.channel !== query.channel) continue;
        if (query.language && c.locale !== query.language) continue;
        if (mine && c.agentId !== agentId) continue;
        candidates.push(c);
        kept++;
      }
    } while (after && scanned < MAX_SCAN && kept < query.limit);
    if (statuses.length === 1) next = after;
  }
  candidates.sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));

  const agents = new Map((await listAgents(deps.db, shopId)).map((a) => [a.agentId, a.name]));
  // search: the id, the name or any of the newest transcript lines (docs/decisions.md "Inbox search")
  const shown = q ? await matchingConversations(deps.db, shopId, candidates, q, query.limit) : candidates;
  const items = [];
  for (const c of shown) {
    if (items.length >= query.limit) break;
    const activity = await inboxActivity(deps.db, shopId, c.conversationId, c.readAt);
    const name = displayName(c);
    const kind = handoverKind(c.handoverReason);
    items.push({
      ...view(c),
      displayName: name ?? null,
      language: c.locale ?? null,
      lastMessage: activity.last ?? null,
      unread: activity.unread,
      ...(kind && { handoverKind: kind }),
      ...(c.agentId && { assignee: { agentId: c.agentId, name: agents.get(c.agentId) ?? null } }),
      window: windowOfConversation(c, now),
    });
  }
  return json(200, { items, ...(next && { next }) });
}

/** `POST /conversations/{id}/read`: the team has seen everything up to now. */
async function markRead(ctx: Ctx): Promise<HttpResponse> {
  const { deps, shopId, id, now } = ctx;
  await load(ctx);
  await updateConversation(deps.db, shopId, id, { readAt: new Date(now).toISOString() });
  return json(200, { conversationId: id, readAt: new Date(now).toISOString(), unread: 0 });
}

const AssignBody = z.strictObject({
  agentId: z.string().regex(/^(?:me|agent-[0-9a-f]{16})$/, 'must be "me" or an agent id from GET /agents'),
});

/**
 * Gives the conversation to a colleague (or to me): it becomes `agent` with that person, from any status, so
 * the bot stays silent and the idle clock starts for them. A colleague must be known (GET /agents).
 */
async function assignTo(ctx: Ctx): Promise<HttpResponse> {
  const { req, deps, shopId, now } = ctx;
  const parsed = AssignBody.safeParse(readJson(req));
  if (!parsed.success) throw invalid("The assignment is not valid.", parsed.error);
  const to = parsed.data.agentId === "me" ? ctx.agentId : parsed.data.agentId;
  if (to !== ctx.agentId && !(await getAgent(deps.db, shopId, to))) {
    throw new AppError("request.invalid", `No agent ${to} in this shop.`, [
      { path: "agentId", message: "is not an agent of this shop (GET /agents)" },
    ]);
  }
  const { handover: rules } = await getSettings(deps.db, shopId);
  let conversation = await load(ctx);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (conversation.status === "agent" && conversation.agentId === to) break;
    if (await takeOver(deps.db, conversation, to, rules, new Date(now), { reason: "agent" })) {
      log.info("agent.assigned", { shopId, conversation: maskId(ctx.id), by: ctx.agentId, to });
      break;
    }
    conversation = await load(ctx);
    if (attempt === 1) throw new AppError("conflict", "The conversation changed meanwhile; reload it.");
  }
  const latest = (await getConversation(deps.db, shopId, ctx.id)) ?? conversation;
  return json(200, { conversation: view(latest), window: windowOfConversation(latest, now) });
}

async function agents({ deps, shopId, agentId }: Ctx): Promise<HttpResponse> {
  const items = await listAgents(deps.db, shopId);
  return json(200, { items, me: agentId });
}

async function getMe({ deps, shopId, agentId }: Ctx): Promise<HttpResponse> {
  const me = await getAgent(deps.db, shopId, agentId);
  return json(200, { agentId, name: me?.name ?? null });
}

const MeBody = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(60, "must be at most 60 characters"),
});

async function putMe({ req, deps, shopId, agentId, now }: Ctx): Promise<HttpResponse> {
  const parsed = MeBody.safeParse(readJson(req));
  if (!parsed.success) throw invalid("The profile is not valid.", parsed.error);
  const me = await putAgent(deps.db, shopId, {
    agentId,
    name: parsed.data.name,
    updatedAt: new Date(now).toISOString(),
  });
  return json(200, me);
}

const NoticeQuery = z.object({
  since: z.iso.datetime({ error: "must be an ISO time, e.g. 2026-01-31T12:00:00.000Z" }).optional(),
});

async function notifications({ req, deps, shopId }: Ctx): Promise<HttpResponse> {
  const parsed = NoticeQuery.safeParse(req.query);
  if (!parsed.success) throw invalid("The notifications query is not valid.", parsed.error);
  return json(200, { items: await listAgentNotices(deps.db, shopId, { since: parsed.data.since }) });
}

export const inboxRoutes = {
  list,
  markRead,
  assignTo,
  agents,
  getMe,
  putMe,
  notifications,
};
