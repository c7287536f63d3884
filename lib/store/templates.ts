/**
 * A shop's WhatsApp message templates (one item, `keys.templates`): which template serves each purpose in each
 * locale (the merchant's mapping), and the list last synced from Graph with each template's status.
 */
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Locale } from "../i18n";
import type { TemplateField, TemplatePurpose } from "../outbound/types";
import type { Db } from "./client";
import { entity, keys, toDomain } from "./keys";

export interface TemplateMapping {
  name: string;
  language: string;
  /** the order fields that fill `{{1}}`, `{{2}}` … */
  params: TemplateField[];
}

/** A template as Graph lists it (`GET /{waba-id}/message_templates`). */
export interface SyncedTemplate {
  id?: string;
  name: string;
  language: string;
  /** `APPROVED`, `PENDING`, `REJECTED`, `PAUSED`, `DISABLED` … */
  status: string;
  /** `UTILITY`, `MARKETING`, `AUTHENTICATION` */
  category: string;
  components?: unknown[];
  rejectedReason?: string;
}

export interface ShopTemplates {
  purposes: Partial<Record<TemplatePurpose, Partial<Record<Locale, TemplateMapping>>>>;
  synced: SyncedTemplate[];
  syncedAt?: string;
}

export async function getShopTemplates(db: Db, shopId: string): Promise<ShopTemplates> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.templates(shopId) }));
  const item = res.Item ? toDomain<Partial<ShopTemplates>>(res.Item) : {};
  return {
    purposes: item.purposes ?? {},
    synced: item.synced ?? [],
    ...(item.syncedAt && { syncedAt: item.syncedAt }),
  };
}

/** Replaces the synced list (the mapping stays). */
export async function putSyncedTemplates(db: Db, shopId: string, synced: SyncedTemplate[], at: string) {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.templates(shopId),
      UpdateExpression:
        "SET synced = :s, syncedAt = :at, purposes = if_not_exists(purposes, :empty), #et = :et, #v = :v",
      ExpressionAttributeNames: { "#et": "_et", "#v": "_v" },
      ExpressionAttributeValues: { ":s": synced, ":at": at, ":empty": {}, ":et": "Templates", ":v": 1 },
    }),
  );
}

/** Maps one purpose and locale to a template (the whole item is written: the mapping is small). */
export async function putTemplateMapping(
  db: Db,
  shopId: string,
  purpose: TemplatePurpose,
  locale: Locale,
  mapping: TemplateMapping,
): Promise<ShopTemplates> {
  const current = await getShopTemplates(db, shopId);
  const next: ShopTemplates = {
    ...current,
    purposes: { ...current.purposes, [purpose]: { ...current.purposes[purpose], [locale]: mapping } },
  };
  await db.doc.send(
    new PutCommand({ TableName: db.table, Item: entity("Templates", keys.templates(shopId), next) }),
  );
  return next;
}
