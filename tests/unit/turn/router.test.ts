import { describe, expect, it } from "vitest";
import { type DialogData, route } from "../../../lib/turn/router";
import { skillTurn } from "../../helpers/skills";

const first = { first: false, previousLocale: "en" as const };

describe("router", () => {
  it("a payload goes to the skill that owns its kind (an Add tap adds, whatever the text)", async () => {
    const { c, turn } = skillTurn({ conversation: {} });
    const dialog: DialogData = {};
    const r = await route({ text: "Add to cart", payload: "ADD:MUG-WHITE" }, c, dialog, first);
    expect(r.reply?.text).toContain("Added 1 ×");
    expect(turn.cart.quantityOf("MUG-WHITE")).toBe(1);
    expect(dialog.lastShown).toEqual(["MUG-WHITE"]);
  });

  it("an open checkout question takes the typed text as its answer before any intent", async () => {
    const { c } = skillTurn({
      conversation: {},
      lines: [["MUG-WHITE", 1]],
      checkout: { step: "name", startedAt: "x" },
    });
    const dialog: DialogData = { awaiting: { kind: "checkout", step: "name" } };
    await route({ text: "Maria Santos" }, c, dialog, first);
    expect(c.turn.cart.view().checkout?.name).toBe("Maria Santos");
    expect(dialog.awaiting).toEqual({ kind: "checkout", step: "phone" });
  });

  it("Messenger's phone quick reply (the number as payload) answers the phone question", async () => {
    const { c } = skillTurn({
      conversation: {},
      lines: [["MUG-WHITE", 1]],
      checkout: { step: "phone", name: "Ana", startedAt: "x" },
    });
    const dialog: DialogData = { awaiting: { kind: "checkout", step: "phone" } };
    await route({ text: "+1 555 0100", payload: "+15550100" }, c, dialog, first);
    expect(c.turn.cart.view().checkout?.phone).toBe("+15550100");
  });

  it("then by intent: 'show my cart' goes to the cart skill", async () => {
    const { c } = skillTurn({ conversation: {}, lines: [["MUG-WHITE", 2]] });
    const r = await route({ text: "show my cart" }, c, {}, first);
    expect(r.reply?.text).toContain("Your cart:");
  });

  it("keeps the books: the locale moves with the shopper, an unanswered question is noted, and the streak hands over", async () => {
    const { c, turn } = skillTurn({ conversation: { locale: "en" } });
    const dialog: DialogData = {};
    const once = await route({ text: "qwrtx zzplk vvmn" }, c, dialog, first);
    expect(once.handover).toBeUndefined();
    expect(turn.unanswered?.text).toBe("qwrtx zzplk vvmn");
    // a 👍 neither counts nor breaks the run (issue 15); the third misunderstood turn hands over
    expect((await route({ text: "👍" }, c, dialog, first)).handover).toBeUndefined();
    expect((await route({ text: "blorpt vexx quzz" }, c, dialog, first)).handover).toBeUndefined();
    const thrice = await route({ text: "snarfle plonk wibbet" }, c, dialog, first);
    expect(thrice.handover).toBe("unanswered");
    const zh = await route({ text: "亚麻衬衫多少钱" }, c, {}, first);
    expect(zh.locale).toBe("zh");
    expect(turn.patch.locale).toBe("zh");
  });

  it("'stop' opts the shopper out of messages they did not ask for", async () => {
    const { c, turn } = skillTurn({ conversation: {} });
    await route({ text: "stop" }, c, {}, first);
    expect(turn.patch.optedOut).toBe(true);
  });

  it("Get Started greets (no reply here: the bot sends the welcome), a first 'hi' too", async () => {
    const { c } = skillTurn();
    expect((await route({ text: "Get Started", payload: "GET_STARTED" }, c, {}, first)).greet).toBe(true);
    const hi = await route({ text: "hi" }, c, {}, { first: true });
    expect(hi.reply).toBeUndefined();
  });

  it("a card that shows products counts a product view", async () => {
    const { c, turn } = skillTurn({ conversation: {} });
    await route({ text: "Tops", payload: "CAT:tops" }, c, {}, first);
    expect(turn.funnel.productViews).toBe(1);
  });
});
