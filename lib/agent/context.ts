/**
 * What the agent API's handlers share (lib/agent/routes.ts and the handler files beside it): the request
 * context, the conversation id pattern, and how a conversation is read and shown. In a module of its own so
 * the handler files need not import the route table (which imports them).
 */
import type { HttpRequest } from "../http/request";
import { notFound } from "../http/router";
import { type Conversation, getConversation } from "../store/conversations";
import { toDomain } from "../store/keys";
import type { AgentDeps } from "./routes";

export const CONVERSATION_ID = /^(?:messenger|whatsapp|instagram):[A-Za-z0-9._-]{1,140}$/;

/** What every agent handler gets (the handlers in lib/agent/*.ts share it). */
export interface Ctx {
  req: HttpRequest;
  deps: AgentDeps;
  shopId: string;
  agentId: string;
  /** the conversation id of the path, decoded */
  id: string;
  now: number;
}

/** A conversation as the API shows it: without the table's keys and the bot's own bookkeeping. */
export const view = (c: Conversation): Conversation =>
  toDomain<Conversation>(c as unknown as Record<string, unknown>, ["dialog", "turnRev"]);

export async function load({ deps, shopId, id }: Ctx): Promise<Conversation> {
  const conversation = CONVERSATION_ID.test(id) ? await getConversation(deps.db, shopId, id) : undefined;
  if (!conversation) throw notFound(`No conversation ${id}.`);
  return conversation;
}
