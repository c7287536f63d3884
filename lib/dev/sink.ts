/**
 * The local stand-in for Meta's Graph API and the `/chat` simulator's helpers. Only deployed to the `local`
 * stage (see serverless.yml): it answers sends like Meta does and keeps them for the page and the tests.
 */
import { z } from "zod/v4";
import type { ChannelId } from "../channels/types";
import type { Config } from "../config";
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import { errorResponse, type HttpResponse, json } from "../http/respond";
import type { Db } from "../store/client";
import { listSinkMessages, putSinkMessage } from "../store/sink";
import { createSinkTemplate, listSinkTemplates, refusal } from "./sinkTemplates";

export interface SinkDeps {
  config: Config;
  db: Db;
}

const sendSchema = z.looseObject({
  messaging_product: z.literal("whatsapp").optional(),
  to: z.string().optional(),
  // Messenger / Instagram `{id}`; WhatsApp a BSUID string (a username-only shopper)
  recipient: z.union([z.looseObject({ id: z.string() }), z.string()]).optional(),
  status: z.string().optional(),
});

/** The channel an account id of the default shop belongs to, and its token. */
export function sinkChannel(
  config: Config,
  accountId: string,
): { channel: ChannelId; token: string | undefined } | undefined {
  if (accountId === config.messengerPageId)
    return { channel: "messenger", token: config.secrets.MESSENGER_PAGE_TOKEN };
  if (accountId === config.whatsappPhoneNumberId)
    return { channel: "whatsapp", token: config.secrets.WHATSAPP_TOKEN };
  if (accountId === config.instagramAccountId) return { channel: "instagram", token: config.instagramToken };
  return undefined;
}

let counter = 0;
const fakeId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** `POST /dev/graph/{version}/{accountId}/messages` */
export async function receiveSend(req: HttpRequest, deps: SinkDeps): Promise<HttpResponse> {
  try {
    const accountId = req.pathParams.accountId ?? "";
    const { config } = deps;
    const found = sinkChannel(config, accountId);
    if (!found)
      throw new AppError("not_found", `Unknown page, phone number or Instagram account id ${accountId}.`);
    const { channel, token } = found;
    let raw: unknown;
    try {
      raw = JSON.parse(req.rawBody.toString("utf8"));
    } catch {
      throw new AppError("request.bad_json", "The body is not valid JSON.");
    }
    const parsed = sendSchema.safeParse(raw);
    if (!parsed.success)
      throw new AppError("request.invalid", "Not a Graph API message.", z.treeifyError(parsed.error));
    const authorized = token !== undefined && req.headers.authorization === `Bearer ${token}`;
    if (!authorized) {
      // Meta answers a bad token with OAuthException code 190.
      return json(401, {
        error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190 },
      });
    }
    const body = parsed.data as Record<string, unknown>;
    const refused = await refusal(deps.db, config, channel, accountId, body);
    if (refused) return refused;
    await putSinkMessage(deps.db, {
      channel,
      accountId,
      authorized,
      body,
      receivedAt: new Date().toISOString(),
    });
    const recipient = parsed.data.recipient;
    if (channel !== "whatsapp") {
      const id = typeof recipient === "object" ? recipient.id : "";
      if (body.sender_action !== undefined) return json(200, { recipient_id: id });
      return json(200, { recipient_id: id, message_id: fakeId(channel === "instagram" ? "ig_" : "m_") });
    }
    if (parsed.data.status === "read") return json(200, { success: true });
    const input = parsed.data.to ?? (typeof recipient === "string" ? recipient : "");
    return json(200, {
      messaging_product: "whatsapp",
      contacts: [{ input, ...(parsed.data.to ? { wa_id: parsed.data.to } : { user_id: input }) }],
      messages: [{ id: fakeId("wamid.") }],
    });
  } catch (e) {
    return errorResponse(e);
  }
}

/** `GET|POST /dev/graph/{version}/{wabaId}/message_templates` (lib/dev/sinkTemplates.ts) */
export async function templatesEdge(req: HttpRequest, deps: SinkDeps): Promise<HttpResponse> {
  try {
    const wabaId = req.pathParams.accountId ?? "";
    if (wabaId !== deps.config.whatsappBusinessAccountId) {
      return json(400, {
        error: {
          message: `Unsupported request. Object with ID '${wabaId}' does not exist`,
          type: "GraphMethodException",
          code: 100,
        },
      });
    }
    if (req.headers.authorization !== `Bearer ${deps.config.secrets.WHATSAPP_TOKEN}`) {
      return json(401, {
        error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190 },
      });
    }
    if (req.method === "GET") return listSinkTemplates(deps.db, wabaId);
    let raw: unknown;
    try {
      raw = JSON.parse(req.rawBody.toString("utf8"));
    } catch {
      throw new AppError("request.bad_json", "The body is not valid JSON.");
    }
    return createSinkTemplate(deps.db, wabaId, raw);
  } catch (e) {
    return errorResponse(e);
  }
}

/** `GET /dev/graph/messages?after=<cursor>` */
export async function listSends(req: HttpRequest, deps: SinkDeps): Promise<HttpResponse> {
  const after = req.query.after;
  if (after !== undefined && after.length > 100)
    return errorResponse(new AppError("request.invalid", "Bad cursor."));
  return json(200, await listSinkMessages(deps.db, after));
}

/**
 * `GET /dev/chat/config`: the ids the simulator builds deliveries with. No secret: the simulator has its
 * deliveries signed by the server (`POST /dev/chat/deliver/{channel}`, lib/dev/deliver.ts).
 */
export function chatConfig(deps: SinkDeps): HttpResponse {
  const { config } = deps;
  return json(200, {
    messenger: { pageId: config.messengerPageId },
    instagram: { accountId: config.instagramAccountId },
    whatsapp: { phoneNumberId: config.whatsappPhoneNumberId, displayPhoneNumber: "15550000002" },
  });
}
