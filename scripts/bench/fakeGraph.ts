/**
 * A stand-in for Meta's Graph API on 127.0.0.1: `POST /{version}/{accountId}/messages` answers at once, the
 * way Meta does (Messenger Send API, WhatsApp Cloud API), and counts what it received. Real Graph API
 * round trips (~100–300 ms) are therefore not in the bench's turn latencies.
 */

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { answerJson as answer, readGraphPost } from "./graphRequest";

export interface GraphCounts {
  /** replies (Messenger Send API, WhatsApp messages) */
  messages: number;
  /** WhatsApp read receipts (`status: "read"`) */
  readReceipts: number;
  /** anything else: a wrong path or a body that is not JSON */
  other: number;
}

export interface FakeGraph {
  /** base URL without the version, e.g. http://127.0.0.1:40123 */
  url: string;
  counts: GraphCounts;
  /** the JSON bodies of the replies (not read receipts) since the last reset, as received */
  replies: string[];
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeGraph(opts: { messengerPageId: string }): Promise<FakeGraph> {
  const counts: GraphCounts = { messages: 0, readReceipts: 0, other: 0 };
  const replies: string[] = [];
  let seq = 0;
  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const post = readGraphPost(req, res, raw);
    if (post && post.edge !== "messages") {
      answer(res, 400, {
        error: { message: "Unsupported request", type: "GraphMethodException", code: 100 },
      });
    }
    if (post?.edge !== "messages") {
      counts.other++;
      return;
    }
    const body = post.body as { to?: string; recipient?: { id?: string }; status?: string };
    seq++;
    if (post.accountId === opts.messengerPageId) {
      counts.messages++;
      replies.push(raw);
      answer(res, 200, { recipient_id: body.recipient?.id ?? "", message_id: `m_bench${seq}` });
    } else if (body.status === "read") {
      counts.readReceipts++;
      answer(res, 200, { success: true });
    } else {
      counts.messages++;
      replies.push(raw);
      answer(res, 200, {
        messaging_product: "whatsapp",
        contacts: [{ input: body.to ?? "", wa_id: body.to ?? "" }],
        messages: [{ id: `wamid.bench${seq}` }],
      });
    }
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((ready, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ready());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    replies,
    reset() {
      replies.length = 0;
      counts.messages = 0;
      counts.readReceipts = 0;
      counts.other = 0;
    },
    close() {
      return new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      });
    },
  };
}
