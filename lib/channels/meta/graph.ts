/**
 * The Graph API client: `POST {graph}/{accountId}/messages` (and other edges of a page or number, such as
 * `pass_thread_control`) with the shop's token. Each attempt has a
 * timeout; 429, 5xx and network errors are retried with exponential backoff and full jitter while the
 * caller's deadline allows; other 4xx are final (a retry would fail the same way).
 *
 * Send once: the caller's deadline only decides whether an attempt starts. An attempt that has started runs
 * until Graph answers, its own timeout or the caller's cutoff, so a reply Graph accepts late is seen as sent,
 * not sent again. An attempt given up in flight is not retried here: Graph may have taken it (it has no
 * idempotency key). It is answered `uncertain`, and the caller's outbox waits for Meta's echo or status of the
 * message before it sends it again (lib/channels/meta/sender.ts, docs/outbound.md "Send once").
 */
import type { GraphBody } from "../types";

export interface SendOptions {
  /** epoch ms after which no attempt starts */
  deadline?: number;
  /**
   * epoch ms at which an attempt in progress is given up (a webhook must answer Meta within 3 s); without it an
   * attempt runs to its own timeout. A reply given up this way is `uncertain`: the outbox holds it until Meta's
   * echo or status says whether Graph took it (docs/decisions.md, "Send once").
   */
  cutoff?: number;
}

export type SendResult =
  | { ok: true; status: number; response: unknown }
  | {
      ok: false;
      retryable: boolean;
      status?: number;
      error: string;
      /** the request was sent and given up before Graph answered: Graph may have taken it */
      uncertain?: boolean;
    };

export interface GraphClient {
  /** `POST {graph}/{accountId}/messages` */
  send(accountId: string, token: string, body: GraphBody, opts?: SendOptions): Promise<SendResult>;
  /** `POST {graph}/{accountId}/{edge}`, e.g. `pass_thread_control`; same timeouts and retries as `send` */
  post(
    accountId: string,
    edge: string,
    token: string,
    body: GraphBody,
    opts?: SendOptions,
  ): Promise<SendResult>;
}

export interface GraphClientOptions {
  baseUrl: string;
  /** per attempt */
  timeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  fetchImpl?: typeof fetch;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** per attempt: longer than a slow Graph answer (seconds), shorter than the function's 10 s with the turn */
export const DEFAULT_TIMEOUT_MS = 5000;

/** Network errors (undici's `cause.code`) that happen before a request is sent. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createGraphClient(opts: GraphClientOptions): GraphClient {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = opts.maxAttempts ?? 3;
  const baseDelay = opts.baseDelayMs ?? 200;
  const doFetch = opts.fetchImpl ?? fetch;
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? realSleep;

  async function attempt(url: string, token: string, body: GraphBody, timeout: number): Promise<SendResult> {
    try {
      const res = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeout),
      });
      const text = await res.text();
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {
        // keep the text
      }
      if (res.ok) return { ok: true, status: res.status, response: json };
      const retryable = res.status === 429 || res.status >= 500;
      const message =
        (json as { error?: { message?: string } } | undefined)?.error?.message ?? text.slice(0, 200) ?? "";
      return { ok: false, retryable, status: res.status, error: `graph ${res.status}: ${message}` };
    } catch (e) {
      const name = (e as Error).name;
      if (name === "TimeoutError")
        return { ok: false, retryable: true, error: "graph timeout", uncertain: true };
      const code = (e as { cause?: { code?: unknown } }).cause?.code;
      // no connection was made: the request never left, so trying again cannot double it
      if (typeof code === "string" && NOT_SENT_CODES.has(code))
        return { ok: false, retryable: true, error: `graph ${code}` };
      // the connection broke with the request out (reset, closed): Graph may have taken it
      return {
        ok: false,
        retryable: true,
        error: `graph ${typeof code === "string" ? code : name}`,
        uncertain: true,
      };
    }
  }

  async function post(
    accountId: string,
    edge: string,
    token: string,
    body: GraphBody,
    sendOpts?: SendOptions,
  ): Promise<SendResult> {
    if (!/^[a-z_]+$/.test(edge)) throw new Error(`graph: not an edge name: ${edge}`);
    const url = `${opts.baseUrl}/${encodeURIComponent(accountId)}/${edge}`;
    const deadline = sendOpts?.deadline ?? Number.POSITIVE_INFINITY;
    let last: SendResult = {
      ok: false,
      retryable: true,
      error: "deadline passed before the first attempt",
    };
    for (let i = 0; i < maxAttempts; i++) {
      const left = deadline - Date.now();
      if (left < 50) break;
      // an attempt in progress is given up at the cutoff (the webhook must answer Meta in time)
      const cut = (sendOpts?.cutoff ?? Number.POSITIVE_INFINITY) - Date.now();
      last = await attempt(url, token, body, Math.max(1, Math.min(timeoutMs, cut)));
      if (last.ok || !last.retryable || last.uncertain) return last;
      // Full jitter: a random wait up to the exponential cap spreads retries of many containers.
      const wait = Math.floor(random() * baseDelay * 2 ** i);
      if (i + 1 < maxAttempts && Date.now() + wait < deadline - 50) await sleep(wait);
      else break;
    }
    return last;
  }

  return {
    send: (accountId, token, body, sendOpts) => post(accountId, "messages", token, body, sendOpts),
    post,
  };
}
