/**
 * The evidence rules (lib/nlu/rules/evidence.ts): each rule applies to its own example, and the messages of
 * issue 11 that changed state on weak evidence no longer do.
 */
import { describe, expect, it } from "vitest";
import { understand } from "../../../lib/nlu";
import { applyEvidence, EVIDENCE_RULES, type Evidence } from "../../../lib/nlu/rules/evidence";
import { demoShop } from "../../helpers/skills";

const shop = demoShop();
const read = (text: string) =>
  understand(text, {
    index: shop.index,
    allowed: shop.settings.locales,
    fallback: shop.settings.defaultLocale,
  });

describe("each evidence rule applies to its example", () => {
  it.each(EVIDENCE_RULES.map((r) => [r.name, r.example] as const))("%s: %s", (name, example) => {
    expect(read(example).rules ?? []).toContain(name);
  });
});

describe("issue 11: no state change on weak evidence", () => {
  const STATE: ReadonlySet<string> = new Set([
    "add_to_cart",
    "checkout",
    "cancel_order",
    "stop",
    "complaint",
    "human",
  ]);
  it.each([
    "can i get a discount if i buy 20 pcs",
    "i live at 5 orchard road",
    "12 Main Street, Springfield",
    "ya",
    "No",
    "text me",
    "message",
    "This is a text message",
    "I got your message",
    "Can I get more info about this?",
    "Not now",
    "Get Started",
    "snekers in black size 43?",
  ])("%s changes nothing", (text) => {
    const m = read(text);
    expect(STATE.has(m.intent) && !m.confirm).toBe(false);
  });

  it.each(["ابي اطلب", "2 linen shirts blue M", "i want the blue one size S"])(
    "%s asks back before adding",
    (text) => {
      const m = read(text);
      expect(m.intent).toBe("add_to_cart");
      expect(m.confirm).toBe(true);
    },
  );

  it.each([
    ["add 2 linen shirts blue M", "add_to_cart"],
    ["pa add po", "add_to_cart"],
    ["STOP", "stop"],
    ["no more messages please", "stop"],
    ["I want to talk to a person", "human"],
    ["cancel my order", "cancel_order"],
    ["checkout", "checkout"],
    ["the product is broken, terrible service", "complaint"],
  ])("%s still acts: %s", (text, intent) => {
    const m = read(text);
    expect(m.intent).toBe(intent);
    expect(m.confirm).toBeUndefined();
  });

  it("Get Started greets", () => expect(read("Get Started").intent).toBe("greeting"));
});

describe("applyEvidence", () => {
  const base: Evidence = {
    score: 0.5,
    ranked: [
      ["stop", 0.6],
      ["complaint", 0.5],
      ["faq", 0.4],
    ],
    cues: new Set(),
    explicitAdd: false,
    question: false,
    address: false,
    yesNoOnly: false,
    product: false,
    anaphor: false,
    optOutOnly: false,
    stopMessages: false,
    getStarted: false,
    orderId: false,
    policy: false,
  };
  it("moves on until a reading no rule moves", () => {
    const r = applyEvidence("stop", 0.45, base);
    expect(r.intent).toBe("faq");
    expect(r.applied).toEqual(["opt-out-needs-an-opt-out-word", "complaint-needs-a-complaint-word"]);
  });
  it("keeps an intent with its evidence", () => {
    expect(applyEvidence("stop", 1, { ...base, optOutOnly: true }).intent).toBe("stop");
  });
});
