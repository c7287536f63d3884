/**
 * The one path that writes to a shopper outside a bot turn: order updates (lib/orders/notify.ts), the rating
 * question, agents' replies and templates (lib/agent/send.ts) and cart reminders (lib/reminders/cartReminder.ts).
 *
 * 1. resolves the conversation and the account it came through;
 * 2. chooses the form Meta allows now for the purpose (lib/outbound/policy.ts): free-form in the window, a
 *    WhatsApp template outside it (the shop's approved one for the shopper's locale, lib/outbound/templates.ts),
 *    a Messenger tag that fits, or none;
 * 3. maps it to the channel's bodies and sends within {@link SEND_BUDGET_MS}, or queues them to the outbox;
 * 4. records the form and its cost category on the transcript message, the order's notification and the
 *    day's counters (lib/store/outbound.ts); a status webhook later moves it to delivered, read or failed.
 *
 * A purpose with no allowed form is not sent; the reason goes on the transcript (the agent sees it in
 * `/inbox`) and on the order's notifications (the merchant sees it in `/admin`). Never throws for Meta's
 * refusals: the caller gets `not_sent` with the reason.
 */
import { isChannel } from "../channels/bodies";
import type { GraphClient } from "../channels/meta/graph";
import type { SentMessage } from "../channels/meta/sender";
import { BSUID_UNREACHABLE, isBsuid } from "../channels/whatsapp/send";
import { type MessagingWindow, windowOf } from "../handover/window";
import { isLocale, type Locale } from "../i18n";
import { log, maskId } from "../log";
import type { TranscriptMessage } from "../model/conversation";
import type { Db } from "../store/client";
import { getConversation } from "../store/conversations";
import { linkOutboundRef, recordOutbound } from "../store/outbound";
import { getOutbox } from "../store/outbox";
import { getSettings } from "../store/settings";
import type { ShopDirectory } from "../store/shops";
import { bodiesFor, formLabel } from "./bodies";
import { deliverBodies, SEND_BUDGET_MS } from "./deliver";
import { allowedForm, categoryOf } from "./policy";
import { loadTemplatesForSend, type TemplateSource } from "./templateSync";
import { resolveTemplate } from "./templates";
import {
  type Category,
  type Form,
  isTemplatePurpose,
  type NotSentReason,
  type OutboundMessage,
  type Purpose,
  type TemplateFields,
  type TemplateSend,
} from "./types";
import { defaultTemplateName, wordingOf } from "./wording";

export { SEND_BUDGET_MS };

export interface OutboundDeps {
  db: Db;
  graph: GraphClient;
  directory: ShopDirectory;
  /** where the shop's templates are checked (optional: without a WABA id templates are sent unchecked) */
  templates?: TemplateSource;
}

export interface OutboundRequest {
  shopId: string;
  conversationId: string;
  purpose: Purpose;
  author: "bot" | "agent";
  agentId?: string;
  /** the free-form message, in the shopper's language */
  message?: OutboundMessage;
  /** what fills a template's parameters */
  fields?: TemplateFields;
  /** an agent's chosen template (WhatsApp, outside the window) */
  template?: TemplateSend;
  /** the shopper's locale (else the conversation's, else the shop's default) */
  locale?: string;
  /** the order this is about: its notifications record it */
  orderId?: string;
  /** the transcript's kind for a free-form message (`text`, `interactive`, `reminder`) */
  kind?: string;
  /** stable per message, so a retried caller reuses the outbox ids */
  idPrefix: string;
  /** the stack's clock (lib/clock.ts) */
  now: number;
  /** ours to send, not the shopper's to expect (a rating question): not to a shopper who said stop */
  unlessOptedOut?: boolean;
  /** write a refusal to the transcript and the order (default true) */
  recordRefusal?: boolean;
}

export type OutboundResult =
  | {
      state: "sent" | "queued";
      form: Form;
      category: Category;
      messageId?: string;
      message: TranscriptMessage;
      window: MessagingWindow;
    }
  | { state: "not_sent"; reason: NotSentReason; detail: string; window?: MessagingWindow };

/** The transcript's text of a template: Chatcart's wording filled in, or the name and parameters. */
function templateText(t: TemplateSend, locale: Locale): string {
  const purpose = t.name.startsWith("chatcart_") ? t.name.slice("chatcart_".length) : undefined;
  if (purpose && isTemplatePurpose(purpose) && defaultTemplateName(purpose) === t.name) {
    return wordingOf(purpose, locale).body.replace(
      /\{\{(\d+)\}\}/g,
      (_, n) => t.parameters[Number(n) - 1] ?? "",
    );
  }
  return `[template ${t.name}${t.parameters.length ? `: ${t.parameters.join(" | ")}` : ""}]`;
}

const summary = (m: OutboundMessage | undefined) => {
  const text = [m?.text ?? "", m?.imageUrl ? "[1 image]" : ""].filter(Boolean).join(" ");
  return m?.choices?.length ? `${text} [choices: ${m.choices.map((c) => c.title).join(" | ")}]` : text;
};

/** The transcript line, the order's notification and the day's count; never throws (it went out, or not). */
async function record(
  deps: OutboundDeps,
  req: OutboundRequest,
  channel: string,
  message: TranscriptMessage,
  pendingSendId?: string,
) {
  await recordOutbound(deps.db, {
    ...(pendingSendId && { pendingSendId }),
    shopId: req.shopId,
    conversationId: req.conversationId,
    channel,
    purpose: req.purpose,
    orderId: req.orderId,
    ...(message.category && { category: message.category }),
    day: message.at.slice(0, 10),
    message,
  }).catch((e: unknown) => log.error("outbound.record_failed", { shopId: req.shopId, error: e }));
  if (pendingSendId) await linkIfSentMeanwhile(deps, channel, pendingSendId);
}

/**
 * The outbox (or Meta's echo) may have sent a queued message before its waiting reference was written, and
 * found nothing to link then: the item kept the platform's id, so link it now.
 */
async function linkIfSentMeanwhile(deps: OutboundDeps, channel: string, sendId: string) {
  try {
    const item = await getOutbox(deps.db, sendId);
    if (item?.state === "sent" && item.messageId)
      await linkOutboundRef(deps.db, channel, sendId, item.messageId);
  } catch (e) {
    log.error("outbound.link_failed", { channel, id: sendId, error: e });
  }
}

async function refuse(
  deps: OutboundDeps,
  req: OutboundRequest,
  channel: string,
  reason: NotSentReason,
  detail: string,
  window?: MessagingWindow,
): Promise<OutboundResult> {
  log.info("outbound.not_sent", {
    shopId: req.shopId,
    conversation: maskId(req.conversationId),
    purpose: req.purpose,
    reason,
  });
  if (req.recordRefusal !== false && reason !== "no_conversation") {
    await record(deps, req, channel, {
      at: new Date(req.now).toISOString(),
      direction: "out",
      author: req.author,
      ...(req.agentId && { agentId: req.agentId }),
      text: `[not sent: ${detail}]`,
      kind: "not_sent",
      purpose: req.purpose,
      status: "not_sent",
      reason,
    });
  }
  return { state: "not_sent", reason, detail, ...(window && { window }) };
}

/** What went out, as the transcript keeps it: sent when every body went, else queued (the outbox has the rest). */
function sentMessage(req: OutboundRequest, form: Form, locale: Locale, results: SentMessage[]) {
  const state: "sent" | "queued" = results.every((r) => r.state === "sent") ? "sent" : "queued";
  const category = categoryOf(form);
  const messageId = results.find((r) => r.messageId)?.messageId;
  const at = new Date(req.now).toISOString();
  const message: TranscriptMessage = {
    at,
    direction: "out",
    author: req.author,
    ...(req.agentId && { agentId: req.agentId }),
    text: form.kind === "template" ? templateText(form.template, locale) : summary(req.message),
    kind: form.kind === "template" ? "template" : (req.kind ?? "text"),
    ...(messageId && { externalId: messageId }),
    ...(req.message?.imageUrl &&
      form.kind !== "template" && { media: { kind: "image" as const, url: req.message.imageUrl } }),
    purpose: req.purpose,
    form: formLabel(form),
    category,
    status: state,
  };
  // queued: its statuses find it once the outbox sends it or Meta's echo names it (lib/store/outbound.ts)
  const pendingSendId = messageId ? undefined : results.find((r) => r.state === "queued")?.sendId;
  return { state, category, messageId, message, pendingSendId };
}

/** The shop's approved template for the purpose, in the shopper's language or the shop's; undefined if none. */
async function shopTemplate(
  deps: OutboundDeps,
  req: OutboundRequest,
  locale: Locale,
  fallback: Locale,
): Promise<TemplateSend | undefined> {
  if (!isTemplatePurpose(req.purpose)) return undefined;
  const shop = await loadTemplatesForSend(deps, req.shopId, req.now);
  return resolveTemplate(shop.templates, req.purpose, locale, fallback, req.fields ?? {}, shop.verified);
}

export async function sendToShopper(deps: OutboundDeps, req: OutboundRequest): Promise<OutboundResult> {
  const conversation = await getConversation(deps.db, req.shopId, req.conversationId);
  const channel = conversation?.channel ?? "";
  if (!conversation || !isChannel(channel)) {
    return refuse(deps, req, channel, "no_conversation", "there is no conversation with this shopper");
  }
  if (req.unlessOptedOut && conversation.optedOut) {
    return refuse(
      deps,
      { ...req, recordRefusal: false },
      channel,
      "opted_out",
      "the shopper asked not to get these",
    );
  }
  const account = conversation.accountId
    ? await deps.directory.find(channel, conversation.accountId)
    : await deps.directory.accountOf(req.shopId, channel);
  if (!account || account.shopId !== req.shopId) {
    return refuse(deps, req, channel, "no_account", "this shop has no page or number on this channel");
  }
  const window = windowOf(channel, conversation.lastInboundAt, req.now);
  const allowed =
    req.template && channel === "whatsapp"
      ? ({ kind: "template" } as const)
      : allowedForm(window, req.purpose);
  if (allowed.kind === "not_allowed")
    return refuse(deps, req, channel, allowed.reason, allowed.message, window);

  const settings = await getSettings(deps.db, req.shopId);
  const fallback = settings.defaultLocale;
  const wanted = req.locale ?? conversation.locale;
  const locale: Locale = isLocale(wanted) ? wanted : fallback;

  let form: Form;
  if (allowed.kind === "template") {
    const template = req.template ?? (await shopTemplate(deps, req, locale, fallback));
    if (!template) {
      return refuse(
        deps,
        req,
        channel,
        "no_template",
        `WhatsApp's 24 h window is closed and the shop has no approved template for ${req.purpose} in ${locale}`,
        window,
      );
    }
    form = { kind: "template", template };
  } else form = allowed.kind === "tag" ? { kind: "tag", tag: allowed.tag } : { kind: "free_form" };

  const sendTo = (to: string, idPrefix: string) =>
    deliverBodies(
      {
        graph: deps.graph,
        db: deps.db,
        account,
        // the real clock: `now` is the stack's
        deadline: Date.now() + SEND_BUDGET_MS,
        idPrefix,
      },
      bodiesFor(account, to, form, req.message),
    );
  let results = await sendTo(conversation.userId, req.idPrefix);
  // A BSUID that cannot receive this message (error 131062, named `(#131062)` in Meta's message): the phone
  // number, when the shopper gave one, reaches them
  // (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
  if (
    channel === "whatsapp" &&
    isBsuid(conversation.userId) &&
    conversation.phone &&
    results.some((r) => r.state === "failed" && r.error?.includes(String(BSUID_UNREACHABLE)))
  ) {
    results = await sendTo(conversation.phone, `${req.idPrefix}#phone`);
  }
  const failed = results.find((r) => r.state === "failed");
  if (failed || results.length === 0) {
    log.warn("outbound.send_failed", {
      shopId: req.shopId,
      conversation: maskId(req.conversationId),
      purpose: req.purpose,
      error: failed?.error,
    });
    return refuse(
      deps,
      req,
      channel,
      "send_failed",
      `Meta did not accept it: ${failed?.error ?? "nothing to send"}`,
      window,
    );
  }
  const { state, category, messageId, message, pendingSendId } = sentMessage(req, form, locale, results);
  await record(deps, req, channel, message, pendingSendId);
  log.info("outbound.sent", { shopId: req.shopId, purpose: req.purpose, form: message.form, state });
  return { state, form, category, ...(messageId && { messageId }), message, window };
}
