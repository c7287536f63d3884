/**
 * WhatsApp usernames through the HTTP stack: a shopper Meta names only by business-scoped user id (BSUID)
 * completes an order (replies go to `recipient`, the checkout asks for a phone number), and a shopper first seen
 * by phone number, then by phone and BSUID, then by BSUID alone keeps one conversation with its cart.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { whatsappButton, whatsappText } from "../../lib/dev/deliveries";
import { adminApi, agentApi, joined, orderIdIn, payloadStarting, turn } from "../helpers/chat";
import { asIfNow, FIXTURES, newBsuid, newWaId, PHONE_NUMBER_ID, postWebhook, sinkFor } from "../helpers/meta";

const url = inject("stackUrl");

const byBsuid = (bsuid: string, text: string) => turn(url, "whatsapp", bsuid, whatsappText({ bsuid, text }));

describe("a username-only WhatsApp shopper", () => {
  it("completes an order: replies by `recipient`, the phone number is asked", async () => {
    const bsuid = newBsuid();
    const hi = await byBsuid(bsuid, "hi");
    expect(hi[0]?.body).toMatchObject({ messaging_product: "whatsapp", recipient: bsuid });
    expect(hi[0]?.body.to).toBeUndefined();
    expect(joined(await byBsuid(bsuid, "add the stoneware mug to my cart"))).toMatch(
      /Added 1 × Stoneware Mug/,
    );
    // the profile name came with the delivery; the number did not
    expect(joined(await byBsuid(bsuid, "checkout"))).toMatch(/phone number/);
    expect(joined(await byBsuid(bsuid, "+65 9123 4567"))).toMatch(/Where should we deliver/);
    const summary = await byBsuid(bsuid, "10 Orchard Road, Singapore");
    expect(joined(summary)).toContain("+6591234567");
    const confirm = payloadStarting(summary, "CONFIRM:") as string;
    expect(confirm).toBeDefined();
    const placed = joined(await turn(url, "whatsapp", bsuid, whatsappButton({ bsuid, id: confirm })));
    const id = orderIdIn(placed);
    expect(placed).toMatch(/is placed/);
    const order = (await adminApi(url, "GET", `orders/${id}`)).body;
    expect(order).toMatchObject({
      channel: "whatsapp",
      conversationId: `whatsapp:${bsuid}`,
      customer: { name: "Test Shopper", phone: "+6591234567" },
    });
  });

  it("answers the real username-only payload (whatsapp-api-js, phone removed) and acknowledges its status", async () => {
    const bsuid = newBsuid("US");
    const raw = asIfNow(
      readFileSync(join(FIXTURES, "whatsapp-bsuid/derived_username_only_incoming.json"), "utf8"),
    )
      .replaceAll('"123456123"', `"${PHONE_NUMBER_ID}"`)
      .replaceAll('"US.13491208655302741918"', `"${bsuid}"`)
      .replaceAll('"ABGGFlA5Fpa"', `"wamid.${bsuid}"`);
    expect((await postWebhook(url, "whatsapp", raw)).status).toBe(200);
    const [reply] = await sinkFor(url, bsuid);
    expect(reply?.body.recipient).toBe(bsuid);
    const status = readFileSync(join(FIXTURES, "whatsapp-bsuid/derived_username_only_delivered.json"), "utf8")
      .replaceAll('"123456123"', `"${PHONE_NUMBER_ID}"`)
      .replaceAll('"US.13491208655302741918"', `"${bsuid}"`);
    expect((await postWebhook(url, "whatsapp", status)).status).toBe(200);
    const conv = await agentApi(url, "GET", `conversations/${encodeURIComponent(`whatsapp:${bsuid}`)}`);
    expect(conv.body.conversation).toMatchObject({ userId: bsuid, bsuid, name: "test user name" });
  });
});

describe("a shopper first seen by phone number, then by BSUID", () => {
  it("keeps one conversation: history, cart and the phone number continue", async () => {
    const waId = newWaId();
    const bsuid = newBsuid();
    await turn(url, "whatsapp", waId, whatsappText({ waId, text: "hi" }));
    expect(
      joined(
        await turn(url, "whatsapp", waId, whatsappText({ waId, text: "add the stoneware mug to my cart" })),
      ),
    ).toMatch(/Added 1 × Stoneware Mug/);
    // the delivery that carries both joins the BSUID to the phone-keyed conversation
    await turn(url, "whatsapp", waId, whatsappText({ waId, bsuid, text: "hello again" }));
    // the shopper adopts a username: only the BSUID comes now
    const cart = await byBsuid(bsuid, "show my cart");
    expect(joined(cart)).toMatch(/Stoneware Mug/);
    expect(cart[0]?.body.recipient).toBe(bsuid);
    const id = encodeURIComponent(`whatsapp:${waId}`);
    const shown = await agentApi(url, "GET", `conversations/${id}`);
    expect(shown.body.conversation).toMatchObject({ phone: waId, bsuid, userId: bsuid });
    expect(shown.body.cart.items.map((l: { productId: string }) => l.productId)).toEqual(["MUG-WHITE"]);
    expect(shown.body.messages.map((m: { text: string }) => m.text)).toEqual(
      expect.arrayContaining(["hi", "hello again", "show my cart"]),
    );
    expect(
      (await agentApi(url, "GET", `conversations/${encodeURIComponent(`whatsapp:${bsuid}`)}`)).status,
    ).toBe(404);
    // the number is still known: the checkout does not ask for it
    expect(joined(await byBsuid(bsuid, "checkout"))).toMatch(/Where should we deliver/);
  });
});
