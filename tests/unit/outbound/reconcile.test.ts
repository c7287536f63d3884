/**
 * Send once: which of our sends an echo or status names (lib/outbound/reconcile.ts), read from real payloads:
 * Meta's `message_echoes` example (Messenger), pywa's status with `biz_opaque_callback_data` (WhatsApp) and
 * Chatwoot's Instagram echo (no metadata), with the fixtures' placeholder values replaced by our tag.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseInstagramDelivery } from "../../../lib/channels/instagram/parse";
import { parseMessengerDelivery } from "../../../lib/channels/messenger/parse";
import { awaitingEcho } from "../../../lib/channels/meta/sender";
import type { ParsedDelivery } from "../../../lib/channels/types";
import { parseWhatsAppDelivery } from "../../../lib/channels/whatsapp/parse";
import { classifyEcho } from "../../../lib/handover/echo";
import { echoedSendOf } from "../../../lib/outbound/reconcile";
import type { OutboxItem } from "../../../lib/store/outbox";

const FIXTURES = join(__dirname, "../../fixtures");
const read = (path: string) => readFileSync(join(FIXTURES, path), "utf8");
const only = (d: ParsedDelivery) => {
  expect(d.items).toHaveLength(1);
  return d.items[0]?.activity as ParsedDelivery["items"][number]["activity"];
};

const TAG = "chatcart:messenger#m_in#001";

describe("echoedSendOf", () => {
  it("Messenger echo (Meta's example): our metadata names the send and its mid", async () => {
    const raw = read("messenger/echo.json").replace("DEVELOPER_DEFINED_METADATA_STRING", TAG);
    const activity = only(parseMessengerDelivery(JSON.parse(raw)));
    expect(activity.name).toBe("echo");
    expect(echoedSendOf("messenger", activity)).toEqual({
      sendId: "messenger#m_in#001",
      messageId: "mid.1457764197618:41d102a3e1ae206a38",
      first: true,
    });
    // still our own echo, not a person in the Page Inbox (no takeover): lib/bot/handoverEvents.ts
    const never = async (): Promise<Set<string>> => {
      throw new Error("not read");
    };
    expect(await classifyEcho({ metadata: activity.channelData.metadata }, { sentIds: never })).toBe("ours");
  });

  it("Messenger echo with another sender's metadata names nothing", () => {
    const activity = only(parseMessengerDelivery(JSON.parse(read("messenger/echo.json"))));
    expect(echoedSendOf("messenger", activity)).toBeUndefined();
  });

  it("WhatsApp status (pywa's tracker case): biz_opaque_callback_data names the send and its wamid", () => {
    const raw = read("whatsapp/split_status_with_tracker.json").replace(
      '"some data"',
      '"chatcart:whatsapp#wamid.in#000"',
    );
    const activity = only(parseWhatsAppDelivery(JSON.parse(raw)));
    expect(activity.name).toBe("status");
    expect(echoedSendOf("whatsapp", activity)).toEqual({
      sendId: "whatsapp#wamid.in#000",
      messageId: "wamid.xyzxyz",
      // a `sent` status is Meta's first word on the send
      first: true,
    });
  });

  it.each(["split_status_with_tracker.json", "split_status_sent.json", "split_status_failed.json"])(
    "WhatsApp %s without our tag names nothing",
    (file) => {
      for (const item of parseWhatsAppDelivery(JSON.parse(read(`whatsapp/${file}`))).items)
        expect(echoedSendOf("whatsapp", item.activity)).toBeUndefined();
    },
  );

  it("Instagram echoes carry no metadata: nothing to match", () => {
    const activity = only(
      parseInstagramDelivery(JSON.parse(read("instagram/chatwoot_story_mention_echo.json"))),
    );
    expect(activity.name).toBe("echo");
    expect(activity.channelData.metadata).toBeUndefined();
    expect(echoedSendOf("instagram", activity)).toBeUndefined();
  });

  it("a shopper's message is never an echo of ours", () => {
    const activity = only(parseMessengerDelivery(JSON.parse(read("messenger/text.json"))));
    expect(echoedSendOf("messenger", activity)).toBeUndefined();
  });
});

describe("awaitingEcho", () => {
  const item = (over: Partial<OutboxItem>): OutboxItem => ({
    id: "x#000",
    channel: "whatsapp",
    accountId: "1",
    shopId: "s",
    body: {},
    attempts: 0,
    nextAttemptAt: "2026-01-01T00:00:00.000Z",
    createdAt: "2026-01-01T00:00:00.000Z",
    ...over,
  });
  const since = Date.parse("2026-01-01T00:00:00.000Z");
  const uncertain = { state: "uncertain" as const, uncertainSince: "2026-01-01T00:00:00.000Z" };

  it.each<[string, Partial<OutboxItem>, number, boolean]>([
    ["an uncertain send within the grace period", uncertain, since + 59_999, true],
    ["an uncertain send once the grace period passed", uncertain, since + 60_000, false],
    ["a queued send (never attempted)", {}, since + 1, false],
    [
      "an uncertain Instagram send (no echo can come)",
      { ...uncertain, channel: "instagram" },
      since + 1,
      false,
    ],
  ])("%s → %s", (_, over, now, expected) => {
    expect(awaitingEcho(item(over), now, 60_000)).toBe(expected);
  });
});
