/**
 * web/admin/welcomeSurfaces.js reads back what lib/welcome/surfaces.ts builds: the Welcome tab fills its editors
 * from these Graph bodies, so a round trip must give the merchant's values (and the defaults) back unchanged.
 */
import { describe, expect, it } from "vitest";
import type { ShopSettings } from "../../../lib/catalog/types";
import { buildWelcomeSurfaces } from "../../../lib/welcome/surfaces";
import { canonical, effectiveOf, entryFor } from "../../../web/admin/welcomeSurfaces.js";

const shop = (welcome: ShopSettings["welcome"]) =>
  ({
    name: "Test",
    currency: "USD",
    defaultLocale: "en",
    locales: ["en", "ar"],
    welcome,
  }) as unknown as ShopSettings;

describe("welcomeSurfaces", () => {
  it("gives back what the merchant set, per locale, from the bodies Chatcart pushes", () => {
    const surfaces = buildWelcomeSurfaces(
      shop({
        greeting: { en: "Hello there", ar: "أهلا" },
        menu: {
          ar: [
            { title: "تصفح", action: "browse" },
            { title: "الموقع", url: "https://shop.example/ar" },
          ],
        },
        iceBreakers: { en: [{ question: "Where is my order?", action: "orders" }] },
      }),
    );
    const ar = effectiveOf(surfaces, "ar");
    expect(ar.greeting).toBe("أهلا");
    expect(ar.menu).toEqual([
      { title: "تصفح", action: "browse" },
      { title: "الموقع", url: "https://shop.example/ar" },
    ]);
    const en = effectiveOf(surfaces, "en");
    expect(en.greeting).toBe("Hello there");
    expect(en.iceBreakers).toEqual([{ question: "Where is my order?", action: "orders" }]);
    // the defaults: browse, my cart, my order, talk to a person
    expect(en.menu.map((b: { action?: string }) => b.action)).toEqual(["browse", "cart", "orders", "human"]);
  });

  it("falls back to Meta's default entry, and reads nothing from no bodies", () => {
    const list = [
      { locale: "default", text: "d" },
      { locale: "ar_AR", text: "a" },
    ];
    expect(entryFor(list, "ar")?.text).toBe("a");
    expect(entryFor(list, "zh")?.text).toBe("d");
    expect(entryFor(undefined, "en")).toBeNull();
    expect(effectiveOf({}, "en")).toEqual({ greeting: "", menu: [], iceBreakers: [] });
  });

  it("compares bodies whatever the order of their keys", () => {
    expect(canonical({ b: [1, { y: 1, x: 2 }], a: "s" })).toBe(canonical({ a: "s", b: [1, { x: 2, y: 1 }] }));
    expect(canonical({ a: 1 })).not.toBe(canonical({ a: 2 }));
  });
});
