/** The scoring rules (lib/nlu/rules/scoring.ts): each applies to its own example. */
import { describe, expect, it } from "vitest";
import { understand } from "../../../lib/nlu";
import { SCORING_RULES } from "../../../lib/nlu/rules/scoring";
import { demoShop } from "../../helpers/skills";

const shop = demoShop();

describe("each scoring rule applies to its example", () => {
  it.each(SCORING_RULES.map((r) => [r.name, r.example] as const))("%s: %s", (name, example) => {
    const m = understand(example, {
      index: shop.index,
      allowed: shop.settings.locales,
      fallback: shop.settings.defaultLocale,
    });
    expect(m.scoring ?? []).toContain(name);
  });
});
