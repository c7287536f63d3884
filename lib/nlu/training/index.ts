/**
 * The classifier's training examples, by locale and intent. Written for this project, apart from the
 * evaluation sets in eval/nlu (which must never be copied here).
 */
import type { Locale } from "../../i18n";
import { ar } from "./ar";
import { en } from "./en";
import { id } from "./id";
import type { Examples } from "./lines";
import { tl } from "./tl";
import { zh } from "./zh";

export type { Examples };

export const TRAINING: Record<Locale, Examples> = { en, ar, zh, tl, id };
