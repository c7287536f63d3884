/**
 * What `/inbox` needs around Meta's window:
 * - `GET /api/agent/conversations/{id}/window`: the window (`open`, `human_agent`, `closed`), when it ends, the
 *   milliseconds and (Messenger) `HUMAN_AGENT` days left, whether free text can go, and on WhatsApp the shop's
 *   approved templates with their body and number of parameters (the picker);
 * - `POST /api/agent/conversations/{id}/template` `{name, language, parameters[]}`: sends one of those
 *   templates (WhatsApp), taking the conversation over like a reply;
 * - `GET /api/agent/orders/{orderId}/notifications`: the order's notifications (lib/admin/notifications.ts).
 */
import { z } from "zod/v4";
import { fieldErrors } from "../catalog/schema";
import { AppError } from "../errors";
import type { MessagingWindow } from "../handover/window";
import { loadTemplatesForSend, type TemplateDeps } from "../outbound/templateSync";
import type { SyncedTemplate } from "../store/templates";

const DAY_MS = 86_400_000;

export interface TemplateChoice {
  name: string;
  language: string;
  category: string;
  body: string;
  /** how many `{{n}}` the body has: the agent fills them in order */
  parameters: number;
}

const bodyOf = (t: SyncedTemplate): string => {
  const body = (t.components ?? []).find(
    (c): c is { type: string; text: string } =>
      typeof c === "object" && c !== null && (c as { type?: string }).type === "BODY",
  );
  return body?.text ?? "";
};

export const countParameters = (body: string): number => new Set(body.match(/\{\{\d+\}\}/g) ?? []).size;

export async function windowState(deps: TemplateDeps, shopId: string, window: MessagingWindow, now: number) {
  const expires = window.expiresAt ? Date.parse(window.expiresAt) : undefined;
  const humanUntil = window.humanAgentUntil ? Date.parse(window.humanAgentUntil) : undefined;
  let templates: TemplateChoice[] = [];
  if (window.channel === "whatsapp") {
    const { templates: shop } = await loadTemplatesForSend(deps, shopId, now);
    templates = shop.synced
      .filter((t) => t.status === "APPROVED")
      .map((t) => ({
        name: t.name,
        language: t.language,
        category: t.category,
        body: bodyOf(t),
        parameters: countParameters(bodyOf(t)),
      }));
  }
  return {
    window,
    msLeft: expires !== undefined ? Math.max(0, expires - now) : 0,
    ...(humanUntil !== undefined && {
      humanAgentMsLeft: Math.max(0, humanUntil - now),
      humanAgentDaysLeft: Math.max(0, Math.ceil((humanUntil - now) / DAY_MS)),
    }),
    canSendText: window.state !== "closed",
    templates,
  };
}

export const TemplateReply = z.strictObject({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, "must be a template name"),
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "must be a WhatsApp language code"),
  parameters: z.array(z.string().trim().min(1).max(1024)).max(10).default([]),
});

/** The chosen template, checked against the shop's approved ones (400 otherwise). */
export async function checkTemplate(deps: TemplateDeps, shopId: string, raw: unknown, now: number) {
  const parsed = TemplateReply.safeParse(raw);
  if (!parsed.success)
    throw new AppError("request.invalid", "The template is not valid.", fieldErrors(parsed.error));
  const { templates, verified } = await loadTemplatesForSend(deps, shopId, now);
  const found = templates.synced.find(
    (t) => t.name === parsed.data.name && t.language === parsed.data.language,
  );
  if (verified && found?.status !== "APPROVED") {
    throw new AppError("request.invalid", "Not an approved template of this shop.", [
      { path: "name", message: `no approved template ${parsed.data.name} in ${parsed.data.language}` },
    ]);
  }
  const wanted = found ? countParameters(bodyOf(found)) : parsed.data.parameters.length;
  if (parsed.data.parameters.length !== wanted) {
    throw new AppError("request.invalid", "The template's parameters do not match.", [
      { path: "parameters", message: `must be ${wanted} values` },
    ]);
  }
  return parsed.data;
}
