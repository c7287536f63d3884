/**
 * Issue 11 through the HTTP stack (signed webhooks, DynamoDB Local, the Graph API sink): no phantom adds, a
 * plain "No" changes nothing, Get Started greets, follow-ups keep the product, reactions are silent, a
 * Business-app echo silences the bot, a referred product is the subject, an unanswerable first message is
 * said honestly and recorded.
 */
import { describe, expect, inject, it } from "vitest";
import { agentApi, joined, payloadStarting, say, seenBy, turn } from "../helpers/chat";
import {
  messengerPostback,
  metaJson,
  newPsid,
  newWaId,
  PHONE_NUMBER_ID,
  postWebhook,
  whatsappMessage,
} from "../helpers/meta";

const url = inject("stackUrl");

const cartOf = async (user: string, channel: "messenger" | "whatsapp") => {
  const detail = await agentApi(url, "GET", `conversations/${encodeURIComponent(`${channel}:${user}`)}`);
  return detail.body;
};

describe("no state change on weak evidence", () => {
  it.each([
    ["messenger", "can i get a discount if i buy 20 pcs"],
    ["whatsapp", "snekers in black size 43?"],
    ["whatsapp", "ابي اطلب"],
    ["messenger", "12 Main Street, Springfield"],
  ] as const)("%s: '%s' adds nothing", async (channel, text) => {
    const user = channel === "messenger" ? newPsid() : newWaId();
    const replies = await say(url, channel, user, text);
    expect(joined(replies)).not.toMatch(/Added|تمت إضافة/);
  });

  it("'2 linen shirts blue M' asks first; Yes adds with Undo; Undo takes it out", async () => {
    const psid = newPsid();
    const asked = await say(url, "messenger", psid, "2 linen shirts blue M");
    expect(joined(asked)).toMatch(/Add 2 × Linen Shirt.*\?/);
    const yes = payloadStarting(asked, "ADD:");
    expect(yes).toBe("ADD:LINEN-BLUE-M:2");
    const added = await turn(url, "messenger", psid, messengerPostback({ psid, payload: yes ?? "" }));
    expect(joined(added)).toMatch(/Added 2 × Linen Shirt/);
    const undo = payloadStarting(added, "UNDO:");
    expect(undo).toBe("UNDO:LINEN-BLUE-M:2");
    const undone = await turn(url, "messenger", psid, messengerPostback({ psid, payload: undo ?? "" }));
    expect(joined(undone)).toMatch(/Undone/);
  });

  it("a plain 'No' neither opts out nor hands over", async () => {
    const waId = newWaId();
    const replies = await say(url, "whatsapp", waId, "No");
    expect(joined(replies)).not.toMatch(/no more reminders|person will reply/);
  });
});

describe("message kinds", () => {
  it("Get Started greets, whatever its payload", async () => {
    const psid = newPsid();
    const replies = await turn(
      url,
      "messenger",
      psid,
      messengerPostback({ psid, payload: "get_started", title: "Get Started" }),
    );
    expect(joined(replies)).toMatch(/Welcome/);
    expect(joined(replies)).not.toMatch(/cart is empty/);
  });

  it("a reaction gets no answer, and the conversation goes on", async () => {
    const waId = newWaId();
    await say(url, "whatsapp", waId, "how much is the minimalist watch?");
    const before = await seenBy(url, waId);
    const reaction = whatsappMessage({
      waId,
      message: { type: "reaction", reaction: { message_id: "wamid.x", emoji: "👍" } },
    });
    expect((await postWebhook(url, "whatsapp", metaJson(reaction))).status).toBe(200);
    const next = await say(url, "whatsapp", waId, "is it in stock?");
    expect(joined(next)).toMatch(/Watch/);
    // nothing was sent for the reaction: the follow-up's answer is the only new message before it
    expect((await seenBy(url, waId)) - before).toBe(next.length);
  });

  it("a Business-app echo silences the bot", async () => {
    const waId = newWaId();
    await say(url, "whatsapp", waId, "hello");
    const echo = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "smb_message_echoes",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "15550783881", phone_number_id: PHONE_NUMBER_ID },
                message_echoes: [
                  {
                    from: "15550783881",
                    to: waId,
                    id: `wamid.echo.${waId}`,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: "text",
                    text: { body: "Hi, Anna here" },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    expect((await postWebhook(url, "whatsapp", metaJson(echo))).status).toBe(200);
    const detail = await cartOf(waId, "whatsapp");
    expect(detail.conversation.status).toBe("agent");
  });

  it("'Is this still available?' from a product's Message business button answers about that product", async () => {
    const waId = newWaId();
    const delivery = whatsappMessage({
      waId,
      message: {
        type: "text",
        text: { body: "Is this still available?" },
        context: {
          from: "15550783881",
          id: "wamid.ctx",
          referred_product: { catalog_id: "1", product_retailer_id: "LINEN-WHITE-M" },
        },
      },
    });
    const replies = await turn(url, "whatsapp", waId, delivery);
    expect(joined(replies)).toMatch(/Linen Shirt/);
  });

  it("an unanswerable first message is said honestly and recorded", async () => {
    const psid = newPsid();
    const question = `do you repair vintage harpsichords ${psid.slice(-4)}?`;
    const replies = await say(url, "messenger", psid, question);
    expect(joined(replies)).toMatch(/can't answer that/);
    const list = await fetch(`${url}/api/admin/unanswered`, {
      headers: { authorization: "Bearer dev-admin-token" },
    });
    const items = ((await list.json()) as { items: Array<{ text: string }> }).items;
    expect(items.some((i) => i.text === question)).toBe(true);
  });
});

describe("follow-ups keep the product", () => {
  it.each([
    ["messenger", "how much is the classic tee?", "do you have it in M? white", /White · M|White/],
    ["whatsapp", "经典T恤多少钱", "有白色的吗", /T恤|Tee/],
    ["whatsapp", "berapa harga kemeja linen?", "ada ukuran L?", /Linen/i],
  ] as const)("%s: %s → %s", async (channel, first, follow, expected) => {
    const user = channel === "messenger" ? newPsid() : newWaId();
    await say(url, channel, user, first);
    const replies = await say(url, channel, user, follow);
    expect(joined(replies)).toMatch(expected);
    expect(joined(replies)).not.toMatch(/didn't get that|can't answer/);
  });
});
