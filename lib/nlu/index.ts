/**
 * Natural-language understanding for shopper messages: language, intent, product, quantity, colour, size,
 * category and the merchant answer that fits. Pure and synchronous: `buildIndex` (shopIndex.ts) precomputes
 * what depends on the shop's catalogue and answers (rebuilt when they change, see lib/catalog/cache.ts);
 * `understand` (understand.ts) reads one message in well under a millisecond on a thousand products.
 *
 * How a message is read:
 * 1. tokens (text.ts), the conversation's language (language.ts: sticky, switchable on request);
 * 2. spelling correction of words the lexicons or the catalogue know (one or two edits);
 * 3. entities: colour and size (catalogue spellings first), product (products.ts, resolve.ts: fuzzy, every
 *    locale's titles), category, quantity (quantity.ts), the kind of product question;
 * 4. intent (reading.ts): nearest training examples on TF-IDF features with the entities masked as slots,
 *    then the scoring rules (rules/scoring.ts); merchant answers by similarity to their example questions;
 * 5. evidence (rules/evidence.ts): an intent that changes state (add, checkout, cancel, stop, complaint)
 *    stands only on an explicit request; a weaker one asks back or gives way to the next reading.
 */
export { detectLanguage, nextLocale } from "./language";
export { findOrderId } from "./orderId";
export { readQuantity } from "./quantity";
export { buildIndex, type NluIndex } from "./shopIndex";
export { warmUp } from "./staticModel";
export { normalize, tokenize } from "./text";
export type { Intent, ProductMatch, QuestionKind, Understanding } from "./types";
export { INTENTS } from "./types";
export { type UnderstandContext, understand } from "./understand";
export { readYesNo, type YesNo } from "./yesno";
