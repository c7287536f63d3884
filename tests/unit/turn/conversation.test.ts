/**
 * Issue 11 through the router: ask-back before a weak add, "Added … · Undo", the subject carried over turns
 * in five languages, a checkout that survives a misunderstood message, reactions and other message kinds.
 */
import { describe, expect, it } from "vitest";
import type { Locale } from "../../../lib/i18n";
import { type DialogData, route, type TurnMessage } from "../../../lib/turn/router";
import { skillTurn, type TurnSetup } from "../../helpers/skills";

function chat(setup: TurnSetup = {}) {
  const { c, turn } = skillTurn({ conversation: {}, ...setup });
  const dialog: DialogData = {};
  let locale: Locale = setup.locale ?? "en";
  const send = async (m: string | TurnMessage) => {
    const r = await route(typeof m === "string" ? { text: m } : m, c, dialog, {
      first: false,
      previousLocale: locale,
    });
    locale = r.locale;
    return r;
  };
  return { c, turn, dialog, send };
}

describe("ask back before a weak add; every add can be undone", () => {
  it("'2 linen shirts blue M' asks, a typed yes adds, Undo takes it out", async () => {
    const { turn, send, dialog } = chat();
    const asked = await send("2 linen shirts blue M");
    expect(asked.reply?.text).toMatch(/^Add 2 × Linen Shirt.*\?$/);
    expect(asked.reply?.choices?.map((x) => x.title)).toEqual(["Yes, add it", "No"]);
    expect(turn.cart.quantityOf("LINEN-BLUE-M")).toBe(0);
    const added = await send("yes");
    expect(added.reply?.text).toContain("Added 2 ×");
    expect(turn.cart.quantityOf("LINEN-BLUE-M")).toBe(2);
    const undo = added.reply?.choices?.[0];
    expect(undo?.title).toBe("Undo");
    await send({ text: "Undo", payload: undo?.payload ?? "" });
    expect(turn.cart.quantityOf("LINEN-BLUE-M")).toBe(0);
    expect(dialog.awaiting).toBeUndefined();
  });

  it("'No' to the question adds nothing and does not opt out", async () => {
    const { turn, send } = chat();
    await send("2 linen shirts blue M");
    const no = await send("No");
    expect(no.reply?.text).toBe("OK, I didn't add it.");
    expect(turn.patch.optedOut).toBeUndefined();
    expect(turn.cart.view().lines).toHaveLength(0);
  });

  it.each([
    "can i get a discount if i buy 20 pcs",
    "ya",
    "snekers in black size 43?",
    "ابي اطلب",
    "Can I get more info about this?",
  ])("%s adds nothing", async (text) => {
    const { turn, send } = chat({ lastShown: ["TOTE-NATURAL"] });
    await send({ text: "Add", payload: "ADD:TOTE-NATURAL" });
    await send(text);
    expect(turn.cart.view().lines.map((l) => [l.productId, l.quantity])).toEqual([["TOTE-NATURAL", 1]]);
  });

  it.each(["No", "text me", "message"])("%s does not opt out", async (text) => {
    const { turn, send } = chat();
    await send(text);
    expect(turn.patch.optedOut).toBeUndefined();
  });

  it.each(["This is a text message", "I got your message"])("%s hands nobody over", async (text) => {
    const { send } = chat();
    expect((await send(text)).handover).toBeUndefined();
  });
});

describe("the subject carries over turns", () => {
  it.each([
    ["en", "how much is the classic tee?", "do you have it in M? white", /White · M/],
    ["en", "how much is the classic tee?", "is it cotton?", /cotton/i],
    ["en", "how much is the everyday hoodie?", "xxl?", /Hoodie/],
    ["zh", "经典T恤多少钱", "有白色的吗", /T恤|Tee/],
    ["id", "berapa harga kaos klasik?", "ada ukuran L?", /Tee|Kaos/i],
    ["tl", "magkano po yung classic tee?", "meron bang M?", /T-shirt|Tee/],
    ["ar", "كم سعر التيشيرت الكلاسيكي؟", "هل يوجد مقاس L؟", /تي|Tee/],
  ] as const)("%s: %s → %s", async (locale, first, follow, expected) => {
    const { send } = chat({ locale });
    await send(first);
    const r = await send(follow);
    expect(r.reply?.unanswered).toBeFalsy();
    expect(`${r.reply?.text} ${r.reply?.cards?.map((x) => x.title).join(" ")}`).toMatch(expected);
  });

  it("'actually make it 2' changes the line under discussion", async () => {
    const { turn, send } = chat();
    await send({ text: "Add", payload: "ADD:TOTE-NATURAL" });
    await send("actually make it 2");
    expect(turn.cart.quantityOf("TOTE-NATURAL")).toBe(2);
  });

  it("a referred product is the subject: 'Is this still available?'", async () => {
    const { send, dialog } = chat({ channel: "whatsapp" });
    const r = await send({ text: "Is this still available?", referredProduct: "LINEN-WHITE-M" });
    expect(dialog.subject).toBe("LINEN-WHITE-M");
    expect(r.reply?.text).toMatch(/Linen Shirt/);
  });
});

describe("checkout survives a misunderstood message", () => {
  it("an address typed at the summary shows it again; 'تمام أكد الطلب' then places the order", async () => {
    const setup: TurnSetup = {
      lines: [["MUG-WHITE", 1]],
      checkout: {
        step: "confirm",
        name: "Ana",
        phone: "+6591234567",
        address: { text: "1 Main St" },
        payment: "cod",
        startedAt: "x",
      },
    };
    const { turn, send, dialog } = chat(setup);
    dialog.awaiting = { kind: "checkout", step: "confirm" };
    const again = await send("12 Main Street, Springfield");
    expect(again.reply?.text).toMatch(/didn't get that/);
    expect(turn.cart.view().lines).toHaveLength(1);
    expect(dialog.awaiting).toEqual({ kind: "checkout", step: "confirm" });
    const placed = await send("تمام أكد الطلب");
    expect(placed.reply?.text).toMatch(/CC-/);
  });
});

describe("message kinds", () => {
  it("a reaction is recorded, never answered; a like on a card makes it the subject", async () => {
    const { send, turn, dialog } = chat({ lastShown: ["WATCH-SILVER"] });
    dialog.lastShown = ["WATCH-SILVER"];
    const r = await send({ text: "", kind: "reaction", reaction: { emoji: "👍" } });
    expect(r.silent).toBe(true);
    expect(r.reply).toBeUndefined();
    expect(dialog.subject).toBe("WATCH-SILVER");
    expect(dialog.unansweredStreak ?? 0).toBe(0);
    expect(turn.funnel.productViews).toBe(1);
    expect((await send({ text: "", kind: "reaction", reaction: { emoji: "" } })).silent).toBe(true);
  });

  it("a number change updates the shopper's phone", async () => {
    const { send, turn } = chat({ channel: "whatsapp" });
    const r = await send({ text: "", kind: "system", newUserId: "6598765432" });
    expect(r.silent).toBe(true);
    expect(turn.patch.profile?.phone).toBe("+6598765432");
  });

  it.each([
    [{ kind: "location", location: { latitude: 1.3, longitude: 103.8 } }, /location/],
    [{ kind: "unsupported", unsupported: "contacts" }, /contacts/],
    [{ kind: "unsupported", unsupported: "document" }, /files/],
  ] as const)("%o gets a short useful answer", async (m, expected) => {
    const { send } = chat();
    const r = await send({ text: "", ...m });
    expect(r.reply?.text).toMatch(expected);
  });

  it("Get Started typed (or its title) greets, never empties the cart", async () => {
    const { send, turn } = chat({ lines: [["MUG-WHITE", 1]] });
    const r = await send("Get Started");
    expect(turn.cart.view().lines).toHaveLength(1);
    expect(r.reply?.text ?? "").not.toMatch(/empty/);
  });

  it("an unanswerable first message is said honestly and recorded", async () => {
    const { c, turn } = skillTurn({});
    const r = await route({ text: "do you repair vintage harpsichords?" }, c, {}, { first: true });
    expect(r.reply?.text).toMatch(/can't answer/);
    expect(turn.unanswered?.text).toBe("do you repair vintage harpsichords?");
  });
});

describe("a search that finds nothing is demand", () => {
  it("'do you have harpsichords' is said plainly and recorded as 'asked for: harpsichords'", async () => {
    const { send, turn } = chat();
    const r = await send("do you have harpsichords");
    expect(r.reply?.text).toMatch(/don't have harpsichords/);
    expect(turn.unanswered?.text).toBe("asked for: harpsichords");
  });
});

describe("a variant of the subject", () => {
  it("'i want the blue one size S' after the sundress asks for the blue S, never 'sold out'", async () => {
    const { send, turn } = chat();
    await send("how much is the floral sundress?");
    const r = await send("i want the blue one size S");
    expect(r.reply?.text).toMatch(/^Add 1 × Floral Sundress.*Blue · S.*\?$/);
    expect(r.reply?.text).not.toMatch(/sold out/);
    expect(turn.cart.view().lines).toHaveLength(0);
  });
});

describe("plurals", () => {
  it("one item is '1 item', two are '2 items'", async () => {
    const { send } = chat();
    const one = await send({ text: "Add", payload: "ADD:TOTE-NATURAL" });
    expect(one.reply?.text).toContain("Cart: 1 item,");
    const two = await send({ text: "Add", payload: "ADD:TOTE-NATURAL" });
    expect(two.reply?.text).toContain("Cart: 2 items,");
  });
});
