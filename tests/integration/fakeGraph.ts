/**
 * A real HTTP server on 127.0.0.1 (random port) standing in for the Graph API: records every request and
 * answers each one as the test's `reply` function says, or never (`"hang"`) to simulate a stuck Meta.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach } from "vitest";
import { freshTable, type TestDb } from "../helpers/db";

export interface GraphHit {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** the parsed JSON body (the raw text when it is not JSON) */
  body: Record<string, unknown>;
  at: number;
}

export type GraphReply = { status: number; body?: unknown } | "hang";

export interface FakeGraph {
  /** base URL including a version segment, as `META_GRAPH_URL` */
  url: string;
  hits: GraphHit[];
  reply: (hit: GraphHit, index: number) => GraphReply | Promise<GraphReply>;
  close(): Promise<void>;
}

/** Answers 200 with a Messenger-like `message_id` unless the test sets `reply`. */
export async function startFakeGraph(
  reply: FakeGraph["reply"] = (_hit, i) => ({ status: 200, body: { message_id: `m_${i}` } }),
): Promise<FakeGraph> {
  const hanging = new Set<ServerResponse>();
  const fake: FakeGraph = { url: "", hits: [], reply, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = { raw: text };
      }
      const hit: GraphHit = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body,
        at: Date.now(),
      };
      const index = fake.hits.push(hit) - 1;
      void Promise.resolve(fake.reply(hit, index)).then((r) => {
        if (r === "hang") {
          hanging.add(res);
          return;
        }
        res.writeHead(r.status, { "content-type": "application/json" });
        res.end(JSON.stringify(r.body ?? {}));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}/v21.0`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/**
 * A fresh table and a fake Graph API for every test (the outbox's due index is one partition for the whole
 * table, so outbox tests cannot share one), closed and dropped after it.
 */
export function useTableAndGraph(assign: (db: TestDb, graph: FakeGraph) => void): void {
  let db: TestDb | undefined;
  let graph: FakeGraph | undefined;
  beforeEach(async () => {
    db = await freshTable();
    graph = await startFakeGraph();
    assign(db, graph);
  });
  afterEach(async () => {
    await graph?.close();
    await db?.drop();
  });
}
