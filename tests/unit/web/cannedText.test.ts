/** web/inbox/cannedText.js: the canned-reply manager's checks and the body it sends (docs/interface.md). */
import { describe, expect, it } from "vitest";
import { CANNED_VARIABLES } from "../../../lib/agent/canned";
import { LOCALES } from "../../../lib/i18n";
import {
  CANNED_LOCALES,
  cannedBody,
  cannedId,
  localeName,
  localesWithText,
  CANNED_VARIABLES as PAGE_VARIABLES,
  unknownVariables,
} from "../../../web/inbox/cannedText.js";

describe("the canned-reply manager's pure parts", () => {
  it("lists the shop's five locales, Arabic right to left", () => {
    expect(CANNED_LOCALES.map((l) => l.code)).toEqual([...LOCALES]);
    // the page checks the same variables the server renders
    expect(PAGE_VARIABLES).toEqual([...CANNED_VARIABLES]);
    expect(CANNED_LOCALES.find((l) => l.code === "ar")?.dir).toBe("rtl");
    expect(localeName("zh")).toBe("中文");
    expect(localeName("xx")).toBe("xx");
  });

  it("finds variables other than {name} and {orderId}", () => {
    expect(unknownVariables("Hi {name}, order {orderId}")).toEqual([]);
    expect(unknownVariables("مرحبا {nmae} {nmae} {order}")).toEqual(["nmae", "order"]);
  });

  it("makes an id from the title", () => {
    expect(cannedId("On its way!")).toBe("on-its-way");
    expect(cannedId("Café ouvert")).toBe("cafe-ouvert");
    expect(cannedId("شكرا", 42)).toBe("reply-42");
  });

  it("sends the non-empty texts, trimmed, and refuses what the server would", () => {
    expect(cannedBody(" Thanks ", { en: " Thank you, {name}! ", ar: "", zh: "谢谢 {name}" })).toEqual({
      body: { title: "Thanks", text: { en: "Thank you, {name}!", zh: "谢谢 {name}" } },
    });
    expect(cannedBody("", { en: "x" }).problems).toEqual({ title: "must not be empty" });
    expect(cannedBody("T", { en: " ", id: "" }).problems).toEqual({
      text: "needs a text in at least one language",
    });
    expect(cannedBody("T", { en: "ok", tl: "Hi {pangalan}" }).problems).toEqual({
      "text.tl": "may use only {name} and {orderId} (not {pangalan})",
    });
  });

  it("names the locales a stored reply has a text in", () => {
    expect(localesWithText({ text: { id: "Halo", en: "Hi", ar: " " } })).toEqual(["en", "id"]);
    expect(localesWithText({})).toEqual([]);
  });
});
