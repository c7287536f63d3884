/**
 * Recommendations in the chat through the HTTP stack: suggestions are in stock and never what is in the cart;
 * an order teaches the co-purchase table, so the next shopper who adds the same item is offered its partner.
 */
import { describe, expect, inject, it } from "vitest";
import { addToCart, saveCheckout } from "../../lib/store/carts";
import { getProductsFresh } from "../../lib/store/orders";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { joined, turn } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { messengerPostback, messengerText, newPsid, type SinkMessage } from "../helpers/meta";

const url = inject("stackUrl");
const db = useStackDb();

interface Body {
  message?: {
    attachment?: { payload?: { elements?: Array<{ title: string; buttons?: Array<{ payload: string }> }> } };
  };
}

const cardIds = (ms: SinkMessage[]) =>
  ms.flatMap((m) =>
    ((m.body as Body).message?.attachment?.payload?.elements ?? []).flatMap((e) =>
      (e.buttons ?? [])
        .map((b) => b.payload)
        .filter((p) => p.startsWith("ADD:"))
        .map((p) => p.slice(4)),
    ),
  );

describe("recommendations", () => {
  it("'something for the beach' suggests items in stock, never one in the cart", async () => {
    const psid = newPsid();
    await turn(url, "messenger", psid, messengerPostback({ psid, payload: "ADD:SUNDRESS-BLUE-M" }));
    const reply = await turn(
      url,
      "messenger",
      psid,
      messengerText({ psid, text: "something for the beach" }),
      2,
    );
    expect(joined(reply)).toContain("Our favourites right now:");
    const ids = cardIds(reply);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids.some((id) => id.startsWith("SUNDRESS"))).toBe(false);
    const fresh = await getProductsFresh(db, DEFAULT_SHOP_ID, ids);
    for (const id of ids) expect(fresh.get(id)?.stock).toBeGreaterThan(0);
  });

  it("after an order with two items, adding one offers the other as 'goes well with it'", async () => {
    // a hoodie and sneakers: by content alone the hoodie's partners are tops and a throw, not sneakers
    const control = newPsid();
    const first = await turn(
      url,
      "messenger",
      control,
      messengerPostback({ psid: control, payload: "ADD:HOODIE-GREY-M" }),
      2,
    );
    expect(joined(first)).toContain("Goes well with it:");
    expect(cardIds(first)).not.toContain("SNEAKER-WHITE-40");
    const buyer = newPsid();
    const now = new Date();
    const scope = { shopId: DEFAULT_SHOP_ID, conversationId: `messenger:${buyer}`, expiryDays: 7, now };
    await addToCart(db, scope, "HOODIE-GREY-M", 1);
    const cart = await addToCart(db, scope, "SNEAKER-WHITE-40", 1);
    await saveCheckout(db, scope, {
      step: "confirm",
      rev: cart.rev,
      name: "Buyer",
      phone: "+15550001111",
      address: { text: "1 Main Street, Springfield" },
      payment: "cod",
      startedAt: now.toISOString(),
    });
    expect(
      joined(
        await turn(
          url,
          "messenger",
          buyer,
          messengerPostback({ psid: buyer, payload: `CONFIRM:${cart.rev}` }),
        ),
      ),
    ).toMatch(/is placed/);
    // then a second shopper adds the hoodie
    const shopper = newPsid();
    const added = await turn(
      url,
      "messenger",
      shopper,
      messengerPostback({ psid: shopper, payload: "ADD:HOODIE-GREY-M" }),
      2,
    );
    expect(joined(added)).toContain("Goes well with it:");
    expect(cardIds(added)).toContain("SNEAKER-WHITE-40");
    expect(cardIds(added)).not.toContain("HOODIE-GREY-M");
  });
});
