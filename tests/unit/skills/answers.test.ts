import { describe, expect, it } from "vitest";
import { understand } from "../../../lib/nlu";
import { answer, answersSkill } from "../../../lib/skills/answers";
import { skillTurn } from "../../helpers/skills";

describe("answers skill (in memory)", () => {
  it("a category button lists its products as cards (a product view)", async () => {
    const { c } = skillTurn();
    const r = await answersSkill.onPayload?.({ kind: "category", category: "tops" }, c);
    expect(r?.reply.cards?.length).toBeGreaterThan(0);
    expect(r?.viewed).toBe(true);
    expect(r?.shown?.length).toBe(r?.reply.cards?.length);
  });

  it("'talk to a person' asks for a handover", async () => {
    const { c } = skillTurn();
    expect((await answersSkill.onPayload?.({ kind: "human" }, c))?.reply.handover).toBe("asked");
  });

  it("a merchant's answer is given in the shopper's language; a question it cannot answer is marked", async () => {
    const { c } = skillTurn();
    const ask = (text: string) =>
      answer(
        understand(text, { index: c.shop.index, allowed: c.shop.settings.locales, fallback: "en" }),
        text,
        c,
      );
    expect((await ask("how much is shipping?")).reply.unanswered).toBeUndefined();
    expect((await ask("qwrtx zzplk vvmn")).reply.unanswered).toBe(true);
  });
});
