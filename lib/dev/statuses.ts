/**
 * Local only: `POST /dev/graph/statuses` `{messageId, recipientId, status: "sent"|"delivered"|"read"|"failed",
 * errorCode?, errorTitle?}` makes the sink send Meta's status webhook for a message it took (the shape of
 * tests/fixtures/whatsapp/split_status_*.json) to the local `/webhooks/whatsapp`, signed with the dev secret,
 * so `/chat` and the tests see ticks and failures.
 */
import { z } from "zod/v4";
import { signBody } from "../channels/meta/signature";
import type { Config } from "../config";
import { AppError } from "../errors";
import type { HttpRequest } from "../http/request";
import { errorResponse, type HttpResponse, json } from "../http/respond";
import { metaJson } from "./deliveries";

const Emit = z.strictObject({
  messageId: z.string().min(1).max(200),
  recipientId: z.string().regex(/^\d{5,20}$/),
  status: z.enum(["sent", "delivered", "read", "failed"]),
  errorCode: z.number().int().optional(),
  errorTitle: z.string().max(200).optional(),
});

export function statusDelivery(config: Config, e: z.infer<typeof Emit>, at = Date.now()) {
  const status: Record<string, unknown> = {
    id: e.messageId,
    status: e.status,
    timestamp: String(Math.floor(at / 1000)),
    recipient_id: e.recipientId,
  };
  if (e.status === "failed") {
    const title = e.errorTitle ?? "Message failed to send";
    status.errors = [
      {
        code: e.errorCode ?? 131000,
        title,
        message: title,
        error_data: { details: title },
        href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
      },
    ];
  }
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: config.whatsappBusinessAccountId ?? "300000000000003",
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: {
                display_phone_number: "15550000002",
                phone_number_id: config.whatsappPhoneNumberId,
              },
              statuses: [status],
            },
            field: "messages",
          },
        ],
      },
    ],
  };
}

export async function emitStatus(req: HttpRequest, config: Config): Promise<HttpResponse> {
  try {
    let raw: unknown;
    try {
      raw = JSON.parse(req.rawBody.toString("utf8"));
    } catch {
      throw new AppError("request.bad_json", "The body is not valid JSON.");
    }
    const parsed = Emit.safeParse(raw);
    if (!parsed.success)
      throw new AppError("request.invalid", "Not a status to emit.", z.treeifyError(parsed.error));
    const body = metaJson(statusDelivery(config, parsed.data));
    const res = await fetch(`http://localhost:${config.port}/webhooks/whatsapp`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signBody(body, config.secrets.META_APP_SECRET),
      },
      body,
      signal: AbortSignal.timeout(5000),
    });
    return json(200, { delivered: res.status });
  } catch (e) {
    return errorResponse(e);
  }
}
