/**
 * The outbound mapper of each channel, for proactive sends (order updates, cart reminders, agent replies) that
 * do not go through a bot adapter.
 */
import type { Activity } from "botframework-schema";
import { toInstagramBodies } from "./instagram/send";
import { toMessengerBodies } from "./messenger/send";
import type { ChannelId, GraphBody, OutboundOptions } from "./types";
import { toWhatsAppBodies } from "./whatsapp/send";

export const CHANNELS: readonly ChannelId[] = ["messenger", "whatsapp", "instagram"];

export const isChannel = (value: string): value is ChannelId =>
  (CHANNELS as readonly string[]).includes(value);

const MAPPERS: Record<ChannelId, (a: Partial<Activity>, to: string, o: OutboundOptions) => GraphBody[]> = {
  messenger: toMessengerBodies,
  whatsapp: toWhatsAppBodies,
  instagram: toInstagramBodies,
};

/** The Graph API bodies of `activity` for `to` on `channel`. */
export const toChannelBodies = (
  channel: ChannelId,
  activity: Partial<Activity>,
  to: string,
  opts: OutboundOptions,
): GraphBody[] => MAPPERS[channel](activity, to, opts);
