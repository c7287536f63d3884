/**
 * The lexicon layer: phrases that point at an intent, at the kind of product question, or at a topic of the
 * shop's policies, in the five languages as shoppers type them (dialects, chat spellings, Taglish). The
 * classifier adds what these miss; these keep the obvious cases obvious.
 */

import { PhraseLexicon } from "../lexicon";
import type { Cue } from "./cue";
import { conversationCues } from "./cues/conversation";
import { orderCues } from "./cues/orders";
import { shoppingCues } from "./cues/shopping";

export {
  ALL_WORDS,
  CART_WORDS,
  CLEARING,
  MESSAGING,
  OPT_OUT,
  OPT_OUT_FILLER,
  PLACED_ORDER,
  STOPPING,
} from "./commands";
export { CONCEPTS } from "./concepts";
export type { Cue } from "./cue";
export { QUESTION_KINDS } from "./questionKinds";

/** Phrases that point at an intent, in the order they were always added (greeting first). */
export const INTENT_CUES = shoppingCues(orderCues(conversationCues(new PhraseLexicon<Cue>())));
