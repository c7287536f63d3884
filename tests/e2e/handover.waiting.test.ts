/**
 * Handover that does not strand anyone (issue 15), through the HTTP stack (serverless-offline → webhooks, agent
 * API and the scheduled idle release → DynamoDB Local → the Graph API sink):
 * - 👍 never counts as misunderstood (the demo handed over after two of them), and it takes three turns the
 *   bot could not answer;
 * - a waiting shopper is told, in their language, that a person will answer, with a "Talk to the bot" button,
 *   and not again on every message;
 * - the button brings the conversation back to the bot, which answers again;
 * - a waiting conversation nobody takes goes back to the bot with a message, and the agents get a notice.
 */
import { describe, expect, inject, it } from "vitest";
import { messengerPostback, whatsappButton } from "../../lib/dev/deliveries";
import {
  agentApi,
  type Channel,
  type Json,
  payloadsOf,
  say,
  textDelivery,
  textOf,
  turn,
} from "../helpers/chat";
import { backdateIdle, useStackDb } from "../helpers/db";
import { metaJson, newPsid, newWaId, postWebhook, sinkFor } from "../helpers/meta";

const url = inject("stackUrl");
const db = useStackDb();
const HOUR = 3_600_000;

const path = (id: string) => `conversations/${encodeURIComponent(id)}`;
const statusOf = async (id: string) => (await agentApi(url, "GET", path(id))).body.conversation;

const backToBot = (channel: Channel, user: string) =>
  channel === "messenger"
    ? messengerPostback({ psid: user, payload: "BOT", title: "Talk to the bot" })
    : whatsappButton({ waId: user, id: "BOT", title: "Talk to the bot" });

/** Nothing more reaches `user` for `ms` after `act`. */
async function silentAfter(user: string, act: () => Promise<unknown>, ms = 1500): Promise<void> {
  const before = (await sinkFor(url, user, { count: 0 })).length;
  await act();
  await new Promise((r) => setTimeout(r, ms));
  expect((await sinkFor(url, user, { count: 0 })).length).toBe(before);
}

describe("handover that does not strand the shopper", () => {
  it("👍 never counts as misunderstood; three unanswered turns hand over (WhatsApp)", async () => {
    const user = newWaId();
    const id = `whatsapp:${user}`;
    await say(url, "whatsapp", user, "hi");
    // whatever the bot says to a 👍 (if anything), it is not a step towards a person
    for (let i = 0; i < 3; i++) {
      expect(
        (await postWebhook(url, "whatsapp", metaJson(textDelivery("whatsapp", user, "👍")))).status,
      ).toBe(200);
    }
    expect((await statusOf(id)).status).toBe("bot");
    await say(url, "whatsapp", user, "qzxv blorptwug frabnitz");
    await say(url, "whatsapp", user, "vrooblenax quimble zorp");
    expect((await statusOf(id)).status).toBe("bot");
    const handover = await say(url, "whatsapp", user, "snarfle plonk wibbet");
    expect(await statusOf(id)).toMatchObject({ status: "waiting", handoverReason: "unanswered" });
    // the handover message offers the way back
    expect(handover.flatMap(payloadsOf)).toContain("BOT");
  }, 90_000);

  it.each([
    [
      "messenger",
      "I want to talk to a person",
      "hello? anyone?",
      /A person will answer here/,
      "OK, I'm back",
    ],
    ["whatsapp", "我想找人工客服", "你好？有人吗", /客服现在都在忙/, "好的，我回来了"],
  ] as const)(
    "on %s: waiting, told in their language, then back to the bot by the button",
    async (channel, ask, again, notice, back) => {
      const user = channel === "messenger" ? newPsid() : newWaId();
      const id = `${channel}:${user}`;
      await say(url, channel, user, ask === "I want to talk to a person" ? "hi" : "你好");
      const told = await say(url, channel, user, ask);
      expect(told.flatMap(payloadsOf)).toContain("BOT");
      expect((await statusOf(id)).status).toBe("waiting");

      // the next message gets "a person will answer" in the shopper's language, with the button again
      const waiting = await say(url, channel, user, again);
      expect(textOf(waiting[0])).toMatch(notice);
      expect(textOf(waiting[0])).toMatch(/60/);
      expect(waiting.flatMap(payloadsOf)).toContain("BOT");
      // and not on every message after it
      await silentAfter(user, () => postWebhook(url, channel, metaJson(textDelivery(channel, user, again))));

      // "Talk to the bot": back with the bot, which answers again
      const backMessages = await turn(url, channel, user, backToBot(channel, user));
      expect(textOf(backMessages[0])).toContain(back);
      expect(await statusOf(id)).toMatchObject({ status: "bot", releaseReason: "shopper" });
      expect(await statusOf(id)).not.toHaveProperty("handoverReason");
      const answered = await say(
        url,
        channel,
        user,
        channel === "messenger" ? "show me shirts" : "我想看衬衫",
      );
      expect(answered.length).toBeGreaterThan(0);
    },
    90_000,
  );

  it("a waiting conversation nobody takes goes back to the bot with a message, and the agents are told", async () => {
    const user = newWaId();
    const id = `whatsapp:${user}`;
    await say(url, "whatsapp", user, "hi");
    await say(url, "whatsapp", user, "I want to speak to someone");
    expect((await statusOf(id)).status).toBe("waiting");
    const since = new Date(Date.now() - 1000).toISOString();
    // nobody took it for two hours: move its idle clock and timer into the past
    await backdateIdle(db, id, 2 * HOUR);
    const before = (await sinkFor(url, user, { count: 0 })).length;
    // the scheduled function runs every few seconds on the local stack
    const messages = await sinkFor(url, user, { count: before + 1, timeoutMs: 30_000 });
    expect(textOf(messages[before])).toMatch(/nobody from our team was free/);
    expect(await statusOf(id)).toMatchObject({ status: "bot", releaseReason: "idle" });
    const notices = await agentApi(url, "GET", `notifications?since=${encodeURIComponent(since)}`);
    expect(notices.status).toBe(200);
    expect(notices.body.items.find((n: Json) => n.conversationId === id)).toMatchObject({
      kind: "returned_to_bot",
      handoverReason: "asked",
    });
  }, 45_000);
});
