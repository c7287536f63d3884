/**
 * Media and the welcome surfaces through the HTTP stack: a photo a shopper sends is answered in words and served
 * to an agent through the agent API (the shop's token stays on the server), two in a row hand the conversation
 * over (the unanswered rule), an agent sends an image, and a settings save pushes the welcome surfaces of every
 * enabled locale to the sink.
 */
import { describe, expect, inject, it } from "vitest";
import { whatsappMessage } from "../../lib/dev/deliveries";
import { SINK_PNG } from "../../lib/dev/sinkMedia";
import { AGENT_TOKEN, adminApi, agentApi, joined, turn } from "../helpers/chat";
import {
  allSinkMessages,
  INSTAGRAM_ACCOUNT_ID,
  metaAttachment,
  newIgsid,
  newWaId,
  PAGE_ID,
  PHONE_NUMBER_ID,
  sinkFor,
} from "../helpers/meta";

const url = inject("stackUrl");

const photo = (waId: string, mediaId: string, wamid: string) =>
  whatsappMessage({
    waId,
    wamid,
    message: { type: "image", image: { id: mediaId, mime_type: "image/png" } },
  });

describe("media a shopper sends", () => {
  it("a WhatsApp photo gets an answer in words; the agent API serves it; a third one hands over", async () => {
    const waId = newWaId();
    const wamid = `wamid.photo-${waId}`;
    const first = joined(await turn(url, "whatsapp", waId, photo(waId, `img-${waId}`, wamid)));
    expect(first).toMatch(/can't see photos/);
    const id = encodeURIComponent(`whatsapp:${waId}`);
    const shown = await agentApi(url, "GET", `conversations/${id}`);
    expect(shown.body.messages[0]).toMatchObject({
      direction: "in",
      kind: "image",
      externalId: wamid,
      media: { kind: "image", id: `img-${waId}` },
    });

    const res = await fetch(
      `${url}/api/agent/conversations/${id}/media?message=${encodeURIComponent(wamid)}`,
      {
        headers: { authorization: `Bearer ${AGENT_TOKEN}` },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-security-policy")).toBe("sandbox");
    expect(Buffer.from(await res.arrayBuffer()).equals(SINK_PNG)).toBe(true);
    const anonymous = await fetch(
      `${url}/api/agent/conversations/${id}/media?message=${encodeURIComponent(wamid)}`,
    );
    expect(anonymous.status).toBe(401);
    const missing = await agentApi(url, "GET", `conversations/${id}/media?message=wamid.nope`);
    expect(missing.status).toBe(404);

    // two more photos in a row: the unanswered rule (3 turns by default) hands the conversation to a person
    await turn(url, "whatsapp", waId, photo(waId, `img2-${waId}`, `wamid.photo2-${waId}`));
    const between = await agentApi(url, "GET", `conversations/${id}`);
    expect(between.body.conversation.status).toBe("bot");
    await turn(url, "whatsapp", waId, photo(waId, `img3-${waId}`, `wamid.photo3-${waId}`));
    const after = await agentApi(url, "GET", `conversations/${id}`);
    expect(after.body.conversation.status).toBe("waiting");
  });

  it("an Instagram voice note is answered in the shopper's language and served from its CDN address", async () => {
    const igsid = newIgsid();
    const mid = `aWdfvoice${igsid}`;
    const audio = metaAttachment({
      channel: "instagram",
      user: igsid,
      type: "audio",
      url: `${url}/dev/media/cdn-${igsid}-audio`,
      mid,
    });
    expect(joined(await turn(url, "instagram", igsid, audio))).toMatch(/voice notes/);
    const id = encodeURIComponent(`instagram:${igsid}`);
    const res = await agentApi(url, "GET", `conversations/${id}/media?message=${encodeURIComponent(mid)}`);
    expect(res.status).toBe(200);
  });

  it("an agent sends an image", async () => {
    const waId = newWaId();
    await turn(
      url,
      "whatsapp",
      waId,
      whatsappMessage({ waId, message: { type: "text", text: { body: "hi" } } }),
    );
    const id = encodeURIComponent(`whatsapp:${waId}`);
    const sent = await agentApi(url, "POST", `conversations/${id}/messages`, {
      text: "This one?",
      image: { url: "https://example.com/tee.png" },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({
      kind: "image",
      media: { kind: "image", url: "https://example.com/tee.png" },
    });
    const got = await sinkFor(url, waId, { count: 3 });
    expect(got.at(-1)?.body).toMatchObject({ type: "image", image: { link: "https://example.com/tee.png" } });
    const bad = await agentApi(url, "POST", `conversations/${id}/messages`, {
      image: { url: "javascript:alert(1)" },
    });
    expect(bad.status).toBe(400);
  });
});

describe("welcome surfaces", () => {
  it("a settings save pushes them to every channel, in every enabled locale, and the API shows what is live", async () => {
    const before = (await allSinkMessages(url)).length;
    const settings = (await adminApi(url, "GET", "settings")).body;
    const { version: _v, updatedAt: _u, catalogVersion: _c, ...body } = settings;
    expect((await adminApi(url, "PUT", "settings", body)).status).toBe(200);
    const pushed = (await allSinkMessages(url)).slice(before).filter((m) => m.edge);
    const messenger =
      pushed.find((m) => m.accountId === PAGE_ID && m.edge === "messenger_profile")?.body ?? {};
    const instagram = pushed.find((m) => m.accountId === INSTAGRAM_ACCOUNT_ID)?.body ?? {};
    const whatsapp = pushed.find((m) => m.accountId === PHONE_NUMBER_ID)?.body ?? {};
    const locales = ["default", "en_US", "ar_AR", "zh_CN", "tl_PH", "id_ID"];
    for (const surface of ["greeting", "persistent_menu", "ice_breakers"]) {
      expect((messenger[surface] as Array<{ locale: string }>).map((g) => g.locale)).toEqual(locales);
    }
    expect(messenger.get_started).toEqual({ payload: "GET_STARTED" });
    const arabic = (
      messenger.ice_breakers as Array<{ locale: string; call_to_actions: Array<{ question: string }> }>
    ).find((i) => i.locale === "ar_AR");
    expect(arabic?.call_to_actions[2]?.question).toBe("أين طلبي؟");
    expect(instagram).toMatchObject({ platform: "instagram" });
    expect((instagram.ice_breakers as unknown[]).length).toBe(6);
    expect(whatsapp).toMatchObject({ enable_welcome_message: true });
    expect((whatsapp.prompts as string[]).length).toBe(4);
    expect((whatsapp.commands as Array<{ command_name: string }>).map((c) => c.command_name)).toEqual([
      "browse",
      "cart",
      "order",
      "human",
    ]);
    const live = (await adminApi(url, "GET", "welcome")).body;
    expect(live.live.messenger).toMatchObject({ ok: true, edge: "messenger_profile" });
    expect(live.live.whatsapp).toMatchObject({ ok: true, edge: "conversational_automation" });
    expect(live.live.instagram).toMatchObject({ ok: true, body: instagram });
  });

  it("a WhatsApp command is the button it stands for", async () => {
    const waId = newWaId();
    const reply = await turn(
      url,
      "whatsapp",
      waId,
      whatsappMessage({ waId, message: { type: "text", text: { body: "/cart" } } }),
    );
    expect(joined(reply)).toMatch(/cart is empty|Cart/i);
  });
});
