/**
 * Pushes the welcome surfaces (./surfaces.ts) to each channel the shop has, concurrently, and keeps what was
 * sent with Meta's answer (`GET /api/admin/welcome` shows it). Called on every save of the settings: the bodies
 * state the whole surface, so a repeated push changes nothing. A failure is recorded, never thrown: the
 * settings are saved either way, and the next save (or `POST /api/admin/welcome`) tries again.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ShopSettings } from "../catalog/types";
import type { GraphClient } from "../channels/meta/graph";
import type { ChannelId, GraphBody } from "../channels/types";
import { log } from "../log";
import type { Db } from "../store/client";
import { entity, keys } from "../store/keys";
import type { ShopDirectory } from "../store/shops";
import { buildWelcomeSurfaces } from "./surfaces";

const EDGE: Record<ChannelId, string> = {
  messenger: "messenger_profile",
  instagram: "messenger_profile",
  whatsapp: "conversational_automation",
};

export interface PushOutcome {
  at: string;
  ok: boolean;
  accountId: string;
  edge: string;
  body: GraphBody;
  error?: string;
}

export type WelcomeLive = Partial<Record<ChannelId, PushOutcome>>;

export interface WelcomeDeps {
  db: Db;
  graph: GraphClient;
  directory: ShopDirectory;
}

const PUSH_BUDGET_MS = 8000;

export async function pushWelcome(
  deps: WelcomeDeps,
  shopId: string,
  settings: ShopSettings,
): Promise<WelcomeLive> {
  const surfaces = buildWelcomeSurfaces(settings);
  const live: WelcomeLive = {};
  const deadline = Date.now() + PUSH_BUDGET_MS;
  await Promise.all(
    (Object.keys(EDGE) as ChannelId[]).map(async (channel) => {
      const body = surfaces[channel];
      if (!body) return;
      const account = await deps.directory.accountOf(shopId, channel);
      if (!account) return;
      const edge = EDGE[channel];
      const res = await deps.graph.post(account.accountId, edge, account.accessToken, body, { deadline });
      live[channel] = {
        at: new Date().toISOString(),
        ok: res.ok,
        accountId: account.accountId,
        edge,
        body,
        ...(!res.ok && { error: res.error }),
      };
      if (!res.ok) log.warn("welcome.push_failed", { shopId, channel, error: res.error });
    }),
  );
  if (Object.keys(live).length > 0) {
    const previous = await getWelcomeLive(deps.db, shopId);
    await deps.db.doc.send(
      new PutCommand({
        TableName: deps.db.table,
        Item: entity("WelcomeLive", keys.welcomeLive(shopId), { shopId, channels: { ...previous, ...live } }),
      }),
    );
  }
  return live;
}

/** What each channel last got, with Meta's answer. */
export async function getWelcomeLive(db: Db, shopId: string): Promise<WelcomeLive> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.welcomeLive(shopId) }));
  return (res.Item?.channels as WelcomeLive | undefined) ?? {};
}
