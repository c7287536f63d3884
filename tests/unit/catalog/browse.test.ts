/**
 * Browsing the catalogue a feed brought in: every category reachable through the "More" pages of the category
 * list, and "do you have perfume" finding the fragrances, not beauty (issue 11: after importing the 194-line
 * sample feed the category buttons stopped at ten and perfume showed Beauty).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planImport } from "../../../lib/catalog/import";
import {
  CATEGORY_PAGE,
  catalogue,
  categoryChoices,
  composeForPayload,
  type ReplyContext,
} from "../../../lib/content/replies";
import { buildIndex, understand } from "../../../lib/nlu";
import { formatPayload, parsePayload } from "../../../lib/turn/payloads";
import { FIXTURES } from "../../helpers/meta";

const feed = readFileSync(join(FIXTURES, "catalog/derived_meta_catalog_feed.csv"), "utf8");
const products = planImport(feed, new Map(), { mainLocale: "en", currency: "USD" }).writes.map(
  (w) => w.product,
);
const ctx: ReplyContext = {
  locale: "en",
  settings: { defaultLocale: "en", name: "Demo" },
  catalogue: catalogue(products, []),
};

describe("category pages", () => {
  it("the browse payload carries where the page starts", () => {
    expect(formatPayload({ kind: "browse", from: 9 })).toBe("BROWSE:9");
    expect(parsePayload("BROWSE:9")).toEqual({ kind: "browse", from: 9 });
    expect(parsePayload("BROWSE")).toEqual({ kind: "browse" });
    expect(parsePayload("BROWSE:x")).toBeUndefined();
  });

  it("reaches every category by following More, ten buttons at most per page", () => {
    const all = ctx.catalogue.categories;
    expect(all.length).toBeGreaterThan(CATEGORY_PAGE);
    const seen: string[] = [];
    let payload: string | undefined = formatPayload({ kind: "browse" });
    for (let pages = 0; payload && pages < 10; pages++) {
      const parsed = parsePayload(payload);
      const reply = parsed && composeForPayload(parsed, ctx);
      const choices = reply?.choices ?? [];
      expect(choices.length).toBeLessThanOrEqual(10);
      payload = undefined;
      for (const c of choices) {
        const p = parsePayload(c.payload);
        if (p?.kind === "category") seen.push(p.category);
        else if (p?.kind === "browse") {
          expect(c.title).toBe("More categories");
          payload = c.payload;
        }
      }
    }
    expect(seen).toEqual(all);
    expect(seen).toEqual(
      expect.arrayContaining(["tops", "fragrances", "beauty", "mens-shoes", "womens-shoes"]),
    );
  });

  it("a shop with few categories gets no More button", () => {
    const small = { ...ctx, catalogue: catalogue(products.slice(0, 10), []) };
    expect(categoryChoices(small).every((c) => !c.payload.startsWith("BROWSE"))).toBe(true);
  });
});

describe("perfume", () => {
  it("finds the fragrances category next to beauty", () => {
    const index = buildIndex(products, []);
    const u = understand("do you have perfume", { index, allowed: ["en"], fallback: "en" });
    expect(u.category).toBe("fragrances");
  });
});
