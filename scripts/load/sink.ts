/**
 * The Graph API stand-in of the load run, on 127.0.0.1: answers `POST /{version}/{accountId}/{edge}` as Meta
 * does and attributes every message to the inbound delivery it answers. A shopper sends one delivery at a
 * time and opens a *window* for its recipient id while the request is in flight; a reply arriving in that
 * window belongs to that delivery. A reply arriving when no window is open for the recipient is *late* (the
 * turn ran out of its 2 s send budget and the outbox sent it) and belongs to the recipient's last delivery.
 * WhatsApp read receipts name the inbound `wamid` themselves, so they are counted per message id exactly.
 */

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { answerJson as answer, readGraphPost } from "../bench/graphRequest";

export interface SinkMessage {
  recipient: string;
  /** the strings of the body, one per line (texts, titles, payloads) */
  text: string;
  raw: string;
  at: number;
  /** the delivery window it fell in, or the recipient's last delivery for a late one */
  deliveryId?: string;
  late: boolean;
}

export interface LoadSink {
  url: string;
  /** replies (not read receipts) by delivery id */
  replies: Map<string, SinkMessage[]>;
  /** WhatsApp read receipts by inbound message id: when each arrived */
  readReceipts: Map<string, number[]>;
  /** every reply in arrival order */
  all: SinkMessage[];
  /** replies with no delivery of their recipient to belong to */
  orphans: number;
  /** the first few of them */
  orphanSamples: string[];
  /** requests that were not a Graph message (wrong path, bad JSON) */
  refused: number;
  open(recipient: string, deliveryId: string): void;
  close(recipient: string, deliveryId: string): void;
  /** when the last message arrived (epoch ms) */
  lastAt(): number;
  close_(): Promise<void>;
}

/** Every string in a JSON value, one per line (what a shopper would read or tap). */
export function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}

export async function startSink(): Promise<LoadSink> {
  const replies = new Map<string, SinkMessage[]>();
  const readReceipts = new Map<string, number[]>();
  const all: SinkMessage[] = [];
  /** the open window per recipient (one delivery in flight at a time, or a pair sent together) */
  const windows = new Map<string, string>();
  const last = new Map<string, string>();
  let lastAt = Date.now();
  let seq = 0;
  const sink: LoadSink = {
    url: "",
    replies,
    readReceipts,
    all,
    orphans: 0,
    orphanSamples: [],
    refused: 0,
    open(recipient, deliveryId) {
      windows.set(recipient, deliveryId);
      last.set(recipient, deliveryId);
    },
    close(recipient, deliveryId) {
      if (windows.get(recipient) === deliveryId) windows.delete(recipient);
    },
    lastAt: () => lastAt,
    close_: async () => undefined,
  };
  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    lastAt = Date.now();
    const post = readGraphPost(req, res, raw);
    if (!post) {
      sink.refused++;
      return;
    }
    const { body } = post;
    seq++;
    if (post.edge !== "messages") {
      // pass_thread_control and other edges of the handover protocol
      answer(res, 200, { success: true });
      return;
    }
    if (body.status === "read") {
      const id = String(body.message_id ?? "");
      readReceipts.set(id, [...(readReceipts.get(id) ?? []), Date.now()]);
      answer(res, 200, { success: true });
      return;
    }
    const recipient = String((body.recipient as { id?: string } | undefined)?.id ?? body.to ?? "");
    const open = windows.get(recipient);
    const deliveryId = open ?? last.get(recipient);
    const msg: SinkMessage = {
      recipient,
      text: strings(body).join("\n"),
      raw,
      at: Date.now(),
      deliveryId,
      late: open === undefined,
    };
    all.push(msg);
    if (deliveryId) replies.set(deliveryId, [...(replies.get(deliveryId) ?? []), msg]);
    else {
      sink.orphans++;
      if (sink.orphanSamples.length < 5) sink.orphanSamples.push(`${recipient}: ${msg.text.slice(0, 120)}`);
    }
    if (body.messaging_product === "whatsapp") {
      answer(res, 200, {
        messaging_product: "whatsapp",
        contacts: [{ input: recipient, wa_id: recipient }],
        messages: [{ id: `wamid.load${seq}` }],
      });
    } else {
      answer(res, 200, { recipient_id: recipient, message_id: `m_load${seq}` });
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
  sink.url = `http://127.0.0.1:${port}`;
  sink.close_ = () =>
    new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return sink;
}
