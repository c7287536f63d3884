import { it } from "vitest";
import { understand } from "../../lib/nlu";
import { demoShop } from "../../tests/helpers/skills";
const shop = demoShop();
const texts = process.env.PROBE!.split("|");
it("probe", () => {
  for (const t of texts) {
    const u = understand(t, { index: shop.index, allowed: shop.settings.locales, fallback: "en", locale: undefined });
    console.log(JSON.stringify(t), u.intent, u.confidence, u.quantity ?? "", u.product?.productId ?? u.product?.groupId ?? "", JSON.stringify(u.attributes), u.questionKind ?? "", u.confirm ? "CONFIRM" : "", (u.rules ?? []).join(","));
  }
});
