/**
 * A shopper asks about products in the five languages over both channels and gets the right product, price
 * and stock; a merchant's edits through the admin API are used by the next message; what the bot cannot
 * answer shows up for the merchant. Through the HTTP stack, DynamoDB Local and the Graph API sink.
 */
import { describe, expect, inject, it } from "vitest";
import { textDelivery } from "../helpers/chat";
import { metaJson, newPsid, newWaId, postWebhook, type SinkMessage, sinkFor } from "../helpers/meta";

const url = inject("stackUrl");
const admin = { authorization: "Bearer dev-admin-token", "content-type": "application/json" };

/** The parts of Graph API bodies (both channels) these tests read. */
interface GraphBody {
  message?: {
    text?: string;
    quick_replies?: Array<{ title: string }>;
    attachment?: {
      payload?: {
        template_type?: string;
        elements: Array<{ subtitle: string; buttons: Array<{ title: string }> }>;
      };
    };
  };
  text?: { body?: string };
  interactive?: { body?: { text?: string } };
  image?: { caption?: string };
}

/** The text the shopper reads, whatever the message type. */
function textOf(m: SinkMessage): string {
  const b = m.body as GraphBody;
  if (b.message?.text) return b.message.text;
  if (b.text?.body) return b.text.body;
  if (b.interactive?.body?.text) return b.interactive.body.text;
  if (b.image?.caption) return b.image.caption;
  return "";
}

const allText = (messages: SinkMessage[]) => messages.map(textOf).join("\n");

/** Sends one message as a shopper and returns everything the bot sent back to that shopper so far. */
async function ask(
  channel: "messenger" | "whatsapp",
  user: string,
  text: string,
  expected = 1,
): Promise<SinkMessage[]> {
  expect((await postWebhook(url, channel, metaJson(textDelivery(channel, user, text)))).status).toBe(200);
  return sinkFor(url, user, { count: expected });
}

describe("shoppers in five languages", () => {
  it.each([
    ["en", "messenger", "how much is the linen shirt?", "$39.00"],
    ["ar", "whatsapp", "كم سعر قميص الكتان؟", "39.00"],
    ["zh", "whatsapp", "亚麻衬衫多少钱", "US$39.00"],
    ["tl", "messenger", "magkano po yung linen na polo?", "$39.00"],
    ["id", "whatsapp", "berapa harga kemeja linen?", "US$39,00"],
  ] as const)("%s on %s: the price of the Linen Shirt", async (_locale, channel, text, price) => {
    const user = channel === "messenger" ? newPsid() : newWaId();
    const replies = await ask(channel, user, text);
    expect(allText(replies)).toContain(price);
  });

  it("answers for the variant meant and offers what is in stock when it is sold out", async () => {
    const user = newWaId();
    const replies = await ask("whatsapp", user, "is the red classic tee in L available?");
    const text = allText(replies);
    expect(text).toMatch(/sold out/i);
    expect(text).toContain("Red · L");
    // the in-stock variants of the tee come as cards (interactive messages with their own buttons)
    expect(replies.length).toBeGreaterThan(1);
  });

  it("shows product cards with price and buttons on Messenger", async () => {
    const psid = newPsid();
    const replies = await ask("messenger", psid, "show me your dresses");
    const template = replies
      .map((m) => (m.body as GraphBody).message?.attachment?.payload)
      .find((p) => p?.template_type === "generic");
    expect(template?.elements.length).toBeGreaterThan(0);
    expect(template?.elements[0]?.subtitle).toMatch(/\$\d/);
    expect(template?.elements[0]?.buttons.map((b: { title: string }) => b.title)).toEqual([
      "Add to cart",
      "More like this",
    ]);
  });
});

describe("merchant edits take effect on the next message", () => {
  it("a product created with the admin API is found and priced", async () => {
    const put = await fetch(`${url}/api/admin/products/E2E-MUG`, {
      method: "PUT",
      headers: admin,
      body: JSON.stringify({
        id: "E2E-MUG",
        title: { en: "Sunrise Mug", id: "Mug Sunrise" },
        price: { amount: 1250, currency: "USD" },
        stock: 4,
        category: "home",
        tags: ["mug", "kitchen"],
        attributes: {},
      }),
    });
    expect([200, 201]).toContain(put.status);
    const replies = await ask("whatsapp", newWaId(), "how much is the sunrise mug?");
    expect(allText(replies)).toContain("$12.50");
  });

  it("an edited answer is used by the next message", async () => {
    const current = (await (await fetch(`${url}/api/admin/answers/shipping`, { headers: admin })).json()) as {
      version: number;
      answer: Record<string, string>;
    };
    const put = await fetch(`${url}/api/admin/answers/shipping`, {
      method: "PUT",
      headers: { ...admin, "if-match": String(current.version) },
      body: JSON.stringify({ ...current, answer: { ...current.answer, en: "Shipping is free all week!" } }),
    });
    expect(put.status).toBe(200);
    const replies = await ask("messenger", newPsid(), "how much is shipping?");
    expect(allText(replies)).toContain("Shipping is free all week!");
  });
});

describe("what the bot cannot answer", () => {
  it("says so briefly, offers categories and a person, and records the question", async () => {
    const psid = newPsid();
    await ask("messenger", psid, "hello");
    const question = `who won the football match ${psid.slice(-4)}?`;
    const replies = await ask("messenger", psid, question, 2);
    const last = replies.at(-1)?.body as GraphBody | undefined;
    expect(last?.message?.text).toMatch(/can't answer that/);
    expect(last?.message?.quick_replies?.at(-1)?.title).toBe("Talk to a person");
    const list = (await (await fetch(`${url}/api/admin/unanswered`, { headers: admin })).json()) as {
      items: Array<{ text: string; count: number; locale: string }>;
    };
    expect(list.items.find((i) => i.text === question)).toMatchObject({ count: 1, locale: "en" });
  });
});
