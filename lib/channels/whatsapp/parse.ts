/**
 * WhatsApp Cloud API webhook delivery → Activities.
 *
 * Lenient on purpose: each message and status is validated on its own, only the fields we use are required,
 * message types we do not handle become `unsupported` messages (the shopper still gets an answer), and anything
 * malformed is reported in `ignored` (the webhook still answers 200). Payload reference:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components
 *
 * Usernames: since April 2026 messages carry the shopper's business-scoped user id (`from_user_id`,
 * `contacts[].user_id`) and omit the phone number (`from`, `wa_id`) for a shopper who adopted a username;
 * statuses carry `recipient_user_id`. The activity's user is the phone number when given, else the BSUID;
 * both go in `channelData.whatsapp` (lib/bot/identity.ts keeps one conversation per shopper).
 * https://developers.facebook.com/docs/whatsapp/cloud-api/business-scoped-user-ids
 */

import type { Entity } from "botframework-schema";
import type * as z from "zod/v4/mini";
import { annotateMedia, whatsappMedia } from "../media";
import { isRecord } from "../record";
import {
  conversationId,
  type InboundActivity,
  type InboundChannelData,
  type OrderItem,
  type ParsedDelivery,
  type Referral,
} from "../types";
import { describeIssues } from "../zodLocale";
import { type Schemas, schemas } from "./schemas";

type Item = ParsedDelivery["items"][number];
type InboundShape = InboundActivity["activity"];

type Known = z.infer<Schemas["KnownMessage"]>;

const KNOWN_TYPES = new Set(["text", "interactive", "button", "order", "location", "image"]);
const KNOWN_INTERACTIVE = new Set(["button_reply", "list_reply"]);

const toReferral = (r: z.infer<Schemas["ReferralPayload"]>): Referral => ({
  source: r.source_type ?? "unknown",
  ...(r.source_type !== undefined && { type: r.source_type }),
  ...(r.source_id !== undefined && { adId: r.source_id }),
  ...(r.source_url !== undefined && { url: r.source_url }),
  ...(r.headline !== undefined && { headline: r.headline }),
});

/** WhatsApp timestamps are Unix seconds. */
const toDate = (seconds: number | undefined): Date | undefined => {
  if (seconds === undefined || !Number.isFinite(seconds)) return undefined;
  return new Date(seconds * 1000);
};

interface Context {
  phoneNumberId: string;
  userId: string;
  userName: string | undefined;
  identity?: NonNullable<InboundChannelData["whatsapp"]>;
  timestamp: Date | undefined;
  raw: unknown;
}

const base = (ctx: Context, type: "message" | "event", channelData: InboundChannelData): InboundShape => ({
  type,
  channelId: "whatsapp",
  // The Bot Framework account types require `name` (and the conversation its kind).
  conversation: {
    id: conversationId("whatsapp", ctx.userId),
    isGroup: false,
    conversationType: "personal",
    name: "",
  },
  from: { id: ctx.userId, name: ctx.userName ?? "" },
  recipient: { id: ctx.phoneNumberId, name: "" },
  ...(ctx.timestamp && { timestamp: ctx.timestamp }),
  channelData: { ...channelData, ...(ctx.identity && { whatsapp: ctx.identity }), raw: ctx.raw },
});

/** A contact of the delivery: the profile name and username, by phone number and by BSUID. */
interface ContactInfo {
  name?: string;
  username?: string;
  phone?: string;
  bsuid?: string;
}

/** The identity fields present (none when the delivery names the shopper by phone number alone). */
const identityOf = (phone: string | undefined, bsuid: string | undefined, username: string | undefined) =>
  bsuid ? { bsuid, ...(phone && { phone }), ...(username && { username }) } : undefined;

/** The kind-specific part of a message we understand. */
const known = (m: Known): { channelData: InboundChannelData; fields: Partial<InboundShape> } => {
  switch (m.type) {
    case "text":
      return { channelData: { kind: "text" }, fields: { text: m.text.body } };
    case "interactive": {
      const reply =
        m.interactive.type === "button_reply" ? m.interactive.button_reply : m.interactive.list_reply;
      return {
        channelData: { kind: m.interactive.type, payload: reply.id },
        fields: { text: reply.title, value: { payload: reply.id } },
      };
    }
    case "button": {
      // A quick-reply button of a template: `payload` is what we set on the template, `text` its label.
      const payload = m.button.payload ?? m.button.text;
      return {
        channelData: { kind: "button_reply", payload },
        fields: { text: m.button.text, value: { payload } },
      };
    }
    case "order": {
      const items: OrderItem[] = m.order.product_items.map((p) => ({
        retailerId: p.product_retailer_id,
        quantity: p.quantity,
        ...(p.item_price !== undefined && { itemPrice: p.item_price }),
        ...(p.currency !== undefined && { currency: p.currency }),
      }));
      const order = {
        ...(m.order.catalog_id !== undefined && { catalogId: m.order.catalog_id }),
        ...(m.order.text !== undefined && { text: m.order.text }),
        items,
      };
      return { channelData: { kind: "order", order }, fields: { text: m.order.text ?? "" } };
    }
    case "location": {
      const { latitude, longitude, name, address, url } = m.location;
      const location = {
        latitude,
        longitude,
        ...(name !== undefined && { name }),
        ...(address !== undefined && { address }),
        ...(url !== undefined && { url }),
      };
      const entity: Entity = { type: "GeoCoordinates", latitude, longitude, name: name ?? "" };
      return { channelData: { kind: "location", location }, fields: { entities: [entity] } };
    }
    case "image": {
      const { id, mime_type, caption } = m.image;
      const attachment = {
        contentType: mime_type ?? "image/*",
        content: { mediaId: id },
        ...(caption !== undefined && { name: caption }),
      };
      return {
        channelData: { kind: "image" },
        fields: { attachments: [attachment], ...(caption !== undefined && { text: caption }) },
      };
    }
  }
};

const interactiveType = (raw: unknown): unknown =>
  isRecord(raw) && isRecord(raw.interactive) ? raw.interactive.type : undefined;

const parseMessage = (
  raw: unknown,
  phoneNumberId: string,
  contacts: Map<string, ContactInfo>,
): Item | { reason: string } => {
  const parsed = schemas().MessageBase.safeParse(raw);
  if (!parsed.success) return { reason: `whatsapp: malformed message: ${describeIssues(parsed.error)}` };
  const m = parsed.data;
  const contact = contacts.get(m.from ?? "") ?? contacts.get(m.from_user_id ?? "");
  const phone = m.from ?? contact?.phone;
  const bsuid = m.from_user_id ?? contact?.bsuid;
  const userId = phone ?? bsuid;
  if (!userId) return { reason: "whatsapp: message without from or from_user_id" };
  const identity = identityOf(phone, bsuid, contact?.username);
  const ctx: Context = {
    phoneNumberId,
    userId,
    userName: contact?.name,
    ...(identity && { identity }),
    timestamp: toDate(m.timestamp),
    raw,
  };
  const shared: Partial<InboundShape> = {
    id: m.id,
    ...(m.context?.id !== undefined && { replyToId: m.context.id }),
  };
  const referred = m.context?.referred_product?.product_retailer_id;
  const referral = {
    ...(m.referral ? { referral: toReferral(m.referral) } : {}),
    ...(referred !== undefined ? { referredProduct: referred } : {}),
  };
  // Reactions (an empty emoji removes one) and the number-change system message: recorded, never answered
  // with an error. https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components#messages-object
  if (m.type === "reaction") {
    const r = schemas().Reaction.safeParse(raw);
    if (!r.success) return { reason: `whatsapp: malformed reaction: ${describeIssues(r.error)}` };
    const reaction = {
      emoji: r.data.reaction.emoji ?? "",
      ...(r.data.reaction.message_id !== undefined && { messageId: r.data.reaction.message_id }),
    };
    const activity = { ...base(ctx, "message", { kind: "reaction", reaction }), ...shared };
    return { accountId: phoneNumberId, activity, dedupKey: m.id };
  }
  if (m.type === "system") {
    const r = schemas().System.safeParse(raw);
    if (!r.success) return { reason: `whatsapp: malformed system message: ${describeIssues(r.error)}` };
    const { body, type, new_wa_id, wa_id } = r.data.system;
    const newUserId = new_wa_id ?? wa_id;
    const system = {
      ...(type !== undefined && { type }),
      ...(newUserId !== undefined && { newUserId }),
      ...(body !== undefined && { body }),
    };
    const activity = { ...base(ctx, "message", { kind: "system", system }), ...shared };
    return { accountId: phoneNumberId, activity, dedupKey: m.id };
  }

  const isKnown =
    KNOWN_TYPES.has(m.type) &&
    (m.type !== "interactive" || KNOWN_INTERACTIVE.has(String(interactiveType(raw))));
  if (!isKnown) {
    // Stickers, reactions, audio, documents, flows…: still a shopper turn, answered once.
    const activity = {
      ...base(ctx, "message", { kind: "unsupported", unsupported: m.type, ...referral }),
      ...shared,
    };
    return { accountId: phoneNumberId, activity, dedupKey: m.id };
  }

  const message = schemas().KnownMessage.safeParse(raw);
  if (!message.success)
    return { reason: `whatsapp: malformed ${m.type} message: ${describeIssues(message.error)}` };
  const { channelData, fields } = known(message.data);
  const activity = { ...base(ctx, "message", { ...channelData, ...referral }), ...shared, ...fields };
  return { accountId: phoneNumberId, activity, dedupKey: m.id };
};

const parseStatus = (raw: unknown, phoneNumberId: string): Item | { reason: string } => {
  const parsed = schemas().Status.safeParse(raw);
  if (!parsed.success) return { reason: `whatsapp: malformed status: ${describeIssues(parsed.error)}` };
  const s = parsed.data;
  // a username-only shopper's statuses name them by BSUID only (`recipient_user_id`)
  const userId = s.recipient_id ?? s.recipient_user_id;
  if (!userId) return { reason: "whatsapp: status without recipient_id or recipient_user_id" };
  const identity = identityOf(s.recipient_id, s.recipient_user_id, undefined);
  const ctx: Context = {
    phoneNumberId,
    userId,
    userName: undefined,
    ...(identity && { identity }),
    timestamp: toDate(s.timestamp),
    raw,
  };
  // The status of a message we sent: `replyToId` names that message (its wamid).
  const activity = { ...base(ctx, "event", { status: s.status }), name: "status", replyToId: s.id };
  return { accountId: phoneNumberId, activity };
};

/**
 * `smb_message_echoes`: messages a person sent from the WhatsApp Business app (coexistence). Each becomes an
 * `echo` event for the shopper it went to, which silences the bot like a Page Inbox echo on Messenger.
 * https://developers.facebook.com/docs/whatsapp/embedded-signup/custom-flows/onboarding-business-app-users
 */
const parseEchoes = (value: unknown): Array<Item | { reason: string }> => {
  if (!isRecord(value) || !isRecord(value.metadata) || !Array.isArray(value.message_echoes))
    return [{ reason: "whatsapp: malformed smb_message_echoes" }];
  const phoneNumberId = String(value.metadata.phone_number_id ?? "");
  return value.message_echoes.map((raw): Item | { reason: string } => {
    const e = schemas().Echo.safeParse(raw);
    if (!e.success) return { reason: `whatsapp: malformed echo: ${describeIssues(e.error)}` };
    const ctx: Context = {
      phoneNumberId,
      userId: e.data.to,
      userName: undefined,
      timestamp: toDate(e.data.timestamp),
      raw,
    };
    const activity = {
      ...base(ctx, "event", { echo: true, appId: "whatsapp-business-app" }),
      name: "echo",
      id: e.data.id,
      ...(e.data.text ? { text: e.data.text.body } : {}),
    };
    return { accountId: phoneNumberId, activity };
  });
};

/**
 * Parses a WhatsApp Cloud API webhook delivery (`{"object":"whatsapp_business_account","entry":[…]}`).
 * Never throws: anything malformed or unknown is listed in `ignored` with a reason.
 */
export const parseWhatsAppDelivery = (body: unknown): ParsedDelivery => {
  const result: ParsedDelivery = { items: [], ignored: [] };
  const push = (parsed: Item | { reason: string }) => {
    if ("reason" in parsed) result.ignored.push(parsed);
    else result.items.push(parsed);
  };

  const envelope = schemas().Envelope.safeParse(body);
  if (!envelope.success) {
    const object = isRecord(body) ? body.object : undefined;
    const reason =
      object === "whatsapp_business_account"
        ? `whatsapp: malformed delivery: ${describeIssues(envelope.error)}`
        : `whatsapp: not a whatsapp_business_account delivery (object: ${typeof object === "string" ? object : typeof object})`;
    result.ignored.push({ reason });
    return result;
  }

  envelope.data.entry.forEach((rawEntry, e) => {
    const entry = schemas().Entry.safeParse(rawEntry);
    if (!entry.success) {
      result.ignored.push({ reason: `whatsapp: malformed entry ${e}: ${describeIssues(entry.error)}` });
      return;
    }
    entry.data.changes.forEach((rawChange, c) => {
      const change = schemas().Change.safeParse(rawChange);
      if (!change.success) {
        result.ignored.push({
          reason: `whatsapp: malformed change ${e}.${c}: ${describeIssues(change.error)}`,
        });
        return;
      }
      if (change.data.field === "smb_message_echoes") {
        for (const item of parseEchoes(change.data.value)) push(item);
        return;
      }
      if (change.data.field !== "messages") {
        result.ignored.push({ reason: `whatsapp: unsupported change field "${change.data.field}"` });
        return;
      }
      const value = schemas().Value.safeParse(change.data.value);
      if (!value.success) {
        result.ignored.push({
          reason: `whatsapp: malformed change value ${e}.${c}: ${describeIssues(value.error)}`,
        });
        return;
      }
      const { metadata, contacts, messages, statuses, errors } = value.data;
      const known = new Map<string, ContactInfo>();
      for (const raw of contacts ?? []) {
        const contact = schemas().Contact.safeParse(raw);
        if (!contact.success) continue;
        const c = contact.data;
        const info: ContactInfo = {
          ...(c.profile?.name && { name: c.profile.name }),
          ...(c.profile?.username && { username: c.profile.username }),
          ...(c.wa_id && { phone: c.wa_id }),
          ...(c.user_id && { bsuid: c.user_id }),
        };
        if (c.wa_id) known.set(c.wa_id, info);
        if (c.user_id) known.set(c.user_id, info);
      }
      for (const raw of messages ?? []) push(parseMessage(raw, metadata.phone_number_id, known));
      for (const raw of statuses ?? []) push(parseStatus(raw, metadata.phone_number_id));
      if (errors && errors.length > 0) {
        result.ignored.push({ reason: `whatsapp: delivery errors: ${JSON.stringify(errors).slice(0, 500)}` });
      }
      if (!messages?.length && !statuses?.length && !errors?.length) {
        result.ignored.push({ reason: `whatsapp: change ${e}.${c} has no messages or statuses` });
      }
    });
  });
  return annotateMedia(result, whatsappMedia);
};
