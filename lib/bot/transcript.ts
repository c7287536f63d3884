/**
 * Middleware that keeps the transcript: the shopper's message and everything sent back in the turn are
 * written together after the turn, in one BatchWrite.
 */
import type { Middleware, TurnContext } from "botbuilder-core";
import type { Activity, Attachment } from "botframework-schema";
import type { InboundChannelData } from "../channels/types";
import type { Db } from "../store/client";
import { appendTranscript, type TranscriptMessage } from "../store/conversations";
import type { Turn } from "../turn/turn";

export const SHOP_ID = Symbol("chatcart.shopId");
/** the loaded turn (lib/turn): its transcript lines are written with the turn's commit */
export const TURN = Symbol("chatcart.turn");

/** One line for the inbox: the text, plus what cards, choices or images came with it. */
export function summarize(activity: Partial<Activity>): string {
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  const cards = (activity.attachments ?? [])
    .map((a: Attachment) => (a.content as { title?: string } | undefined)?.title)
    .filter((t): t is string => Boolean(t));
  if (cards.length > 0) parts.push(`[cards: ${cards.join(", ")}]`);
  const images = (activity.attachments ?? []).filter((a) => a.contentType?.startsWith("image/")).length;
  if (images > 0) parts.push(`[${images} image${images > 1 ? "s" : ""}]`);
  const choices = activity.suggestedActions?.actions?.map((a) => a.title) ?? [];
  if (choices.length > 0) parts.push(`[choices: ${choices.join(" | ")}]`);
  const cd = activity.channelData as InboundChannelData | undefined;
  if (cd?.kind === "location" && cd.location)
    parts.push(`[location ${cd.location.latitude},${cd.location.longitude}]`);
  if (cd?.media && cd.media.kind !== "image") parts.push(`[${cd.media.kind}]`);
  if (cd?.kind === "story_reply") parts.push("[story reply]");
  if (cd?.kind === "story_mention") parts.push("[story mention]");
  if (cd?.kind === "order" && cd.order)
    parts.push(`[order: ${cd.order.items.map((i) => `${i.quantity}× ${i.retailerId}`).join(", ")}]`);
  return parts.join(" ").trim() || `[${cd?.kind ?? activity.type ?? "message"}]`;
}

/** The media of a shopper's message, as the transcript keeps it (no caption: that is the text). */
function mediaOf(activity: Partial<Activity>): TranscriptMessage["media"] {
  const media = (activity.channelData as InboundChannelData | undefined)?.media;
  if (!media) return undefined;
  return {
    kind: media.kind,
    ...(media.id && { id: media.id }),
    ...(media.url && { url: media.url }),
    ...(media.mimeType && { mimeType: media.mimeType }),
  };
}

export class TranscriptMiddleware implements Middleware {
  constructor(private readonly db: Db) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const inbound = context.activity;
    const shopId = context.turnState.get(SHOP_ID) as string | undefined;
    const messages: TranscriptMessage[] = [];
    if (inbound.type === "message") {
      messages.push({
        // Receipt time, not the platform's: WhatsApp stamps whole seconds, and the transcript must keep a quick
        // follow-up after the bot's previous reply.
        at: new Date().toISOString(),
        direction: "in",
        author: "shopper",
        text: summarize(inbound),
        kind: (inbound.channelData as InboundChannelData | undefined)?.kind,
        externalId: inbound.id,
        ...(mediaOf(inbound) && { media: mediaOf(inbound) }),
      });
    }
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      const responses = await sendNext();
      activities.forEach((a, i) => {
        if (a.type !== "message") return;
        const author =
          (a.channelData as { author?: "agent" } | undefined)?.author === "agent" ? "agent" : "bot";
        messages.push({
          at: new Date().toISOString(),
          direction: "out",
          author,
          text: summarize(a),
          externalId: responses[i]?.id || undefined,
        });
      });
      return responses;
    });
    const turn = context.turnState.get(TURN) as Turn | undefined;
    if (turn) {
      await next();
      for (const m of messages) turn.record(m);
      return;
    }
    try {
      await next();
    } finally {
      if (shopId && messages.length > 0) {
        await appendTranscript(this.db, shopId, inbound.conversation.id, messages);
      }
    }
  }
}
