/**
 * The local stand-in for Meta's Graph API and the `/chat` simulator's helpers. Only deployed to the `local`
 * stage (see serverless.yml): it answers sends like Meta does and keeps them for the page and the tests.
 */
import { z } from "zod/v4";
import type { Config } from "../config";
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import { errorResponse, type HttpResponse, json } from "../http/respond";
import type { Db } from "../store/client";
import { listSinkMessages, putSinkMessage } from "../store/sink";

export interface SinkDeps {
  config: Config;
  db: Db;
}

const sendSchema = z.looseObject({
  messaging_product: z.literal("whatsapp").optional(),
  to: z.string().optional(),
  recipient: z.looseObject({ id: z.string() }).optional(),
  status: z.string().optional(),
});

let counter = 0;
const fakeId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** `POST /dev/graph/{version}/{accountId}/messages` */
export async function receiveSend(req: HttpRequest, deps: SinkDeps): Promise<HttpResponse> {
  try {
    const accountId = req.pathParams.accountId ?? "";
    const { config } = deps;
    const channel =
      accountId === config.messengerPageId
        ? "messenger"
        : accountId === config.whatsappPhoneNumberId
          ? "whatsapp"
          : undefined;
    if (!channel) throw new AppError("not_found", `Unknown page or phone number id ${accountId}.`);
    let raw: unknown;
    try {
      raw = JSON.parse(req.rawBody.toString("utf8"));
    } catch {
      throw new AppError("request.bad_json", "The body is not valid JSON.");
    }
    const parsed = sendSchema.safeParse(raw);
    if (!parsed.success)
      throw new AppError("request.invalid", "Not a Graph API message.", z.treeifyError(parsed.error));
    const token =
      channel === "messenger" ? config.secrets.MESSENGER_PAGE_TOKEN : config.secrets.WHATSAPP_TOKEN;
    const authorized = req.headers.authorization === `Bearer ${token}`;
    if (!authorized) {
      // Meta answers a bad token with OAuthException code 190.
      return json(401, {
        error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190 },
      });
    }
    const body = parsed.data as Record<string, unknown>;
    await putSinkMessage(deps.db, {
      channel,
      accountId,
      authorized,
      body,
      receivedAt: new Date().toISOString(),
    });
    if (channel === "messenger") {
      return json(200, { recipient_id: parsed.data.recipient?.id ?? "", message_id: fakeId("m_") });
    }
    if (parsed.data.status === "read") return json(200, { success: true });
    return json(200, {
      messaging_product: "whatsapp",
      contacts: [{ input: parsed.data.to ?? "", wa_id: parsed.data.to ?? "" }],
      messages: [{ id: fakeId("wamid.") }],
    });
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
    whatsapp: { phoneNumberId: config.whatsappPhoneNumberId, displayPhoneNumber: "15550000002" },
  });
}
