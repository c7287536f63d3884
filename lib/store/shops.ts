/**
 * Shops and the Meta accounts (Facebook pages, WhatsApp numbers) that lead to them.
 *
 * The default shop comes from the configuration (its page, number and tokens), so it always exists without
 * a read; further shops are `ChannelAccount` items in the table, cached per container for a minute.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ChannelId } from "../channels/types";
import type { Config } from "../config";
import type { Db } from "./client";
import { entity, keys } from "./keys";

export const DEFAULT_SHOP_ID = "default";

export interface ChannelAccount {
  shopId: string;
  channel: ChannelId;
  /** page id, phone number id or Instagram professional account id */
  accountId: string;
  /** the token sends use; never logged */
  accessToken: string;
  /** WhatsApp catalog for product messages */
  catalogId?: string;
}

export interface ShopDirectory {
  find(channel: ChannelId, accountId: string): Promise<ChannelAccount | undefined>;
  /** the shop's account on a channel (for proactive sends) */
  accountOf(shopId: string, channel: ChannelId): Promise<ChannelAccount | undefined>;
}

/** The default shop's page, number and (when it has a token) Instagram account, from the configuration. */
export function defaultAccounts(config: Config): ChannelAccount[] {
  const instagram: ChannelAccount[] = config.instagramToken
    ? [
        {
          shopId: DEFAULT_SHOP_ID,
          channel: "instagram",
          accountId: config.instagramAccountId,
          accessToken: config.instagramToken,
        },
      ]
    : [];
  return [
    {
      shopId: DEFAULT_SHOP_ID,
      channel: "messenger",
      accountId: config.messengerPageId,
      accessToken: config.secrets.MESSENGER_PAGE_TOKEN,
    },
    {
      shopId: DEFAULT_SHOP_ID,
      channel: "whatsapp",
      accountId: config.whatsappPhoneNumberId,
      accessToken: config.secrets.WHATSAPP_TOKEN,
      catalogId: config.whatsappCatalogId,
    },
    ...instagram,
  ];
}

const CACHE_MS = 60_000;

export function createShopDirectory(db: Db, defaults: ChannelAccount[]): ShopDirectory {
  const cache = new Map<string, { at: number; value: ChannelAccount | undefined }>();
  return {
    async find(channel, accountId) {
      const fromConfig = defaults.find((d) => d.channel === channel && d.accountId === accountId);
      if (fromConfig) return fromConfig;
      const k = `${channel}#${accountId}`;
      const hit = cache.get(k);
      if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
      const res = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.channelAccount(channel, accountId) }),
      );
      const value = res.Item as ChannelAccount | undefined;
      cache.set(k, { at: Date.now(), value });
      return value;
    },
    async accountOf(shopId, channel) {
      return defaults.find((d) => d.shopId === shopId && d.channel === channel);
    },
  };
}

/** Registers a further page or number for a shop. */
export async function putChannelAccount(db: Db, a: ChannelAccount): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: entity("ChannelAccount", keys.channelAccount(a.channel, a.accountId), a),
    }),
  );
}
