/**
 * The bot's Meta adapter: what the bot sends never carries the HUMAN_AGENT tag (Meta allows it only for
 * messages a person wrote), and events such as botbuilder's `handoff.initiate` reach middleware but no Graph
 * API call.
 */
import type { Activity, TurnContext } from "botbuilder-core";
import { describe, expect, it } from "vitest";
import { MessengerAdapter } from "../../../lib/bot/metaAdapter";
import type { GraphClient } from "../../../lib/channels/meta/graph";
import type { GraphBody } from "../../../lib/channels/types";
import type { Db } from "../../../lib/store/client";

const PAGE = "100000000000001";
const PSID = "9876543210987654";

/** Sends that go out at once never touch DynamoDB. */
const noDb = {
  get doc(): never {
    throw new Error("DynamoDB used");
  },
} as unknown as Db;

function recordingGraph() {
  const bodies: GraphBody[] = [];
  const graph: GraphClient = {
    async send(_a, _t, body) {
      bodies.push(body);
      return { ok: true, status: 200, response: { message_id: `m_${bodies.length}` } };
    },
    async post() {
      throw new Error("not expected");
    },
  };
  return { graph, bodies };
}

const inbound: Partial<Activity> = {
  type: "message",
  id: "m_in",
  text: "hi",
  channelId: "messenger",
  from: { id: PSID, name: "" },
  recipient: { id: PAGE, name: "" },
  conversation: { id: `messenger:${PSID}`, isGroup: false, conversationType: "personal", name: "" },
};

async function run(logic: (context: TurnContext) => Promise<void>) {
  const { graph, bodies } = recordingGraph();
  const adapter = new MessengerAdapter({ graph, db: noDb });
  const seen: Array<Partial<Activity>> = [];
  adapter.use(async (context, next) => {
    context.onSendActivities(async (_c, activities, send) => {
      seen.push(...activities);
      return send();
    });
    await next();
  });
  await adapter.processActivity(
    inbound,
    {
      account: { shopId: "s", channel: "messenger", accountId: PAGE, accessToken: "t" },
      deadline: Date.now() + 5000,
      turnId: "m_in",
    },
    logic,
  );
  return { bodies, seen };
}

describe("MessengerAdapter", () => {
  it("never sends the HUMAN_AGENT tag for the bot, whatever the activity asks", async () => {
    const { bodies } = await run(async (context) => {
      await context.sendActivity({
        type: "message",
        text: "hello",
        channelData: { messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
      });
      await context.sendActivity({ type: "message", text: "again" });
    });
    expect(bodies).toHaveLength(2);
    for (const body of bodies) {
      expect(body).toMatchObject({ messaging_type: "RESPONSE", recipient: { id: PSID } });
      expect(body).not.toHaveProperty("tag");
    }
  });

  it("lets a handoff event through the middleware without a Graph API call", async () => {
    const { bodies, seen } = await run(async (context) => {
      await context.sendActivity({ type: "event", name: "handoff.initiate", value: { reason: "asked" } });
    });
    expect(seen.map((a) => a.name)).toEqual(["handoff.initiate"]);
    expect(bodies).toEqual([]);
  });
});
