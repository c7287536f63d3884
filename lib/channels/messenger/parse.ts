/**
 * Messenger webhook delivery → Activities.
 *
 * Parsing is lenient on purpose: each messaging event is validated on its own, only the fields we use are
 * required, and whatever we do not understand is reported in `ignored` (the webhook still answers 200; a 5xx
 * makes Meta redeliver the whole batch). Payload reference:
 * https://developers.facebook.com/docs/messenger-platform/reference/webhook-events
 */

import type { Attachment, Entity } from "botframework-schema";
import * as z from "zod/v4/mini";
import { lazy } from "../lazy";
import { boundedId, cappedString, LIMITS, SECONDS_RANGE } from "../limits";
import { isRecord } from "../record";
import {
  conversationId,
  type InboundActivity,
  type InboundChannelData,
  type ParsedDelivery,
  type Referral,
} from "../types";
import { describeIssues } from "../zodLocale";

type Item = ParsedDelivery["items"][number];
type InboundShape = InboundActivity["activity"];

/**
 * The payload schemas, built at the first delivery rather than when the bundle loads (a Lambda's module
 * init): a container's first request may be a verification GET, which needs none of them.
 */
function buildSchemas() {
  /** Ids are strings in Meta's payloads, but `app_id` arrives as a number: accept both. */
  // bounded: an id becomes part of a table key, and DynamoDB refuses keys over 1-2 KB (issue 14 fuzzing)
  const Id = z.pipe(z.pipe(z.union([z.string(), z.number()]), z.transform(String)), boundedId());
  const optionalString = () => z.optional(cappedString(LIMITS.field));

  const Envelope = z.looseObject({ object: z.literal("page"), entry: z.array(z.unknown()) });

  const Entry = z.looseObject({
    id: z.optional(Id),
    time: z.optional(z.number().check(z.gte(SECONDS_RANGE.min * 1000), z.lte(SECONDS_RANGE.max * 1000))),
    messaging: z.optional(z.array(z.unknown())),
    standby: z.optional(z.array(z.unknown())),
  });

  const ReferralPayload = z.looseObject({
    source: optionalString(),
    type: optionalString(),
    ref: optionalString(),
    ad_id: z.optional(Id),
    referer_uri: optionalString(),
    ads_context_data: z.optional(z.looseObject({ ad_title: optionalString() })),
  });

  const AttachmentPayload = z.looseObject({
    type: z.string(),
    title: optionalString(),
    url: optionalString(),
    payload: z.nullish(
      z.looseObject({
        url: optionalString(),
        coordinates: z.optional(z.looseObject({ lat: z.number(), long: z.number() })),
      }),
    ),
  });

  const MessagePayload = z.looseObject({
    mid: z.optional(boundedId()),
    text: z.optional(cappedString(LIMITS.text)),
    is_echo: z.optional(z.boolean()),
    app_id: z.optional(Id),
    metadata: optionalString(),
    quick_reply: z.optional(z.looseObject({ payload: cappedString(LIMITS.payload) })),
    attachments: z.optional(z.array(z.unknown())),
    referral: z.optional(ReferralPayload),
  });

  const PostbackPayload = z.looseObject({
    mid: z.optional(boundedId()),
    title: optionalString(),
    payload: optionalString(),
    referral: z.optional(ReferralPayload),
  });

  const WatermarkPayload = z.looseObject({ watermark: z.number() });

  const MessagingEvent = z.looseObject({
    sender: z.looseObject({ id: Id }),
    recipient: z.looseObject({ id: Id }),
    // epoch milliseconds, up to 2100
    timestamp: z.optional(z.number().check(z.gte(SECONDS_RANGE.min * 1000), z.lte(SECONDS_RANGE.max * 1000))),
  });
  return {
    Envelope,
    Entry,
    ReferralPayload,
    AttachmentPayload,
    MessagePayload,
    PostbackPayload,
    WatermarkPayload,
    MessagingEvent,
  };
}

type Schemas = ReturnType<typeof buildSchemas>;
const schemas = lazy(buildSchemas);

const HANDOVER_KEYS = ["pass_thread_control", "take_thread_control", "request_thread_control"] as const;

const toReferral = (r: z.infer<Schemas["ReferralPayload"]>): Referral => ({
  source: r.source ?? "unknown",
  ...(r.type !== undefined && { type: r.type }),
  ...(r.ref !== undefined && { ref: r.ref }),
  ...(r.ad_id !== undefined && { adId: r.ad_id }),
  ...(r.referer_uri !== undefined && { url: r.referer_uri }),
  ...(r.ads_context_data?.ad_title !== undefined && { headline: r.ads_context_data.ad_title }),
});

interface Context {
  accountId: string;
  senderId: string;
  recipientId: string;
  /** the shopper: the sender, or the recipient of an echo */
  userId: string;
  timestamp: Date | undefined;
  raw: unknown;
}

/** The Activity fields every Messenger item shares. */
const base = (ctx: Context, type: "message" | "event", channelData: InboundChannelData): InboundShape => ({
  type,
  channelId: "messenger",
  // The Bot Framework account types require `name` (and the conversation its kind); Messenger sends no names.
  conversation: {
    id: conversationId("messenger", ctx.userId),
    isGroup: false,
    conversationType: "personal",
    name: "",
  },
  from: { id: ctx.senderId, name: "" },
  recipient: { id: ctx.recipientId, name: "" },
  ...(ctx.timestamp && { timestamp: ctx.timestamp }),
  channelData: { ...channelData, raw: ctx.raw },
});

const item = (ctx: Context, activity: InboundShape, dedupKey?: string): Item => ({
  accountId: ctx.accountId,
  activity,
  ...(dedupKey !== undefined && { dedupKey }),
});

/** A shopper message (text, quick reply, image, location, or something we cannot handle). */
const fromMessage = (ctx: Context, message: z.infer<Schemas["MessagePayload"]>): Item => {
  const referral = message.referral ? { referral: toReferral(message.referral) } : {};
  const shared = { ...(message.mid !== undefined && { id: message.mid }) };
  const dedupKey = message.mid;

  if (message.quick_reply) {
    const { payload } = message.quick_reply;
    const activity = base(ctx, "message", { kind: "quick_reply", payload, ...referral });
    return item(ctx, { ...activity, ...shared, text: message.text ?? "", value: { payload } }, dedupKey);
  }

  const attachments = (message.attachments ?? []).flatMap((a) => {
    const parsed = schemas().AttachmentPayload.safeParse(a);
    return parsed.success ? [parsed.data] : [];
  });
  const images: Attachment[] = attachments
    .filter((a) => a.type === "image" && a.payload?.url)
    .map((a) => ({ contentType: "image/*", contentUrl: a.payload?.url }));
  if (images.length > 0) {
    const activity = base(ctx, "message", { kind: "image", ...referral });
    const text = message.text !== undefined ? { text: message.text } : {};
    return item(ctx, { ...activity, ...shared, ...text, attachments: images }, dedupKey);
  }

  const place = attachments.find((a) => a.type === "location" && a.payload?.coordinates);
  if (place?.payload?.coordinates) {
    const { lat, long } = place.payload.coordinates;
    const location = {
      latitude: lat,
      longitude: long,
      ...(place.title !== undefined && { name: place.title }),
      ...(place.url !== undefined && { url: place.url }),
    };
    const entity: Entity = {
      type: "GeoCoordinates",
      latitude: lat,
      longitude: long,
      name: place.title ?? "",
    };
    const activity = base(ctx, "message", { kind: "location", location, ...referral });
    return item(ctx, { ...activity, ...shared, entities: [entity] }, dedupKey);
  }

  if (message.text !== undefined && attachments.length === 0) {
    const activity = base(ctx, "message", { kind: "text", ...referral });
    return item(ctx, { ...activity, ...shared, text: message.text }, dedupKey);
  }

  // Video, audio, files, shares…: still a shopper turn (the bot says what it can do), answered once.
  const activity = base(ctx, "message", { kind: "unsupported", ...referral });
  const text = message.text !== undefined ? { text: message.text } : {};
  return item(ctx, { ...activity, ...shared, ...text }, dedupKey);
};

const fromPostback = (ctx: Context, postback: z.infer<Schemas["PostbackPayload"]>): Item => {
  const channelData: InboundChannelData = {
    kind: "postback",
    ...(postback.payload !== undefined && { payload: postback.payload }),
    ...(postback.referral && { referral: toReferral(postback.referral) }),
  };
  const activity: InboundShape = {
    ...base(ctx, "message", channelData),
    ...(postback.mid !== undefined && { id: postback.mid }),
    text: postback.title ?? "",
    value: { payload: postback.payload ?? "" },
  };
  // Older postbacks carry no mid; sender + timestamp identifies a redelivery of the same tap.
  const dedupKey = postback.mid ?? `postback:${ctx.senderId}:${ctx.timestamp?.getTime() ?? ""}`;
  return item(ctx, activity, dedupKey);
};

const event = (
  ctx: Context,
  name: string,
  channelData: InboundChannelData,
  extra: Partial<InboundShape> = {},
) => item(ctx, { ...base(ctx, "event", channelData), name, ...extra });

/** One `messaging[]` (or `standby[]`) entry → one item, or a reason it was ignored. */
const parseEvent = (
  raw: unknown,
  entry: z.infer<Schemas["Entry"]>,
  standby: boolean,
): Item | { reason: string } => {
  const parsed = schemas().MessagingEvent.safeParse(raw);
  if (!parsed.success)
    return { reason: `messenger: malformed messaging event: ${describeIssues(parsed.error)}` };
  const ev = parsed.data;

  const message = ev.message !== undefined ? schemas().MessagePayload.safeParse(ev.message) : undefined;
  if (message && !message.success)
    return { reason: `messenger: malformed message: ${describeIssues(message.error)}` };
  const echo = message?.data.is_echo === true;

  const pageId = echo ? ev.sender.id : ev.recipient.id;
  const time = ev.timestamp ?? entry.time;
  const ctx: Context = {
    accountId: entry.id ?? pageId,
    senderId: ev.sender.id,
    recipientId: ev.recipient.id,
    userId: echo ? ev.recipient.id : ev.sender.id,
    timestamp: time !== undefined ? new Date(time) : undefined,
    raw,
  };

  if (standby) {
    // Another app (or the Page inbox) owns the thread: we only observe, so these never get a reply.
    const postback = isRecord(ev.postback) ? ev.postback : undefined;
    const text = message?.data.text ?? (typeof postback?.title === "string" ? postback.title : undefined);
    const m = message?.data;
    const channelData: InboundChannelData = {
      ...(m?.app_id !== undefined && { appId: m.app_id }),
      ...(m?.metadata !== undefined && { metadata: m.metadata }),
      ...(echo && { echo: true }),
    };
    const extra = {
      ...(m?.mid !== undefined && { id: m.mid }),
      ...(text !== undefined && { text }),
    };
    return event(ctx, "standby", channelData, extra);
  }

  if (message) {
    const m = message.data;
    if (echo) {
      const channelData: InboundChannelData = {
        ...(m.app_id !== undefined && { appId: m.app_id }),
        ...(m.metadata !== undefined && { metadata: m.metadata }),
      };
      const extra = {
        ...(m.mid !== undefined && { id: m.mid }),
        ...(m.text !== undefined && { text: m.text }),
      };
      return event(ctx, "echo", channelData, extra);
    }
    return fromMessage(ctx, m);
  }

  if (ev.postback !== undefined) {
    const postback = schemas().PostbackPayload.safeParse(ev.postback);
    if (!postback.success)
      return { reason: `messenger: malformed postback: ${describeIssues(postback.error)}` };
    return fromPostback(ctx, postback.data);
  }

  if (ev.referral !== undefined) {
    const referral = schemas().ReferralPayload.safeParse(ev.referral);
    if (!referral.success)
      return { reason: `messenger: malformed referral: ${describeIssues(referral.error)}` };
    // An m.me link or ad opened an existing thread: the bot greets, so a redelivery must not greet twice.
    const dedupKey = `referral:${ctx.senderId}:${ctx.timestamp?.getTime() ?? ""}`;
    const activity = {
      ...base(ctx, "event", { kind: "referral", referral: toReferral(referral.data) }),
      name: "referral",
    };
    return item(ctx, activity, dedupKey);
  }

  // A reaction to one of our messages (`action: unreact` removes it): recorded, never answered.
  // https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-reactions
  if (isRecord(ev.reaction)) {
    const r = ev.reaction;
    const emoji =
      r.action === "unreact" ? "" : typeof r.emoji === "string" ? r.emoji : String(r.reaction ?? "");
    const reaction = { emoji, ...(typeof r.mid === "string" && { messageId: r.mid }) };
    const activity = base(ctx, "message", { kind: "reaction", reaction });
    const dedupKey = `reaction:${ctx.senderId}:${ctx.timestamp?.getTime() ?? ""}:${emoji}`;
    return item(ctx, activity, dedupKey);
  }

  for (const name of ["delivery", "read"] as const) {
    if (ev[name] === undefined) continue;
    const mark = schemas().WatermarkPayload.safeParse(ev[name]);
    if (!mark.success) return { reason: `messenger: malformed ${name}: ${describeIssues(mark.error)}` };
    return event(ctx, name, { status: String(mark.data.watermark) });
  }

  const handover = HANDOVER_KEYS.find((key) => ev[key] !== undefined);
  if (handover) {
    const detail = isRecord(ev[handover]) ? ev[handover] : {};
    return event(ctx, "handover", {}, { value: { action: handover, ...detail } });
  }

  const keys = Object.keys(ev)
    .filter((k) => !["sender", "recipient", "timestamp"].includes(k))
    .join(",");
  return { reason: `messenger: unsupported event (${keys || "empty"})` };
};

/**
 * Parses a Messenger webhook delivery (`{"object":"page","entry":[…]}`). Never throws: anything malformed or
 * unknown is listed in `ignored` with a reason.
 */
export const parseMessengerDelivery = (body: unknown): ParsedDelivery => {
  const result: ParsedDelivery = { items: [], ignored: [] };
  const envelope = schemas().Envelope.safeParse(body);
  if (!envelope.success) {
    const object = isRecord(body) ? body.object : undefined;
    const reason =
      object === "page"
        ? `messenger: malformed delivery: ${describeIssues(envelope.error)}`
        : `messenger: not a page delivery (object: ${typeof object === "string" ? object : typeof object})`;
    result.ignored.push({ reason });
    return result;
  }

  envelope.data.entry.forEach((rawEntry, index) => {
    const entry = schemas().Entry.safeParse(rawEntry);
    if (!entry.success) {
      result.ignored.push({ reason: `messenger: malformed entry ${index}: ${describeIssues(entry.error)}` });
      return;
    }
    const events = [
      ...(entry.data.messaging ?? []).map((raw) => ({ raw, standby: false })),
      ...(entry.data.standby ?? []).map((raw) => ({ raw, standby: true })),
    ];
    if (events.length === 0)
      result.ignored.push({ reason: `messenger: entry ${index} has no messaging events` });
    for (const { raw, standby } of events) {
      const parsed = parseEvent(raw, entry.data, standby);
      if ("reason" in parsed) result.ignored.push(parsed);
      else result.items.push(parsed);
    }
  });
  return result;
};
