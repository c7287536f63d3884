/**
 * The shop's template list, kept in step with Graph: `GET /api/admin/templates` syncs it, and a send outside
 * the window re-reads it when it is older than {@link STALE_MS} (a template approved meanwhile is used at
 * once). Without a WhatsApp Business Account id there is nothing to read: templates go out unchecked and Meta
 * answers for them.
 */
import { log } from "../log";
import type { Db } from "../store/client";
import type { ShopDirectory } from "../store/shops";
import { getShopTemplates, putSyncedTemplates, type ShopTemplates } from "../store/templates";
import { type TemplateGraph, templateGraph } from "./templateGraph";

export interface TemplateSource {
  /** Graph base with version */
  graphUrl: string;
  /** `WHATSAPP_BUSINESS_ACCOUNT_ID` */
  wabaId?: string;
}

const STALE_MS = 5 * 60_000;

export interface TemplateDeps {
  db: Db;
  directory: ShopDirectory;
  templates?: TemplateSource;
}

/** The Graph client of the shop's WABA, with its WhatsApp token; undefined when not configured. */
export async function graphOfShop(deps: TemplateDeps, shopId: string): Promise<TemplateGraph | undefined> {
  const source = deps.templates;
  if (!source?.wabaId) return undefined;
  const account = await deps.directory.accountOf(shopId, "whatsapp");
  if (!account) return undefined;
  return templateGraph(source.graphUrl, source.wabaId, account.accessToken);
}

export async function syncTemplates(deps: TemplateDeps, shopId: string, now: number): Promise<ShopTemplates> {
  const graph = await graphOfShop(deps, shopId);
  const current = await getShopTemplates(deps.db, shopId);
  if (!graph) return current;
  const synced = await graph.list();
  const syncedAt = new Date(now).toISOString();
  await putSyncedTemplates(deps.db, shopId, synced, syncedAt);
  return { ...current, synced, syncedAt };
}

/** For a send: the templates and whether they were checked against Graph (then only approved ones go). */
export async function loadTemplatesForSend(
  deps: TemplateDeps,
  shopId: string,
  now: number,
): Promise<{ templates: ShopTemplates; verified: boolean }> {
  const current = await getShopTemplates(deps.db, shopId);
  if (!deps.templates?.wabaId) return { templates: current, verified: false };
  const age = current.syncedAt ? now - Date.parse(current.syncedAt) : Number.POSITIVE_INFINITY;
  if (age < STALE_MS && current.synced.length > 0) return { templates: current, verified: true };
  try {
    return { templates: await syncTemplates(deps, shopId, now), verified: true };
  } catch (e) {
    // Graph unreachable: the last list we have, else unchecked
    log.warn("templates.sync_failed", { shopId, error: e });
    return { templates: current, verified: current.synced.length > 0 };
  }
}
