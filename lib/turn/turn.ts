/**
 * One shopper turn over a loaded state: what was read in the turn's single request (the conversation, the
 * cart and checkout, the bot's dialog state, the shop's settings) and everything the turn decided to write,
 * kept in memory until the turn's single commit (lib/store/turn.ts). Pure: no DynamoDB, no botbuilder.
 *
 * The skills change the cart (`cart`), patch the conversation (`patch`), count funnel events (`count`), note
 * an unanswered question (`unanswered`), start a handover (`handOver`) and add transcript lines (`record`);
 * the commit writes them together, conditional on the conversation's `turnRev` as it was loaded, so two turns
 * of one shopper never overwrite each other: the later commit fails and its turn runs again on fresh state.
 */
import type { ShopSettings } from "../catalog/types";
import type { Locale } from "../i18n";
import type { Cart } from "../model/cart";
import type {
  Conversation,
  ConversationFields,
  InboundTouch,
  TranscriptMessage,
} from "../store/conversations";
import type { FunnelEvent } from "../store/funnel";
import { CartDraft } from "./cartDraft";

/** Another turn of the same shopper committed between this turn's read and its write: run the turn again. */
export class TurnConflict extends Error {
  override readonly name = "TurnConflict";
}

/** What the turn's single read returned. */
export interface TurnLoad {
  /** the conversation as stored (undefined: the shopper's first message) */
  conversation?: Conversation;
  cart: Cart;
  /** the cart item exists (even expired) */
  cartExists: boolean;
  /** the stored item's time ran out (it reads as empty) */
  cartExpired: boolean;
  /** every line the stored cart item holds, expired or not */
  cartLineIds: string[];
  settings: ShopSettings;
  /** how many orders the shop's co-purchase counts cover (the recommender's cache key) */
  coPurchaseBaskets: number;
}

/** A handover the turn starts: the conversation leaves the bot in the same commit. */
export interface TurnHandover {
  reason: string;
  at: string;
  /** when the idle release gives it back to the bot */
  releaseAt: string;
}

export class Turn {
  /** the conversation as this turn sees it: the stored record with this message applied */
  readonly conversation: Conversation;
  readonly cart: CartDraft;
  /** the message is older than the last one recorded (a late redelivery): times and source stay */
  readonly late: boolean;
  /** fields the turn sets on the conversation */
  readonly patch: ConversationFields = {};
  /** funnel counters to add, for the conversation's source on the turn's day */
  readonly funnel: Partial<Record<FunnelEvent, number>> = {};
  /** transcript lines of the turn, in order */
  readonly transcript: TranscriptMessage[] = [];
  unanswered?: { text: string; locale: Locale };
  /** the variant groups of an order placed in this turn, for the shop's co-purchase counts */
  basket?: string[];
  handover?: TurnHandover;
  /** the conversation comes back to the bot in this turn's commit (the shopper tapped "Talk to the bot") */
  release?: { reason: string; at: string };
  /** the bot's dialog state by storage key (botbuilder `ConversationState`), as loaded and as changed */
  dialog: Record<string, unknown>;
  dialogChanged = false;

  /**
   * Something this turn did cannot be undone by running it again (an order was placed, a rating stored): on a
   * conflict its commit is written over the fresh state instead ({@link rebase}).
   */
  irrevocable = false;

  constructor(
    public load: TurnLoad,
    readonly touch: InboundTouch,
    readonly now: Date,
  ) {
    const stored = load.conversation;
    this.late = Boolean(stored?.lastInboundAt && stored.lastInboundAt > touch.at);
    const times = this.late ? {} : { lastInboundAt: touch.at, lastActivityAt: touch.at };
    this.conversation = {
      status: "bot",
      createdAt: touch.at,
      lastActivityAt: touch.at,
      ...stored,
      shopId: touch.shopId,
      conversationId: touch.conversationId,
      channel: touch.channel,
      userId: touch.userId,
      ...times,
      ...(touch.name ? { name: touch.name } : {}),
      ...(touch.accountId ? { accountId: touch.accountId } : {}),
      ...(touch.phone ? { phone: touch.phone } : {}),
      ...(touch.bsuid ? { bsuid: touch.bsuid } : {}),
      ...(touch.source ? { source: stored?.source ?? touch.source } : {}),
      ...(touch.source && !this.late ? { lastSource: touch.source } : {}),
      inbound: (stored?.inbound ?? 0) + 1,
    };
    this.cart = new CartDraft(load.cart, load.cartExists, load.cartLineIds, load.cartExpired);
    this.dialog = structuredClone(stored?.dialog ?? {});
  }

  /**
   * Takes `fresh` as the state the commit writes over, keeping what this turn decided. A cart change is kept
   * only while the cart is still the one this turn read (a concurrent add is never overwritten).
   */
  rebase(fresh: TurnLoad): void {
    if (fresh.cart.rev !== this.load.cart.rev || fresh.cartExists !== this.load.cartExists)
      this.cart.discard();
    this.load = fresh;
  }

  /** The shopper's first message: the conversation is created by this turn's commit. */
  get isNew(): boolean {
    return !this.load.conversation;
  }

  /** Sets fields of the conversation (they are visible to the rest of the turn at once). */
  set(fields: ConversationFields): void {
    Object.assign(this.patch, fields);
    Object.assign(this.conversation, fields);
  }

  /** Counts a funnel event (and `extra` counters, e.g. an order's revenue). */
  count(event: FunnelEvent, extra: Partial<Record<FunnelEvent, number>> = {}, by = 1): void {
    this.funnel[event] = (this.funnel[event] ?? 0) + by;
    for (const [k, v] of Object.entries(extra) as Array<[FunnelEvent, number]>) {
      this.funnel[k] = (this.funnel[k] ?? 0) + v;
    }
  }

  record(message: TranscriptMessage): void {
    this.transcript.push(message);
  }

  /**
   * The conversation comes back to the bot when the turn commits (only while it is still with a person); the
   * idle-release timer goes in the same commit.
   */
  releaseToBot(reason: string, at: string): void {
    this.release = { reason, at };
    this.set({
      status: "bot",
      releasedAt: at,
      releaseReason: reason,
      agentId: undefined,
      handoverReason: undefined,
      handoverAt: undefined,
      idleSince: undefined,
    });
  }

  /** The conversation goes to a person when the turn commits (only while it is still with the bot). */
  handOver(handover: TurnHandover): void {
    this.handover = handover;
    this.set({
      status: "waiting",
      handoverReason: handover.reason,
      handoverAt: handover.at,
      idleSince: handover.at,
    });
  }
}
