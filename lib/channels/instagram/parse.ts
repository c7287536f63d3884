/**
 * Instagram Direct webhook delivery (`{"object":"instagram","entry":[…]}`) → Activities.
 *
 * Instagram messaging runs on the Messenger Platform: a `messaging[]` (or `standby[]`) event has the Messenger
 * shape (sender, recipient, timestamp, message / postback / referral / read / reaction / thread control), with
 * an Instagram-scoped user id (IGSID) as the shopper. So each event goes through the Messenger parser and comes
 * back as an `instagram` Activity (conversation `instagram:{IGSID}`); what only Instagram sends is read here:
 *
 * - story replies (`message.reply_to.story`) and story mentions (`attachments[].type: story_mention`);
 * - seen (`read.mid`, not a watermark) and reactions (`reaction.action: react | unreact`);
 * - unsent messages (`message.is_deleted`), acknowledged and ignored;
 * - `entry[].changes[{field: "messages", value}]`, the shape of the dashboard's test deliveries;
 * - timestamps as strings (seen in the wild: ISO dates and numeric strings).
 *
 * Lenient like the other parsers: nothing here throws; what is malformed or unknown goes to `ignored`.
 * https://developers.facebook.com/docs/instagram-platform/webhooks/examples and
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/webhook
 */
import { annotateMedia } from "../media";
import { parseMessengerDelivery } from "../messenger/parse";
import { isRecord } from "../record";
import { conversationId, type InboundActivity, type InboundChannelData, type ParsedDelivery } from "../types";

type Item = ParsedDelivery["items"][number];
type Record_ = Record<string, unknown>;

/** Epoch ms from a number, a numeric string (seconds or ms) or an ISO date; undefined when unreadable. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  if (/^\d+$/.test(value)) return toEpochMs(Number(value));
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

const idOf = (value: unknown): string | undefined =>
  isRecord(value) && (typeof value.id === "string" || typeof value.id === "number")
    ? String(value.id)
    : undefined;

/** The Messenger parser's item as an Instagram one: channel, conversation id, kinds Instagram adds. */
function rechannel(item: Item, raw: Record_): Item {
  const a = item.activity;
  const userId = a.conversation.id.slice("messenger:".length);
  const activity: InboundActivity["activity"] = {
    ...a,
    channelId: "instagram",
    conversation: { ...a.conversation, id: conversationId("instagram", userId) },
  };
  const message = isRecord(raw.message) ? raw.message : undefined;
  const story =
    isRecord(message?.reply_to) && isRecord(message.reply_to.story) ? message.reply_to.story : undefined;
  if (activity.type === "message" && story) {
    const channelData: InboundChannelData = {
      ...activity.channelData,
      kind: "story_reply",
      story: {
        ...(typeof story.id === "string" && { id: story.id }),
        ...(typeof story.url === "string" && { url: story.url }),
      },
    };
    return { ...item, activity: { ...activity, channelData } };
  }
  const attachments = Array.isArray(message?.attachments) ? message.attachments : [];
  const mention = attachments.find((x) => isRecord(x) && x.type === "story_mention");
  if (activity.type === "message" && isRecord(mention)) {
    const url =
      isRecord(mention.payload) && typeof mention.payload.url === "string" ? mention.payload.url : undefined;
    const channelData: InboundChannelData = {
      ...activity.channelData,
      kind: "story_mention",
      story: { ...(url && { url }) },
    };
    // a mention has no text: the bot greets the shopper (lib/turn/router.ts)
    return { ...item, activity: { ...activity, attachments: [], channelData } };
  }
  return { ...item, activity };
}

/** An Instagram-only event (seen by message id, reactions); undefined when it is a Messenger-shaped one. */
function ownEvent(
  ev: Record_,
  accountId: string,
  at: number | undefined,
): Item | { reason: string } | undefined {
  const sender = idOf(ev.sender);
  const recipient = idOf(ev.recipient) ?? accountId;
  const isRead = isRecord(ev.read) && typeof ev.read.mid === "string" && ev.read.watermark === undefined;
  // reactions go through the Messenger parser (a `reaction` message: recorded, never answered)
  if (!isRead) return undefined;
  if (!sender) return { reason: "instagram: event without sender.id" };
  const base = {
    type: "event" as const,
    channelId: "instagram" as const,
    conversation: {
      id: conversationId("instagram", sender),
      isGroup: false,
      conversationType: "personal",
      name: "",
    },
    from: { id: sender, name: "" },
    recipient: { id: recipient, name: "" },
    ...(at !== undefined && { timestamp: new Date(at) }),
  };
  const mid = (ev.read as Record_).mid as string;
  return {
    accountId,
    activity: { ...base, name: "read", replyToId: mid, channelData: { status: mid, raw: ev } },
  };
}

/** The events of one entry, from `messaging`, `standby` or `changes[field=messages]`. */
function eventsOf(entry: Record_): Array<{ raw: unknown; standby: boolean }> {
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  return [
    ...list(entry.messaging).map((raw) => ({ raw, standby: false })),
    ...list(entry.standby).map((raw) => ({ raw, standby: true })),
    ...list(entry.changes)
      .filter((c) => isRecord(c) && c.field === "messages" && isRecord(c.value))
      .map((c) => ({ raw: (c as Record_).value, standby: false })),
  ];
}

/**
 * Parses an Instagram webhook delivery. Never throws: anything malformed or unknown is listed in `ignored`.
 */
export const parseInstagramDelivery = (body: unknown): ParsedDelivery => {
  const result: ParsedDelivery = { items: [], ignored: [] };
  if (!isRecord(body) || body.object !== "instagram" || !Array.isArray(body.entry)) {
    const object = isRecord(body) ? body.object : undefined;
    result.ignored.push({
      reason: `instagram: not an instagram delivery (object: ${typeof object === "string" ? object : typeof object})`,
    });
    return result;
  }
  body.entry.forEach((entry, index) => {
    if (!isRecord(entry)) {
      result.ignored.push({ reason: `instagram: malformed entry ${index}` });
      return;
    }
    const events = eventsOf(entry);
    if (events.length === 0)
      result.ignored.push({ reason: `instagram: entry ${index} has no messaging events` });
    for (const { raw, standby } of events) {
      if (!isRecord(raw)) {
        result.ignored.push({ reason: "instagram: malformed messaging event" });
        continue;
      }
      const at = toEpochMs(raw.timestamp) ?? toEpochMs(entry.time);
      const accountId = idOf(entry) ?? idOf(raw.recipient) ?? "";
      if (isRecord(raw.message) && raw.message.is_deleted === true) {
        result.ignored.push({ reason: "instagram: message unsent by the shopper" });
        continue;
      }
      const own = ownEvent(raw, accountId, at);
      if (own) {
        if ("reason" in own) result.ignored.push(own);
        else result.items.push(own);
        continue;
      }
      const { timestamp: _ts, ...rest } = raw;
      const event = { ...rest, ...(at !== undefined && { timestamp: at }) };
      const wrapped = {
        object: "page",
        entry: [
          {
            id: accountId,
            ...(at !== undefined && { time: at }),
            [standby ? "standby" : "messaging"]: [event],
          },
        ],
      };
      const parsed = annotateMedia(parseMessengerDelivery(wrapped));
      for (const ignored of parsed.ignored)
        result.ignored.push({ reason: ignored.reason.replace(/^messenger/, "instagram") });
      for (const item of parsed.items) result.items.push(rechannel(item, event));
    }
  });
  return result;
};
