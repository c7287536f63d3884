/**
 * A botbuilder `BotAdapter` per Meta channel. Inbound Activities come from `lib/channels/*\/parse`; what the
 * bot sends is mapped to Graph API bodies by `lib/channels/*\/send` and delivered by the turn's sender
 * (deadline + outbox). Meta has no edit or delete of sent messages, so those throw.
 */
import { BotAdapter, type ConversationReference, type ResourceResponse, TurnContext } from "botbuilder-core";
import type { Activity } from "botframework-schema";
import { toInstagramBodies } from "../channels/instagram/send";
import { toMessengerBodies } from "../channels/messenger/send";
import type { GraphClient } from "../channels/meta/graph";
import { createTurnSender, type SentMessage, type TurnSender } from "../channels/meta/sender";
import type { ChannelId, GraphBody, OutboundOptions } from "../channels/types";
import { toWhatsAppBodies } from "../channels/whatsapp/send";
import type { Db } from "../store/client";
import type { ChannelAccount } from "../store/shops";

/** turnState keys */
export const SENDER = Symbol("chatcart.sender");
export const ACCOUNT = Symbol("chatcart.account");
export const SENT = Symbol("chatcart.sent");
/** the Graph client, for calls other than messages (Messenger's `pass_thread_control`) */
export const GRAPH = Symbol("chatcart.graph");
/** the turn's deadline (epoch ms) */
export const DEADLINE = Symbol("chatcart.deadline");
/** the bodies a bot turn sends after its commit */
export const OUTGOING = Symbol("chatcart.outgoing");

type ToBodies = (activity: Partial<Activity>, recipientId: string, opts: OutboundOptions) => GraphBody[];

export interface AdapterDeps {
  graph: GraphClient;
  db: Db;
}

export interface TurnOptions {
  account: ChannelAccount;
  /** epoch ms: sends after it go to the outbox */
  deadline: number;
  /** stable id of the turn (the inbound message id) */
  turnId: string;
  /** values put into turnState before the bot runs */
  state?: Array<[symbol | string, unknown]>;
  /**
   * Collect the turn's Graph bodies here instead of sending them: a bot turn sends only after its commit
   * (lib/bot/webhook.ts), so a turn that runs again after a conflict never repeats a reply.
   */
  outgoing?: GraphBody[];
}

export abstract class MetaAdapter extends BotAdapter {
  protected constructor(
    readonly channel: ChannelId,
    private readonly toBodies: ToBodies,
    private readonly deps: AdapterDeps,
  ) {
    super();
  }

  /** Runs one inbound Activity through the middleware and the bot logic. */
  async processActivity(
    activity: Partial<Activity>,
    opts: TurnOptions,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<SentMessage[]> {
    const context = new TurnContext(this, activity);
    const sender = createTurnSender({
      graph: this.deps.graph,
      db: this.deps.db,
      account: opts.account,
      deadline: opts.deadline,
      idPrefix: `${this.channel}#${opts.turnId}`,
    });
    const sent: SentMessage[] = [];
    context.turnState.set(SENDER, sender);
    context.turnState.set(ACCOUNT, opts.account);
    context.turnState.set(SENT, sent);
    context.turnState.set(GRAPH, this.deps.graph);
    context.turnState.set(DEADLINE, opts.deadline);
    for (const [k, v] of opts.state ?? []) context.turnState.set(k, v);
    if (opts.outgoing) context.turnState.set(OUTGOING, opts.outgoing);
    // The read receipt (blue ticks) and typing indicator go out concurrently with the turn: lib/bot/presence.ts
    await this.runMiddleware(context, logic);
    return sent;
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const sender = context.turnState.get(SENDER) as TurnSender | undefined;
    const account = context.turnState.get(ACCOUNT) as ChannelAccount | undefined;
    const sent = (context.turnState.get(SENT) as SentMessage[] | undefined) ?? [];
    if (!sender || !account) throw new Error("MetaAdapter: no sender for this turn");
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      // Events (the handoff event, `handoff.initiate`), typing, delays and traces have no Graph API body:
      // they go through the middleware, where Bot Framework tooling can see them, and stop here.
      if ((activity.type ?? "message") !== "message") {
        responses.push({ id: activity.id ?? "" });
        continue;
      }
      const recipient = activity.recipient?.id ?? context.activity.from?.id;
      if (!recipient) throw new Error("MetaAdapter: activity without recipient");
      const channelData = (activity.channelData ?? {}) as {
        messagingType?: OutboundOptions["messagingType"];
      };
      // This adapter sends for the bot only (people reply through the agent API, which does not use it), and
      // Meta allows the HUMAN_AGENT tag only for messages a person wrote: the bot never sends a tag.
      const messagingType =
        channelData.messagingType === "MESSAGE_TAG" ? undefined : channelData.messagingType;
      const bodies = this.toBodies(activity, recipient, { catalogId: account.catalogId, messagingType });
      const outgoing = context.turnState.get(OUTGOING) as GraphBody[] | undefined;
      if (outgoing) {
        outgoing.push(...bodies);
        responses.push({ id: "" });
        continue;
      }
      const results = await sender.send(bodies);
      sent.push(...results);
      responses.push({ id: results.find((r) => r.messageId)?.messageId ?? "" });
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error("Meta channels cannot edit a sent message.");
  }

  override async deleteActivity(): Promise<void> {
    throw new Error("Meta channels cannot delete a sent message.");
  }

  /**
   * Proactive messages (order updates, agent replies, reminders): the caller gives the account and a turn id.
   * Use `continueTurn` instead of botbuilder's signature, which has no room for them.
   */
  override async continueConversation(_reference: Partial<ConversationReference>): Promise<void> {
    throw new Error("Use continueTurn(reference, options, logic) on Meta adapters.");
  }

  async continueTurn(
    reference: Partial<ConversationReference>,
    opts: TurnOptions,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<SentMessage[]> {
    const activity = TurnContext.applyConversationReference(
      { type: "event", name: "continueConversation" },
      reference,
      true,
    );
    return this.processActivity(activity, opts, logic);
  }
}

export class MessengerAdapter extends MetaAdapter {
  constructor(deps: AdapterDeps) {
    super("messenger", toMessengerBodies, deps);
  }
}

export class InstagramAdapter extends MetaAdapter {
  constructor(deps: AdapterDeps) {
    super("instagram", toInstagramBodies, deps);
  }
}

export class WhatsAppAdapter extends MetaAdapter {
  constructor(deps: AdapterDeps) {
    super("whatsapp", toWhatsAppBodies, deps);
  }
}
