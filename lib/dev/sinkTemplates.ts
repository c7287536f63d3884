/**
 * The local Graph sink plays Meta's template registry and windows (dev stage only):
 * - `POST /dev/graph/{version}/{waba-id}/message_templates` creates a template (`{id, status: "PENDING",
 *   category}`); `GET` lists them (`{data, paging}`) — a template is `PENDING` for {@link REVIEW_MS}, then
 *   `APPROVED` (names starting `reject_` become `REJECTED`);
 * - a template send of an unknown or unapproved template gets Meta's 132001, a wrong number of body
 *   parameters 132000; a free-form WhatsApp message outside the 24 h window gets 131047 and an untagged
 *   Messenger one 10/2018278 (Meta may also report 131047 in a `failed` status webhook; the sink answers at once
 *   so the sender sees it). https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/
 */

import { randomUUID } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod/v4";
import type { ChannelId } from "../channels/types";
import { clockNow } from "../clock";
import type { Config } from "../config";
import { windowOf } from "../handover/window";
import { type HttpResponse, json } from "../http/respond";
import type { Db } from "../store/client";
import { getConversation } from "../store/conversations";
import { entity, keys } from "../store/keys";
import { queryAll } from "../store/query";
import { createShopDirectory, defaultAccounts } from "../store/shops";

export const REVIEW_MS = 2000;

interface SinkTemplate {
  id: string;
  name: string;
  language: string;
  category: string;
  components: unknown[];
  createdAt: number;
}

const statusOf = (t: SinkTemplate) =>
  t.name.startsWith("reject_") ? "REJECTED" : Date.now() - t.createdAt >= REVIEW_MS ? "APPROVED" : "PENDING";

const graphError = (status: number, code: number, message: string, extra: Record<string, unknown> = {}) =>
  json(status, {
    error: { message, type: "OAuthException", code, ...extra, fbtrace_id: randomUUID().slice(0, 12) },
  });

const Create = z.looseObject({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/),
  language: z.string().min(2),
  category: z.enum(["UTILITY", "MARKETING", "AUTHENTICATION"]),
  components: z.array(z.unknown()).min(1),
});

export async function createSinkTemplate(db: Db, wabaId: string, raw: unknown): Promise<HttpResponse> {
  const parsed = Create.safeParse(raw);
  if (!parsed.success) return graphError(400, 100, "Invalid parameter");
  const key = keys.sinkTemplate(wabaId, parsed.data.name, parsed.data.language);
  const existing = await db.doc.send(new GetCommand({ TableName: db.table, Key: key }));
  if (existing.Item) {
    return graphError(400, 100, "Invalid parameter", {
      error_subcode: 2388024,
      error_user_msg: `Content in this language already exists for ${parsed.data.name}`,
    });
  }
  const t: SinkTemplate = {
    id: String(Date.now()) + String(Math.floor(Math.random() * 1000)).padStart(3, "0"),
    name: parsed.data.name,
    language: parsed.data.language,
    category: parsed.data.category,
    components: parsed.data.components,
    createdAt: Date.now(),
  };
  await db.doc.send(new PutCommand({ TableName: db.table, Item: entity("SinkTemplate", key, t) }));
  return json(200, { id: t.id, status: "PENDING", category: t.category });
}

async function listAll(db: Db, wabaId: string): Promise<SinkTemplate[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.sinkTemplatePartition(wabaId) },
  });
  return items as unknown as SinkTemplate[];
}

export async function listSinkTemplates(db: Db, wabaId: string): Promise<HttpResponse> {
  const data = (await listAll(db, wabaId)).map((t) => ({
    name: t.name,
    components: t.components,
    language: t.language,
    status: statusOf(t),
    category: t.category,
    id: t.id,
  }));
  return json(200, { data, paging: { cursors: { before: "MAZDZD", after: "MjQZD" } } });
}

const bodyParams = (components: unknown[]): number => {
  const body = components.find((c) => (c as { type?: string }).type === "BODY") as
    | { text?: string }
    | undefined;
  return new Set(body?.text?.match(/\{\{\d+\}\}/g) ?? []).size;
};

/** Meta's refusal of a send, or undefined when Meta would take it. */
export async function refusal(
  db: Db,
  config: Config,
  channel: ChannelId,
  accountId: string,
  body: Record<string, unknown>,
): Promise<HttpResponse | undefined> {
  if (channel === "whatsapp" && body.status === "read") return undefined;
  if (channel === "whatsapp" && body.type === "template") {
    const tpl = body.template as
      | { name?: string; language?: { code?: string }; components?: unknown[] }
      | undefined;
    const wabaId = config.whatsappBusinessAccountId ?? "";
    const found = (await listAll(db, wabaId)).find(
      (t) => t.name === tpl?.name && t.language === tpl?.language?.code,
    );
    if (!found || statusOf(found) !== "APPROVED") {
      return graphError(404, 132001, "(#132001) Template name does not exist in the translation", {
        error_data: {
          messaging_product: "whatsapp",
          details: `template name (${tpl?.name}) does not exist in ${tpl?.language?.code}`,
        },
      });
    }
    const sent = (tpl?.components ?? []).find((c) => (c as { type?: string }).type === "body") as
      | { parameters?: unknown[] }
      | undefined;
    if ((sent?.parameters?.length ?? 0) !== bodyParams(found.components)) {
      return graphError(
        400,
        132000,
        "(#132000) Number of parameters does not match the expected number of params",
        {
          error_data: {
            messaging_product: "whatsapp",
            details: "body: number of localizable_params does not match",
          },
        },
      );
    }
    return undefined;
  }
  const directory = createShopDirectory(db, defaultAccounts(config));
  const account = await directory.find(channel, accountId);
  const to =
    channel === "whatsapp"
      ? String(body.to ?? body.recipient ?? "")
      : String((body.recipient as { id?: string })?.id ?? "");
  if (!account || !to) return undefined;
  const conversation = await getConversation(db, account.shopId, `${channel}:${to}`);
  // a recipient the stack never saw (a test's own send): no window to keep
  if (!conversation?.lastInboundAt) return undefined;
  const window = windowOf(channel, conversation.lastInboundAt, clockNow());
  if (window.state === "open") return undefined;
  if (channel === "whatsapp") {
    return graphError(400, 131047, "Re-engagement message", {
      error_data: {
        messaging_product: "whatsapp",
        details:
          "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
      },
    });
  }
  const tag = body.messaging_type === "MESSAGE_TAG" ? body.tag : undefined;
  // Instagram takes HUMAN_AGENT only
  if (
    (tag === "POST_PURCHASE_UPDATE" && channel !== "instagram") ||
    (tag === "HUMAN_AGENT" && window.state === "human_agent")
  )
    return undefined;
  return graphError(400, 10, "(#10) This message is sent outside of allowed window.", {
    error_subcode: 2018278,
  });
}
