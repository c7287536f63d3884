/**
 * The answers skill: product questions, categories, "more like this", recommendations, the merchant's
 * answers (FAQ), thanks and goodbyes, asking for a person, and the honest "I didn't get that" (recorded for
 * the merchant). It is the router's last resort: whatever no other skill took ends here.
 */
import { compose, composeForPayload, type Reply } from "../content/replies";
import type { Understanding } from "../nlu";
import type { Payload } from "../turn/payloads";
import { replyContext, type Skill, type SkillContext, type SkillResult } from "../turn/skill";

/** A reply that shows products to browse counts as product views in the funnel. */
const result = (reply: Reply): SkillResult => {
  const shown = reply.cards?.map((c) => c.productId).filter(Boolean) ?? [];
  return { reply, ...(shown.length > 0 ? { shown, viewed: true } : {}) };
};

/** The answer to what the shopper typed, when no other skill took it. */
export async function answer(meaning: Understanding, text: string, c: SkillContext): Promise<SkillResult> {
  const recommend = meaning.intent === "recommendation" ? await c.recommender?.() : undefined;
  return result(compose(meaning, { ...replyContext(c), recommend, text }));
}

export const answersSkill: Skill = {
  name: "answers",
  payloads: ["browse", "category", "product", "more", "human"],
  async onPayload(p: Payload, c) {
    const recommend = p.kind === "more" ? await c.recommender?.() : undefined;
    const reply = composeForPayload(p, { ...replyContext(c), recommend });
    return reply ? result(reply) : undefined;
  },
};
