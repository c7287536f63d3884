/**
 * A shop's answers (the merchant's FAQ the bot matches questions against), versioned like products: see
 * lib/store/catalog.ts. Every write bumps the shop's catalogVersion, so the bot's index is rebuilt.
 */
import type { Answer } from "../catalog/types";
import {
  deleteVersioned,
  getVersioned,
  type IfMatch,
  listVersioned,
  type PutResult,
  putVersioned,
  putVersionedBatch,
  type VersionedKind,
} from "./catalog";
import type { Db } from "./client";
import { keys } from "./keys";

export const ANSWER: VersionedKind = {
  entity: "Answer",
  noun: "answer",
  key: keys.answer,
  partition: keys.answerPartition,
};

/** The shop's answers, sorted by id. */
export const listAnswers = (db: Db, shopId: string): Promise<Answer[]> =>
  listVersioned<Answer>(db, ANSWER, shopId);

export const getAnswer = (db: Db, shopId: string, answerId: string): Promise<Answer | undefined> =>
  getVersioned<Answer>(db, ANSWER, shopId, answerId);

/** Creates or replaces an answer; `ifMatch` as for products. */
export const putAnswer = (
  db: Db,
  shopId: string,
  answer: Answer,
  ifMatch?: IfMatch,
): Promise<PutResult<Answer>> => putVersioned(db, ANSWER, shopId, answer, ifMatch);

export const deleteAnswer = (db: Db, shopId: string, answerId: string, ifMatch?: IfMatch): Promise<boolean> =>
  deleteVersioned(db, ANSWER, shopId, answerId, ifMatch);

/** Writes many answers at once (the seed), bumping catalogVersion once. */
export const putAnswersBatch = (db: Db, shopId: string, answers: Answer[]) =>
  putVersionedBatch(db, ANSWER, shopId, answers);
