/**
 * The review part of a turn: the shopper taps stars under the rating question sent when their order was
 * delivered (lib/orders/notify.ts), may type a comment, and is then asked about the next product of the order
 * not rated yet. Same shape as lib/cart/shopping.ts: a payload or typed text in, a `Reply` and the question now
 * open (`awaiting`) out; no botbuilder.
 *
 * Payloads: `RATE:{orderId}:{productId}:{1..5}`, `REVIEWSKIP:{orderId}:{productId}` (lib/reviews/question.ts).
 *
 * Decisions:
 * - A star tap counts only for an order of this conversation that is delivered and holds the product; anything
 *   else gets a polite line and changes nothing (someone else's order reads as not found, so ids cannot be
 *   probed).
 * - One review per (order, product). Tapping other stars later changes the review, and the product's average
 *   moves from the old stars to the new ones (a change of mind, not a second vote); the same stars again
 *   write nothing (lib/store/reviews.ts).
 * - The comment is optional: whatever the shopper types next is the comment (trimmed, at most 500 characters);
 *   Skip or a plain "no" stores none.
 */
import type { Awaiting, ShoppingContext, ShoppingResult } from "../cart/shopping";
import type { Choice, Reply } from "../content/replies";
import { type MessageKey, t } from "../i18n";
import { log, maskId } from "../log";
import { readYesNo } from "../nlu";
import type { Order } from "../orders/types";
import { getOrder } from "../store/orders";
import { rateProduct, reviewsOfOrder, setReviewComment } from "../store/reviews";
import { isReviewPayload, parseReviewPayload, ratingQuestion, skipPayload, starsLabel } from "./question";

/** The question open after a rating: the comment for this product of this order. */
export type ReviewAwaiting = Extract<Awaiting, { kind: "review" }>;

type Checked = { ok: true; order: Order; title: string } | { ok: false; result: ShoppingResult };

export class Reviews {
  constructor(private readonly s: Omit<ShoppingContext, "turn" | "recommend">) {}

  /** True for payloads this module answers. */
  static handles(payload: string): boolean {
    return isReviewPayload(payload);
  }

  private say(key: MessageKey, params: Record<string, string> = {}): string {
    return t(this.s.locale, key, params, this.s.shop.settings.defaultLocale);
  }

  private get shopId() {
    return this.s.conversation.shopId;
  }

  /** A star tap or Skip; undefined for a malformed payload (the bot answers it as it answers unknown ones). */
  async onPayload(payload: string): Promise<ShoppingResult | undefined> {
    const parsed = parseReviewPayload(payload);
    if (!parsed) return undefined;
    if (parsed.kind === "skip")
      return this.next(parsed.orderId, parsed.productId, this.say("review.skipped"));
    return this.rate(parsed.orderId, parsed.productId, parsed.stars);
  }

  /** Text typed while the comment question is open: the comment (or, for a plain "no", none). */
  async onComment(text: string, awaiting: ReviewAwaiting): Promise<ShoppingResult> {
    const { orderId, productId } = awaiting;
    const trimmed = text.trim();
    if (!trimmed || readYesNo(trimmed, this.s.locale) === "no") {
      return this.next(orderId, productId, this.say("review.skipped"));
    }
    const stored = await setReviewComment(this.s.db, this.shopId, orderId, productId, trimmed, this.s.now);
    log.info("review.comment", { shopId: this.shopId, orderId, productId, stored });
    return this.next(orderId, productId, this.say(stored ? "review.commentThanks" : "review.skipped"));
  }

  /** The order if it is this shopper's, delivered and holds the product; else the polite refusal. */
  private async check(orderId: string, productId: string): Promise<Checked> {
    const order = await getOrder(this.s.db, this.shopId, orderId);
    const refuse = (key: MessageKey): Checked => ({
      ok: false,
      result: { reply: { text: this.say(key, { id: orderId }) } },
    });
    if (!order || order.conversationId !== this.s.conversation.conversationId) {
      return refuse("order.notFound");
    }
    if (order.status !== "delivered") return refuse("review.notDelivered");
    const line = order.items.find((l) => l.productId === productId);
    if (!line) return refuse("review.notInOrder");
    return { ok: true, order, title: line.title };
  }

  private async rate(orderId: string, productId: string, stars: number): Promise<ShoppingResult> {
    const checked = await this.check(orderId, productId);
    if (!checked.ok) return checked.result;
    const result = await rateProduct(this.s.db, {
      shopId: this.shopId,
      orderId,
      productId,
      conversationId: this.s.conversation.conversationId,
      stars,
      locale: this.s.locale,
      at: this.s.now,
    });
    log.info("review.rated", {
      shopId: this.shopId,
      orderId,
      productId,
      conversation: maskId(this.s.conversation.conversationId),
      stars,
      kind: result.kind,
      ...(result.kind !== "same" &&
        result.rating && { average: result.rating.average, count: result.rating.count }),
    });
    const thanks =
      result.kind === "changed"
        ? this.say("review.changed", { stars: starsLabel(stars) })
        : this.say("review.thanks", { title: checked.title });
    const skip: Choice = { title: this.say("choice.skip"), payload: skipPayload(orderId, productId) };
    return {
      reply: { text: `${thanks}\n${this.say("review.askComment")}`, choices: [skip] },
      awaiting: { kind: "review", orderId, productId },
    };
  }

  /** After the comment (or none): the next product of the order not rated yet, else the last thanks. */
  private async next(orderId: string, productId: string, prefix: string): Promise<ShoppingResult> {
    const order = await getOrder(this.s.db, this.shopId, orderId);
    const done = (): ShoppingResult => ({ reply: { text: `${prefix}\n${this.say("review.done")}` } });
    if (
      !order ||
      order.conversationId !== this.s.conversation.conversationId ||
      order.status !== "delivered"
    ) {
      return done();
    }
    const rated = new Set((await reviewsOfOrder(this.s.db, this.shopId, orderId)).map((r) => r.productId));
    const line = order.items.find((l) => l.productId !== productId && !rated.has(l.productId));
    if (!line) return done();
    const question: Reply = ratingQuestion(
      orderId,
      line.productId,
      line.title,
      this.s.locale,
      this.s.shop.settings.defaultLocale,
    );
    return { reply: { ...question, text: `${prefix}\n${question.text}` } };
  }
}
