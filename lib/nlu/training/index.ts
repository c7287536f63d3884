/**
 * The classifier's training examples, by locale and intent. Written for this project, apart from the
 * evaluation sets in eval/nlu (which must never be copied here).
 */
import type { Locale } from "../../i18n";
import { ar } from "./ar";
import { en } from "./en";
import { id } from "./id";
import { type Examples, merge, type SupportExamples } from "./lines";
import { supportAr } from "./support-ar";
import { supportEn } from "./support-en";
import { supportId } from "./support-id";
import { supportTl } from "./support-tl";
import { supportZh } from "./support-zh";
import { tl } from "./tl";
import { zh } from "./zh";

export type { Examples };

const SUPPORT: Record<Locale, SupportExamples> = {
  en: supportEn,
  ar: supportAr,
  zh: supportZh,
  tl: supportTl,
  id: supportId,
};

/** Policy questions by topic, every locale together: the topic reader's examples. */
export const TOPIC_EXAMPLES: { topic: string; text: string }[] = Object.values(SUPPORT).flatMap((s) =>
  Object.entries(s.faq ?? {}).flatMap(([topic, texts]) => texts.map((text) => ({ topic, text }))),
);

export const TRAINING: Record<Locale, Examples> = {
  en: merge(en, supportEn),
  ar: merge(ar, supportAr),
  zh: merge(zh, supportZh),
  tl: merge(tl, supportTl),
  id: merge(id, supportId),
};
