/**
 * DynamoDB request units per turn, counted at the client: a middleware asks every data-plane command for
 * `ReturnConsumedCapacity: "TOTAL"` and sums what comes back (an object, or an array for the batch and
 * transaction commands), split into read and write units by command.
 *
 * DynamoDB Local reports capacity for single-item and batch commands and a Query (checked: a 2.5 KB put is
 * 3 units, an eventually consistent get ½, a strongly consistent one 1), but not the doubled units of a
 * transaction, and nothing for a write whose condition failed. Those are computed from item sizes instead,
 * with DynamoDB's rules: a transactional write 2 write units per KB, a transactional read (TransactGetItems,
 * and a ConditionCheck inside TransactWriteItems) 2 read units per 4 KB, a failed conditional write 1 unit per KB of the item it would
 * have written (AWS bills it). The size of an updated, deleted or checked item is read after the turn with a
 * second client that nobody counts (outside the clock); a deleted item counts as 1 KB.
 */
import { type DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";

const READS = new Set(["GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"]);
const WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"]);
const SINGLE_WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem"]);

/** A marshalled DynamoDB attribute value ({ S: "…" }, { N: "1" }, { M: {…} } …). */
type AttributeValue = Record<string, unknown>;

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

/** Bytes of a number attribute: about one per two significant digits, plus one. */
function numberSize(n: string): number {
  const digits = n
    .replace(/^[-+]/, "")
    .replace(/e.*$/i, "")
    .replace(".", "")
    .replace(/^0+/, "")
    .replace(/0+$/, "");
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** Size of one attribute value, with DynamoDB's item size rules. */
export function valueSize(v: AttributeValue): number {
  const [type, value] = Object.entries(v)[0] ?? ["NULL", true];
  switch (type) {
    case "S":
      return utf8(String(value));
    case "N":
      return numberSize(String(value));
    case "B":
      return typeof value === "string" ? Buffer.from(value, "base64").length : (value as Uint8Array).length;
    case "BOOL":
    case "NULL":
      return 1;
    case "SS":
      return (value as string[]).reduce((a, s) => a + utf8(s), 0);
    case "NS":
      return (value as string[]).reduce((a, s) => a + numberSize(s), 0);
    case "BS":
      return (value as string[]).reduce((a, s) => a + Buffer.from(s, "base64").length, 0);
    case "L":
      return 3 + (value as AttributeValue[]).reduce((a, e) => a + 1 + valueSize(e), 0);
    case "M":
      return (
        3 +
        Object.entries(value as Record<string, AttributeValue>).reduce(
          (a, [k, e]) => a + 1 + utf8(k) + valueSize(e),
          0,
        )
      );
    default:
      return 0;
  }
}

/** Size of a marshalled item: attribute names plus values. */
export const itemSize = (item: Record<string, AttributeValue>): number =>
  Object.entries(item).reduce((a, [k, v]) => a + utf8(k) + valueSize(v), 0);

/** Write units of writing `bytes` (1 KB each, at least 1). */
export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));
/** Strongly consistent read units of `bytes` (4 KB each, at least 1). */
export const readUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 4096));

export interface Capacity {
  /** read request units */
  read: number;
  /** write request units */
  write: number;
  /** of which computed from item sizes (transactions, failed conditional writes) */
  computed: { read: number; write: number };
  /** what DynamoDB Local itself reported for the transactions (for the note) */
  localReportedTransactions: number;
  /** units by command */
  byCommand: Record<string, number>;
}

export interface CapacityMeter {
  /** reads the sizes still needed (uncounted client), then returns the units since the last reset */
  take(): Promise<Capacity>;
  reset(): void;
}

interface Pending {
  command: string;
  kind: "read" | "write";
  key: Record<string, AttributeValue>;
  table: string;
}

const unitsOf = (c: unknown): number =>
  Array.isArray(c)
    ? c.reduce((a, x) => a + unitsOf(x), 0)
    : typeof (c as { CapacityUnits?: unknown })?.CapacityUnits === "number"
      ? (c as { CapacityUnits: number }).CapacityUnits
      : 0;

/** The serialized JSON request (a string, or the SDK's byte adapter of one). */
function parseBody(request: unknown): Record<string, unknown> | undefined {
  const body = (request as { body?: unknown } | undefined)?.body;
  const text =
    typeof body === "string"
      ? body
      : body instanceof Uint8Array
        ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8")
        : undefined;
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Meters `client` (and every document client built on it). `sizer` is a second client on the same endpoint
 * that reads item sizes after the turn; it must not be metered or counted.
 */
export function meterCapacity(client: DynamoDBClient, sizer: DynamoDBClient): CapacityMeter {
  let c = empty();
  let pending: Pending[] = [];
  function empty(): Capacity {
    return {
      read: 0,
      write: 0,
      computed: { read: 0, write: 0 },
      localReportedTransactions: 0,
      byCommand: {},
    };
  }
  const add = (command: string, kind: "read" | "write", units: number, computed: boolean) => {
    c[kind] += units;
    if (computed) c.computed[kind] += units;
    c.byCommand[command] = (c.byCommand[command] ?? 0) + units;
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? "").replace(/Command$/, "");
      if (READS.has(name) || WRITES.has(name)) {
        const input = args.input as { ReturnConsumedCapacity?: string };
        input.ReturnConsumedCapacity ??= "TOTAL";
      }
      return next(args);
    },
    { step: "initialize", name: "benchConsumedCapacity", priority: "high" },
  );
  // Deserialize step: below the retries (once per attempt, as AWS bills), with the serialized request at hand.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? "").replace(/Command$/, "");
      if (!READS.has(name) && !WRITES.has(name)) return next(args);
      const body =
        name === "TransactWriteItems" || name === "TransactGetItems" || SINGLE_WRITES.has(name)
          ? parseBody((args as { request?: unknown }).request)
          : undefined;
      let result: Awaited<ReturnType<typeof next>>;
      try {
        result = await next(args);
      } catch (e) {
        if ((e as Error).name === "ConditionalCheckFailedException" && SINGLE_WRITES.has(name)) {
          const item = body?.Item as Record<string, AttributeValue> | undefined;
          add(name, "write", item ? writeUnits(itemSize(item)) : 1, true);
        }
        throw e;
      }
      const reported = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      if (name === "TransactWriteItems" || name === "TransactGetItems") {
        c.localReportedTransactions += unitsOf(reported);
        const items = (body?.TransactItems ?? []) as Array<Record<string, Record<string, unknown>>>;
        for (const action of items) {
          const [type, spec] = Object.entries(action)[0] ?? [];
          if (!type || !spec) continue;
          if (type === "Put") {
            add(name, "write", 2 * writeUnits(itemSize(spec.Item as Record<string, AttributeValue>)), true);
          } else {
            // a ConditionCheck reads the item (transactional read units), the other actions write it
            pending.push({
              command: name,
              kind: name === "TransactGetItems" || type === "ConditionCheck" ? "read" : "write",
              key: spec.Key as Record<string, AttributeValue>,
              table: String(spec.TableName),
            });
          }
        }
      } else {
        add(name, READS.has(name) ? "read" : "write", unitsOf(reported), false);
      }
      return result;
    },
    { step: "deserialize", name: "benchConsumedCapacityOut", priority: "high" },
  );
  return {
    async take() {
      for (const p of pending) {
        const res = await sizer.send(
          new GetItemCommand({ TableName: p.table, Key: p.key as never, ConsistentRead: true }),
        );
        const bytes = res.Item ? itemSize(res.Item as unknown as Record<string, AttributeValue>) : 1024;
        add(p.command, p.kind, 2 * (p.kind === "read" ? readUnits(bytes) : writeUnits(bytes)), true);
      }
      pending = [];
      return c;
    },
    reset() {
      c = empty();
      pending = [];
    },
  };
}
