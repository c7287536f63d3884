/**
 * One simulated shopper of the load run: a closed loop of signed webhook deliveries over HTTP, one at a time
 * (so the sink can attribute replies), until the deadline. It asks questions, adds by tap (`ADD:{id}`) and by
 * typed request, checks out to the summary and confirms (once, twice in a row, or twice at once), re-sends
 * an earlier delivery byte for byte (a redelivery), and now and then sends one delivery twice at once (a
 * redelivery racing the original). It keeps what it added (for the cart check) and every delivery it sent.
 */

import { SEND_BUDGET_MS } from "../../lib/bot/webhook";
import { signBody } from "../../lib/channels/meta/signature";
import type { ChannelId } from "../../lib/channels/types";
import {
  messengerPostback,
  messengerText,
  metaJson,
  whatsappButton,
  whatsappText,
} from "../../lib/dev/deliveries";
import { LOCALES, t } from "../../lib/i18n";
import { TEXTS } from "../bench/turns";
import type { LoadSink } from "./sink";

export type Kind =
  | "question"
  | "add (tap)"
  | "add (text)"
  | "checkout"
  | "checkout step"
  | "confirm"
  | "confirm again"
  | "confirm twice at once"
  | "redelivery"
  | "duplicate at once"
  | "race add"
  | "race confirm";

export interface Delivery {
  id: string;
  shopper: string;
  channel: ChannelId;
  kind: Kind;
  /** a byte-for-byte resend of `of` */
  redeliveryOf?: string;
  /** deliveries sent together share one window */
  window: string;
  status: number;
  latencyMs: number;
  sentAt: number;
  doneAt: number;
  body: Buffer;
  signature: string;
}

/** What every shopper shares: the stack, the sink, the tap, the catalogue and the records. */
export interface World {
  url: string;
  appSecret: string;
  messengerPageId: string;
  whatsappPhoneNumberId: string;
  sink: LoadSink;
  /** whether a turn of these inbound message ids still has replies waiting in the outbox */
  pendingOutbox(channel: ChannelId, messageIds: string[]): Promise<boolean>;
  /** in-stock products shoppers add (stock raised far above what the run can take) */
  products: string[];
  /** typed adds that were checked to add exactly these products and quantities, per locale */
  typedAdds: Array<Array<{ text: string; adds: Record<string, number> }>>;
  deliveries: Delivery[];
  deadline: number;
  /** wait for replies that went to the outbox, at most this long */
  lateWaitMs: number;
  thinkMs: number;
  random: () => number;
}

/** The longest fixed part of a message in every locale ("Added ", "What name should …"). */
function markers(key: Parameters<typeof t>[1]): string[] {
  return LOCALES.map((locale) => {
    const parts = t(locale, key, { quantity: "\u0000", title: "\u0000", address: "\u0000" }).split("\u0000");
    return parts.map((p) => p.trim()).sort((a, b) => b.length - a.length)[0] as string;
  }).filter((m) => m.length >= 4);
}
const ASK = {
  name: markers("checkout.askName"),
  phone: markers("checkout.askPhone"),
  address: [...markers("checkout.askAddress"), ...markers("checkout.lastAddress")],
};
const CONFIRM_PAYLOAD = /^CONFIRM[^\s]*$/m;
const ORDER_ID = /CC-[2-9A-Z]{6}/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Shopper {
  /** units added per product (taps and checked typed adds): the cart check's expectation */
  readonly added = new Map<string, number>();
  /** whether the cart should hold something (added since the last order the bot confirmed) */
  private cartFull = false;
  /** the confirmation payloads sent (one order at most each) */
  readonly confirms: string[] = [];
  readonly originals: Delivery[] = [];
  /** checkouts that did not reach a summary, with the last reply */
  readonly abandoned: string[] = [];
  private seq = 0;

  constructor(
    readonly channel: ChannelId,
    readonly user: string,
    readonly locale: number,
    private readonly w: World,
  ) {}

  get key(): string {
    return `${this.channel}:${this.user}`;
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.w.random() * list.length)] as T;
  }

  private nextId(): string {
    // short digit runs: the stack's logs mask runs of 8 digits or more, and the tap reads these ids back
    const n = this.seq++;
    return this.channel === "messenger"
      ? `m_ld.${this.user.slice(-5)}.${n}`
      : `wamid.ld.${this.user.slice(-5)}.${n}`;
  }

  private textBody(text: string, id: string): unknown {
    const at = Date.now();
    return this.channel === "messenger"
      ? messengerText({ psid: this.user, text, mid: id, pageId: this.w.messengerPageId, at })
      : whatsappText({
          waId: this.user,
          text,
          wamid: id,
          name: `Load Shopper ${this.user.slice(-3)}`,
          phoneNumberId: this.w.whatsappPhoneNumberId,
          at,
        });
  }

  private tapBody(payload: string, id: string): unknown {
    const at = Date.now();
    if (this.channel === "whatsapp") {
      const body = whatsappButton({ waId: this.user, id: payload, wamid: id, at });
      for (const c of body.entry[0]?.changes ?? [])
        c.value.metadata.phone_number_id = this.w.whatsappPhoneNumberId;
      return body;
    }
    const body = messengerPostback({ psid: this.user, payload, mid: id, at });
    const entry = body.entry[0];
    if (entry) {
      entry.id = this.w.messengerPageId;
      for (const m of entry.messaging) m.recipient.id = this.w.messengerPageId;
    }
    return body;
  }

  /** Signs the bytes as Meta does (non-ASCII \uXXXX-escaped). */
  private prepare(kind: Kind, body: unknown, id: string): Delivery {
    const bytes = Buffer.from(metaJson(body), "utf8");
    return {
      id,
      shopper: this.key,
      channel: this.channel,
      kind,
      window: id,
      status: 0,
      latencyMs: 0,
      sentAt: 0,
      doneAt: 0,
      body: bytes,
      signature: signBody(bytes, this.w.appSecret),
    };
  }

  private async post(d: Delivery): Promise<void> {
    d.sentAt = Date.now();
    const t0 = performance.now();
    try {
      const res = await fetch(`${this.w.url}/webhooks/${d.channel}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": d.signature },
        body: new Uint8Array(d.body),
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      d.status = res.status;
    } catch {
      d.status = -1;
    }
    d.latencyMs = performance.now() - t0;
    d.doneAt = Date.now();
    this.w.deliveries.push(d);
  }

  /**
   * Sends deliveries together in one window, then waits until the replies their turns put in the outbox have
   * been sent (the outbox items are gone), so no late reply lands in the next delivery's window.
   */
  private async send(list: Delivery[]): Promise<string> {
    const window = `${list.map((d) => d.id).join("+")}@${this.seq++}`;
    for (const d of list) d.window = window;
    const ids = [...new Set(list.map((d) => d.id))];
    this.w.sink.open(this.user, window);
    await Promise.all(list.map((d) => this.post(d)));
    this.w.sink.close(this.user, window);
    // A turn defers replies only past its send budget, counted from the handler's start: a round trip shorter
    // than the budget cannot have left anything in the outbox. Otherwise read (slowly: the reads load the same
    // DynamoDB) until the turn's outbox items are gone.
    const until = Date.now() + this.w.lateWaitMs;
    const mayHaveDeferred = list.some((d) => d.latencyMs >= SEND_BUDGET_MS - 100 || d.status !== 200);
    while (mayHaveDeferred && Date.now() < until && (await this.w.pendingOutbox(this.channel, ids))) {
      await sleep(500);
    }
    return (this.w.sink.replies.get(window) ?? []).map((m) => m.text).join("\n");
  }

  private async one(kind: Kind, body: unknown, id: string): Promise<{ d: Delivery; replies: string }> {
    const d = this.prepare(kind, body, id);
    const replies = await this.send([d]);
    if (kind !== "redelivery") this.originals.push(d);
    return { d, replies };
  }

  async question(): Promise<void> {
    const id = this.nextId();
    await this.one("question", this.textBody(this.pick(TEXTS[this.locale] as string[]), id), id);
  }

  async addTap(productId = this.pick(this.w.products), kind: Kind = "add (tap)"): Promise<void> {
    const id = this.nextId();
    const { d } = await this.one(kind, this.tapBody(`ADD:${productId}`, id), id);
    if (d.status === 200 && kind === "add (tap)")
      this.added.set(productId, (this.added.get(productId) ?? 0) + 1);
  }

  async addText(): Promise<void> {
    const options = this.w.typedAdds[this.locale] ?? [];
    if (options.length === 0) return this.addTap();
    const choice = this.pick(options);
    const id = this.nextId();
    const { d } = await this.one("add (text)", this.textBody(choice.text, id), id);
    if (d.status !== 200) return;
    for (const [p, q] of Object.entries(choice.adds)) this.added.set(p, (this.added.get(p) ?? 0) + q);
    this.cartFull = true;
  }

  /** CHECKOUT, then whatever the bot asks, until the summary's Confirm payload (or a give-up). */
  async toSummary(kind: Kind = "checkout"): Promise<string | undefined> {
    let id = this.nextId();
    let { replies } = await this.one(kind, this.tapBody("CHECKOUT", id), id);
    for (let step = 0; step < 5; step++) {
      const confirm = CONFIRM_PAYLOAD.exec(replies)?.[0];
      if (confirm) return confirm;
      const asks = (list: string[]) => list.some((m) => replies.includes(m));
      const answer = asks(ASK.name)
        ? "Load Shopper"
        : asks(ASK.phone)
          ? "+1 555 010 0200"
          : asks(ASK.address)
            ? `${10 + (this.seq % 80)} Orchard Road, Singapore 238801`
            : undefined;
      if (!answer || Date.now() > this.w.deadline + 10_000) break;
      id = this.nextId();
      replies = (await this.one("checkout step", this.textBody(answer, id), id)).replies;
    }
    this.abandoned.push(replies.slice(0, 200));
    // leave no checkout question open: the next typed add must not be read as an answer to it
    id = this.nextId();
    await this.one("checkout step", this.tapBody("STOPCHECKOUT", id), id);
    return undefined;
  }

  async confirmOnce(payload: string, kind: Kind = "confirm"): Promise<string> {
    this.confirms.push(payload);
    const id = this.nextId();
    const { replies } = await this.one(kind, this.tapBody(payload, id), id);
    if (ORDER_ID.test(replies)) this.cartFull = false;
    return replies;
  }

  async checkout(): Promise<void> {
    if (!this.cartFull) return this.addTap();
    const payload = await this.toSummary();
    if (!payload) return;
    const r = this.w.random();
    if (r < 0.6) {
      await this.confirmOnce(payload);
    } else if (r < 0.8) {
      await this.confirmOnce(payload);
      await this.confirmOnce(payload, "confirm again");
    } else {
      this.confirms.push(payload);
      const a = this.nextId();
      const b = this.nextId();
      const pair = [
        this.prepare("confirm", this.tapBody(payload, a), a),
        this.prepare("confirm twice at once", this.tapBody(payload, b), b),
      ];
      const replies = await this.send(pair);
      this.originals.push(...pair);
      if (ORDER_ID.test(replies)) this.cartFull = false;
    }
  }

  /** An earlier delivery again, the same bytes and signature. */
  async redeliver(): Promise<void> {
    if (this.originals.length === 0) return this.question();
    const of = this.pick(this.originals);
    const again: Delivery = { ...of, kind: "redelivery", redeliveryOf: of.id, status: 0, latencyMs: 0 };
    await this.send([again]);
  }

  /** One new delivery sent twice at the same moment: a redelivery racing the original. */
  async duplicateAtOnce(): Promise<void> {
    const id = this.nextId();
    const d = this.prepare("question", this.textBody(this.pick(TEXTS[this.locale] as string[]), id), id);
    const twin: Delivery = { ...d, kind: "duplicate at once", redeliveryOf: d.id };
    await this.send([d, twin]);
    this.originals.push(d);
  }

  async think(): Promise<void> {
    if (this.w.thinkMs > 0) await sleep(this.w.random() * 2 * this.w.thinkMs);
  }

  /** One step of the loop, drawn with the run's weights. */
  async act(): Promise<void> {
    const r = this.w.random();
    if (r < 0.36) await this.question();
    else if (r < 0.58) await this.addTap();
    else if (r < 0.7) await this.addText();
    else if (r < 0.86) await this.checkout();
    else if (r < 0.95) await this.redeliver();
    else await this.duplicateAtOnce();
    await this.think();
  }
}

/** Waits for `count` arrivals, or `timeoutMs` after the first one, whichever comes first. */
export class Barrier {
  private arrived = 0;
  private release!: () => void;
  readonly opened: Promise<void>;
  constructor(
    private readonly count: number,
    private readonly timeoutMs: number,
  ) {
    this.opened = new Promise((r) => {
      this.release = r;
    });
  }
  arrive(): Promise<void> {
    if (this.arrived++ === 0) {
      const timer = setTimeout(() => this.release(), this.timeoutMs);
      void this.opened.then(() => clearTimeout(timer));
    }
    if (this.arrived >= this.count) this.release();
    return this.opened;
  }
}
