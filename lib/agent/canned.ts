/**
 * Canned replies (docs/interface.md, Agent API): `GET /canned`, `PUT|DELETE /canned/{id}` and
 * `POST /canned/{id}/render` `{"conversationId", "locale"?}`. A reply has a title and its text per locale; the
 * text may use `{name}` (the shopper's name) and `{orderId}` (their latest order). Rendering wants the
 * conversation's language (the shop's default locale when it has none); a reply without that text falls back to
 * English, then to the shop's default locale, then to any text there is ({@link pickCannedLocale}). It fills the
 * variables; the agent then edits and sends it as any other message.
 */
import { z } from "zod/v4";
import { fieldErrors, ID_PATTERN } from "../catalog/schema";
import { AppError } from "../errors";
import { readJson } from "../http/body";
import { type HttpResponse, json } from "../http/respond";
import { notFound } from "../http/router";
import { isLocale, LOCALES, type Locale } from "../i18n";
import { type CannedReply, deleteCanned, listCanned, putCanned } from "../store/canned";
import { getConversation } from "../store/conversations";
import { ordersOfConversation } from "../store/orders";
import { getSettings } from "../store/settings";
import { CONVERSATION_ID, type Ctx } from "./context";
import { displayName } from "./names";

/** The variables a canned text may use. */
export const CANNED_VARIABLES = ["name", "orderId"] as const;

const cannedText = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(2000, "must be at most 2000 characters")
  .refine(
    (s) =>
      [...s.matchAll(/\{(\w+)\}/g)].every((m) =>
        (CANNED_VARIABLES as readonly string[]).includes(m[1] ?? ""),
      ),
    "may use only {name} and {orderId}",
  );

const CannedBody = z.strictObject({
  id: z.string().optional(),
  title: z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
  text: z
    .strictObject(
      Object.fromEntries(LOCALES.map((l) => [l, cannedText.optional()])) as Record<
        Locale,
        z.ZodOptional<typeof cannedText>
      >,
    )
    .refine((v) => Object.values(v).some(Boolean), "needs a text in at least one locale"),
  updatedAt: z.string().optional(),
});

const RenderBody = z.strictObject({
  conversationId: z.string().regex(CONVERSATION_ID, "must be a conversation id, e.g. whatsapp:6591234567"),
  locale: z.enum(LOCALES).optional(),
});

/** Fills `{name}` and `{orderId}`; a variable with no value becomes "" and the spaces around it tidy up. */
export function renderCanned(text: string, vars: { name?: string; orderId?: string }): string {
  return text
    .replace(/\{(name|orderId)\}/g, (_, k: "name" | "orderId") => vars[k] ?? "")
    .replace(/ +([,.!?])/g, "$1")
    .replace(/ {2,}/g, " ")
    .trim();
}

/**
 * The locale whose text is used: the one wanted when the reply has it, else English, else the shop's default,
 * else the first locale with a text; undefined when the reply has no text at all.
 */
export function pickCannedLocale(
  text: Partial<Record<Locale, string>>,
  wanted: Locale,
  shopDefault: Locale,
): Locale | undefined {
  return [wanted, "en" as const, shopDefault, ...LOCALES].find((l) => text[l]);
}

const checkId = (id: string) => {
  if (!ID_PATTERN.test(id)) throw notFound(`No canned reply ${id}.`);
};

async function list({ deps, shopId, req }: Ctx): Promise<HttpResponse> {
  const locale = req.query.locale;
  let items = await listCanned(deps.db, shopId);
  if (locale !== undefined) {
    if (!isLocale(locale)) {
      throw new AppError("request.invalid", "Unknown locale.", [
        { path: "locale", message: `must be one of ${LOCALES.join(", ")}` },
      ]);
    }
    items = items.filter((c) => c.text[locale]);
  }
  return json(200, {
    items: items.sort((a, b) => a.title.localeCompare(b.title)),
    variables: CANNED_VARIABLES,
  });
}

async function put({ req, deps, shopId, id, now }: Ctx): Promise<HttpResponse> {
  checkId(id);
  const parsed = CannedBody.safeParse(readJson(req));
  if (!parsed.success)
    throw new AppError("request.invalid", "The canned reply is not valid.", fieldErrors(parsed.error));
  if (parsed.data.id !== undefined && parsed.data.id !== id) {
    throw new AppError("request.invalid", "The id must match the path.", [
      { path: "id", message: `must be "${id}", the id in the path` },
    ]);
  }
  const reply: CannedReply = {
    id,
    title: parsed.data.title,
    text: parsed.data.text,
    updatedAt: new Date(now).toISOString(),
  };
  return json(200, await putCanned(deps.db, shopId, reply));
}

async function remove({ deps, shopId, id }: Ctx): Promise<HttpResponse> {
  checkId(id);
  if (!(await deleteCanned(deps.db, shopId, id))) throw notFound(`No canned reply ${id}.`);
  return { statusCode: 204, headers: { "cache-control": "no-store" } };
}

async function render({ req, deps, shopId, id }: Ctx): Promise<HttpResponse> {
  checkId(id);
  const parsed = RenderBody.safeParse(readJson(req));
  if (!parsed.success)
    throw new AppError("request.invalid", "The render request is not valid.", fieldErrors(parsed.error));
  const reply = (await listCanned(deps.db, shopId)).find((c) => c.id === id);
  if (!reply) throw notFound(`No canned reply ${id}.`);
  const { conversationId } = parsed.data;
  const [conversation, orders, settings] = await Promise.all([
    getConversation(deps.db, shopId, conversationId),
    ordersOfConversation(deps.db, shopId, conversationId),
    getSettings(deps.db, shopId),
  ]);
  if (!conversation) throw notFound(`No conversation ${conversationId}.`);
  const wanted =
    parsed.data.locale ?? (isLocale(conversation.locale) ? conversation.locale : settings.defaultLocale);
  const locale = pickCannedLocale(reply.text, wanted, settings.defaultLocale);
  if (!locale) throw new AppError("canned.no_text", `The canned reply ${id} has no text; edit it first.`);
  const name = displayName(conversation) ?? orders[0]?.customer.name;
  const text = renderCanned(reply.text[locale] ?? "", { name, orderId: orders[0]?.orderId });
  return json(200, {
    text,
    locale,
    // the conversation's language had no text: the agent may want to translate before sending
    fallback: locale !== wanted,
    variables: { name: name ?? null, orderId: orders[0]?.orderId ?? null },
  });
}

export const cannedRoutes = { list, put, remove, render };
