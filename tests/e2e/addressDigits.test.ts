/**
 * Issue 14: digits in a typed address or phone number never become a quantity, through the local stack,
 * with a product named by a number in the catalogue.
 */
import { describe, expect, inject, it } from "vitest";
import { getCart } from "../../lib/store/carts";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { adminApi, say } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { newWaId } from "../helpers/meta";

const url = inject("stackUrl");
const db = useStackDb();

describe("digits in an address", () => {
  it("'I live at 12 Orchard Road' out of checkout adds nothing, with a 'Bulk item 12' on sale", async () => {
    const id = `E2E-BULK-${Date.now().toString(36).toUpperCase()}`;
    const product = {
      id,
      title: { en: "Bulk item 12" },
      price: { amount: 100, currency: "USD" },
      stock: 500,
      category: "bulk",
      tags: [],
      attributes: {},
    };
    expect((await adminApi(url, "PUT", `products/${id}`, product)).status).toBe(201);
    const wa = newWaId();
    await say(url, "whatsapp", wa, "hi");
    await say(url, "whatsapp", wa, "I live at 12 Orchard Road");
    await say(url, "whatsapp", wa, "call me on 0917 555 0101");
    const cart = await getCart(db, DEFAULT_SHOP_ID, `whatsapp:${wa}`);
    expect(cart.lines).toEqual([]);
    expect((await adminApi(url, "GET", `products/${id}`)).body.stock).toBe(500);
  });
});
