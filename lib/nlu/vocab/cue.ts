/** A phrase's pull towards an intent, and the helper the cue tables use to write one. */
import type { Intent } from "../types";

export type Cue = { intent: Intent; weight: number };

export const cue = (intent: Intent, weight = 0.35): Cue => ({ intent, weight });
