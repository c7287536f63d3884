/**
 * The Graph API client against a real HTTP server on 127.0.0.1 (no fetch mock): URL, headers, body, retries,
 * deadline and jittered backoff.
 */
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createGraphClient } from "../../../lib/channels/meta/graph";
import { type FakeGraph, type GraphReply, startFakeGraph } from "../../integration/fakeGraph";

const PAGE_ID = "100000000000001";
const TOKEN = "page-token-123";
const BODY = { recipient: { id: "9876543210987654" }, message: { text: "مرحبا 👋" } };

let graph: FakeGraph | undefined;
afterEach(async () => {
  await graph?.close();
  graph = undefined;
});

/** A server that answers the n-th request with `replies[n]` (the last one repeats). */
async function serve(...replies: GraphReply[]): Promise<FakeGraph> {
  graph = await startFakeGraph((_hit, i) => replies[Math.min(i, replies.length - 1)] as GraphReply);
  return graph;
}

/** No real waiting between attempts; the waits are recorded instead. */
const noSleep = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};

describe("createGraphClient", () => {
  it("posts JSON to {baseUrl}/{accountId}/messages with the token as a bearer", async () => {
    const g = await serve({ status: 200, body: { recipient_id: "9876543210987654", message_id: "m_1" } });
    const client = createGraphClient({ baseUrl: g.url });
    const res = await client.send(PAGE_ID, TOKEN, BODY);
    expect(res).toEqual({
      ok: true,
      status: 200,
      response: { recipient_id: "9876543210987654", message_id: "m_1" },
    });
    expect(g.hits).toHaveLength(1);
    const [hit] = g.hits;
    expect(hit?.method).toBe("POST");
    expect(hit?.path).toBe(`/v21.0/${PAGE_ID}/messages`);
    expect(hit?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(hit?.headers["content-type"]).toMatch(/^application\/json/);
    expect(hit?.body).toEqual(BODY);
  });

  it("retries a 429 and succeeds", async () => {
    const g = await serve(
      { status: 429, body: { error: { message: "(#613) Calls to this api have exceeded the rate limit." } } },
      { status: 200, body: { message_id: "m_2" } },
    );
    const { waits, sleep } = noSleep();
    const res = await createGraphClient({ baseUrl: g.url, sleep }).send(PAGE_ID, TOKEN, BODY);
    expect(res).toMatchObject({ ok: true, status: 200 });
    expect(g.hits).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it("gives up after three 500s with a retryable error", async () => {
    const g = await serve({
      status: 500,
      body: { error: { message: "An unknown error occurred", code: 1 } },
    });
    const { waits, sleep } = noSleep();
    const res = await createGraphClient({ baseUrl: g.url, sleep }).send(PAGE_ID, TOKEN, BODY);
    expect(res).toEqual({
      ok: false,
      retryable: true,
      status: 500,
      error: "graph 500: An unknown error occurred",
    });
    expect(g.hits).toHaveLength(3);
    // no wait after the last attempt
    expect(waits).toHaveLength(2);
  });

  it.each([
    [400, "(#100) The parameter recipient is required"],
    [401, "Invalid OAuth access token."],
    [403, "(#200) Permissions error"],
    [404, "Unsupported post request."],
  ])("does not retry a %i", async (status, message) => {
    const g = await serve({ status, body: { error: { message } } });
    const { waits, sleep } = noSleep();
    const res = await createGraphClient({ baseUrl: g.url, sleep }).send(PAGE_ID, TOKEN, BODY);
    expect(res).toEqual({ ok: false, retryable: false, status, error: `graph ${status}: ${message}` });
    expect(g.hits).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("lets a started attempt run past the deadline to its own timeout, and does not retry a timeout", async () => {
    // issue 14: a Graph API that answered after 2.5 s got the same reply 4 times (timeout, retry, outbox)
    const g = await serve("hang", { status: 200, body: { message_id: "m_3" } });
    const client = createGraphClient({ baseUrl: g.url, timeoutMs: 400 });
    const started = Date.now();
    const res = await client.send(PAGE_ID, TOKEN, BODY, { deadline: started + 100 });
    // Graph may have taken it: the caller's outbox waits for its echo before sending it again
    expect(res).toEqual({ ok: false, retryable: true, error: "graph timeout", uncertain: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(g.hits).toHaveLength(1);
  });

  it("sends nothing when the deadline has already passed", async () => {
    const g = await serve({ status: 200 });
    const res = await createGraphClient({ baseUrl: g.url }).send(PAGE_ID, TOKEN, BODY, {
      deadline: Date.now() - 1,
    });
    expect(res).toMatchObject({ ok: false, retryable: true });
    expect(g.hits).toHaveLength(0);
  });

  it("treats a refused connection as retryable", async () => {
    // a port that was free a moment ago: nothing listens there
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, "127.0.0.1", () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      });
    });
    const { sleep } = noSleep();
    const res = await createGraphClient({ baseUrl: `http://127.0.0.1:${port}/v21.0`, sleep }).send(
      PAGE_ID,
      TOKEN,
      BODY,
    );
    expect(res).toMatchObject({ ok: false, retryable: true });
    // nothing was sent: not uncertain, so it may go again at once
    expect(res.ok === false && res.uncertain).toBeFalsy();
  });

  it("a connection that breaks after the request went out is uncertain and not retried", async () => {
    // a real server that reads the request and then drops the socket without answering
    let requests = 0;
    const srv = createServer((socket) => {
      socket.once("data", () => {
        requests++;
        socket.destroy();
      });
    });
    const port = await new Promise<number>((resolve) =>
      srv.listen(0, "127.0.0.1", () => resolve((srv.address() as { port: number }).port)),
    );
    try {
      const { sleep } = noSleep();
      const res = await createGraphClient({ baseUrl: `http://127.0.0.1:${port}/v21.0`, sleep }).send(
        PAGE_ID,
        TOKEN,
        BODY,
      );
      expect(res).toMatchObject({ ok: false, retryable: true, uncertain: true });
      expect(requests).toBe(1);
    } finally {
      srv.close();
    }
  });

  // Full jitter: each wait is random() × base × 2^attempt, so many containers do not retry in step.
  it.each([
    [
      [0, 0],
      [0, 0],
    ],
    [
      [0.5, 0.5],
      [100, 200],
    ],
    [
      [0.25, 0.9],
      [50, 360],
    ],
    [
      [0.999, 0.999],
      [199, 399],
    ],
  ])(
    "waits random() × 200 ms × 2^attempt between attempts (random %j → waits %j)",
    async (randoms, expected) => {
      const g = await serve({ status: 503 });
      const { waits, sleep } = noSleep();
      const queue = [...randoms];
      const client = createGraphClient({
        baseUrl: g.url,
        baseDelayMs: 200,
        random: () => queue.shift() ?? 0,
        sleep,
      });
      await client.send(PAGE_ID, TOKEN, BODY);
      expect(waits).toEqual(expected);
      expect(g.hits).toHaveLength(3);
    },
  );

  it("does not wait past the deadline: it stops instead", async () => {
    const g = await serve({ status: 503 });
    const { waits, sleep } = noSleep();
    const client = createGraphClient({ baseUrl: g.url, baseDelayMs: 5000, random: () => 0.9, sleep });
    const res = await client.send(PAGE_ID, TOKEN, BODY, { deadline: Date.now() + 1000 });
    expect(res).toMatchObject({ ok: false, retryable: true, status: 503 });
    expect(waits).toEqual([]);
    expect(g.hits).toHaveLength(1);
  });
});
