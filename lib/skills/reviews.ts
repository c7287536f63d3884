/**
 * The reviews skill: the shopper taps stars under the rating question sent when their order was delivered
 * (lib/orders/notify.ts), may type a comment, and is then asked about the next product of the order not
 * rated yet.
 *
 * Decisions:
 * - A star tap counts only for an order of this conversation that is delivered and holds the product; anything
 *   else gets a polite line and changes nothing (someone else's order reads as not found, so ids cannot be
 *   probed).
 * - One review per (order, product). Tapping other stars later changes the review, and the product's average
 *   moves from the old stars to the new ones (a change of mind, not a second vote); the same stars again
 *   write nothing (lib/store/reviews.ts).
 * - The comment is optional: whatever the shopper types next is the comment (trimmed, at most 500 characters);
 *   Skip or a plain "no" stores none; a message that clearly asks something else leaves the question.
 */
import type { Choice, Reply } from "../content/replies";
import type { MessageKey } from "../i18n";
import { log, maskId } from "../log";
import { readYesNo } from "../nlu";
import type { Order } from "../orders/types";
import { ratingQuestion, starsLabel } from "../reviews/question";
import { formatPayload, type Payload } from "../turn/payloads";
import type { Answer, Awaiting, Skill, SkillContext, SkillResult } from "../turn/skill";
import { say } from "./kit";
import { STRONG_OTHER } from "./strongOther";

type Checked = { ok: true; order: Order; title: string } | { ok: false; result: SkillResult };

const mine = (order: Order | undefined, c: SkillContext): order is Order =>
  Boolean(order && order.conversationId === c.turn.conversation.conversationId);

/** The order if it is this shopper's, delivered and holds the product; else the polite refusal. */
async function check(orderId: string, productId: string, c: SkillContext): Promise<Checked> {
  const order = await c.ports.order(orderId);
  const refuse = (key: MessageKey): Checked => ({
    ok: false,
    result: { reply: { text: say(c, key, { id: orderId }) } },
  });
  if (!mine(order, c)) return refuse("order.notFound");
  if (order.status !== "delivered") return refuse("review.notDelivered");
  const line = order.items.find((l) => l.productId === productId);
  if (!line) return refuse("review.notInOrder");
  return { ok: true, order, title: line.title };
}

export async function rate(
  orderId: string,
  productId: string,
  stars: number,
  c: SkillContext,
): Promise<SkillResult> {
  const checked = await check(orderId, productId, c);
  if (!checked.ok) return checked.result;
  const result = await c.ports.rate({ orderId, productId, stars, locale: c.locale, at: c.now });
  c.turn.irrevocable = true;
  log.info("review.rated", {
    shopId: checked.order.shopId,
    orderId,
    productId,
    conversation: maskId(checked.order.conversationId),
    stars,
    kind: result.kind,
    ...(result.kind !== "same" &&
      result.rating && { average: result.rating.average, count: result.rating.count }),
  });
  const thanks =
    result.kind === "changed"
      ? say(c, "review.changed", { stars: starsLabel(stars) })
      : say(c, "review.thanks", { title: checked.title });
  const skip: Choice = {
    title: say(c, "choice.skip"),
    payload: formatPayload({ kind: "reviewSkip", orderId, productId }),
  };
  return {
    reply: { text: `${thanks}\n${say(c, "review.askComment")}`, choices: [skip] },
    awaiting: { kind: "review", orderId, productId },
  };
}

/** After the comment (or none): the next product of the order not rated yet, else the last thanks. */
async function next(
  orderId: string,
  productId: string,
  prefix: string,
  c: SkillContext,
): Promise<SkillResult> {
  const order = await c.ports.order(orderId);
  const done = (): SkillResult => ({ reply: { text: `${prefix}\n${say(c, "review.done")}` } });
  if (!mine(order, c) || order.status !== "delivered") return done();
  const rated = new Set((await c.ports.reviewsOf(orderId)).map((r) => r.productId));
  const line = order.items.find((l) => l.productId !== productId && !rated.has(l.productId));
  if (!line) return done();
  const question: Reply = ratingQuestion(
    orderId,
    line.productId,
    line.title,
    c.locale,
    c.shop.settings.defaultLocale,
  );
  return { reply: { ...question, text: `${prefix}\n${question.text}` } };
}

/** Text typed while the comment question is open: the comment (or, for a plain "no", none). */
export async function comment(
  text: string,
  awaiting: Awaiting,
  c: SkillContext,
): Promise<SkillResult | undefined> {
  if (awaiting.kind !== "review") return undefined;
  const { orderId, productId } = awaiting;
  const trimmed = text.trim();
  if (!trimmed || readYesNo(trimmed, c.locale) === "no")
    return next(orderId, productId, say(c, "review.skipped"), c);
  const stored = await c.ports.comment(orderId, productId, trimmed, c.now);
  log.info("review.comment", { orderId, productId, stored });
  return next(orderId, productId, say(c, stored ? "review.commentThanks" : "review.skipped"), c);
}

async function onAnswer(
  answer: Answer,
  awaiting: Awaiting,
  c: SkillContext,
): Promise<SkillResult | undefined> {
  if (awaiting.kind !== "review" || answer.text === undefined) return undefined;
  // a comment, unless the shopper clearly moved on to something else
  const m = answer.meaning;
  if (m && STRONG_OTHER.has(m.intent) && m.confidence >= 0.75) return undefined;
  return comment(answer.text, awaiting, c);
}

export const reviewsSkill: Skill = {
  name: "reviews",
  payloads: ["rate", "reviewSkip"],
  awaits: ["review"],
  async onPayload(p: Payload, c) {
    if (p.kind === "rate") return rate(p.orderId, p.productId, p.stars, c);
    if (p.kind === "reviewSkip") return next(p.orderId, p.productId, say(c, "review.skipped"), c);
    return undefined;
  },
  onAnswer,
};
