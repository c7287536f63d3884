/**
 * What the merchant does with a question the bot could not answer (docs/interface.md, Admin API):
 * - `DELETE /unanswered/{key}`: dismiss it (204);
 * - `POST /unanswered/{key}/answer` `{"answerId", "answer"?}`: turn it into an answer. The question's text joins
 *   the answer's example questions in its locale, so the bot matches it from now on; a new answer needs its
 *   `answer` text, an existing one may get it replaced per locale. The group is removed afterwards.
 * The list (`GET /unanswered`) carries each group's latest `conversationId`, to open it in the inbox.
 */
import { z } from "zod/v4";
import { fieldErrors, idSchema, parseAnswer } from "../catalog/schema";
import type { Answer } from "../catalog/types";
import { AppError } from "../errors";
import { type HttpResponse, json } from "../http/respond";
import { notFound } from "../http/router";
import { LOCALES } from "../i18n";
import { log } from "../log";
import { getAnswer, putAnswer } from "../store/answers";
import { deleteUnanswered, getUnanswered } from "../store/unanswered";
import { readJson } from "./body";
import type { Ctx } from "./routes";

const ToAnswer = z.strictObject({
  answerId: idSchema,
  answer: z
    .strictObject(
      Object.fromEntries(
        LOCALES.map((l) => [l, z.string().trim().min(1, "must not be empty").max(4000).optional()]),
      ),
    )
    .optional(),
});

async function dismiss({ deps, shopId, id }: Ctx): Promise<HttpResponse> {
  const removed = await deleteUnanswered(deps.db, shopId, id);
  if (!removed) throw notFound(`No unanswered question ${id}.`);
  log.info("admin.unanswered_dismissed", { shopId });
  return { statusCode: 204, headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } };
}

async function toAnswer({ req, deps, shopId, id }: Ctx): Promise<HttpResponse> {
  const parsed = ToAnswer.safeParse(readJson(req));
  if (!parsed.success)
    throw new AppError("request.invalid", "The answer is not valid.", fieldErrors(parsed.error));
  const question = await getUnanswered(deps.db, shopId, id);
  if (!question) throw notFound(`No unanswered question ${id}.`);
  const { answerId, answer: texts } = parsed.data;
  const existing = await getAnswer(deps.db, shopId, answerId);
  if (!existing && !texts) {
    throw new AppError("request.invalid", "A new answer needs its text.", [
      { path: "answer", message: "is needed for a new answer" },
    ]);
  }
  const questions = { ...(existing?.questions ?? {}) };
  const known = questions[question.locale] ?? [];
  if (!known.some((q) => q.toLowerCase() === question.text.toLowerCase())) {
    questions[question.locale] = [...known, question.text];
  }
  const candidate = {
    id: answerId,
    questions,
    answer: { ...(existing?.answer ?? {}), ...(texts ?? {}) },
  };
  const valid = parseAnswer(candidate);
  if (!valid.ok) throw new AppError("request.invalid", "The answer is not valid.", valid.errors);
  // written over the version read: a concurrent edit of the answer is a 412, not a lost change
  const { item, created } = await putAnswer(deps.db, shopId, valid.value as Answer, existing?.version);
  await deleteUnanswered(deps.db, shopId, id);
  log.info("admin.unanswered_answered", { shopId, answerId, created });
  return json(created ? 201 : 200, { answer: item, question });
}

export const unansweredActions = { dismiss, toAnswer };
