/**
 * Topics of the shop's policies, language-independent: a feature for the classifier and the answer matcher,
 * so "ongkir", "shipping fee" and "运费" count as the same thing.
 */
import { PhraseLexicon } from "../lexicon";
import { deliveryConcepts } from "./concepts/delivery";
import { serviceConcepts } from "./concepts/service";

export const CONCEPTS = serviceConcepts(deliveryConcepts(new PhraseLexicon<string>()));
