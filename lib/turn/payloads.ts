/**
 * Every button payload the bot sends and reads (Messenger postbacks and quick replies, WhatsApp reply buttons
 * and list rows), in one place: a typed {@link Payload}, {@link formatPayload} to put it on a button and
 * {@link parsePayload} to read it back. No payload literal is written anywhere else.
 *
 * Payloads are short ASCII strings `KIND[:arg…]`: Meta limits a postback payload to 1,000 characters and a
 * WhatsApp reply button id to 256. Product, order and group ids never hold a colon (lib/catalog/schema.ts
 * `ID_PATTERN`, lib/orders/ids.ts), so arguments are split on it; a category may, so it is always last.
 */

export type Payload =
  /** add a product (a card's "Add to cart") */
  | { kind: "add"; productId: string; quantity?: number }
  /** the colour or size chosen so far for a product with variants */
  | { kind: "pick"; group: string; quantity: number; color?: string; size?: string }
  /** take back an add ("Added … · Undo"): `quantity` of the product out again */
  | { kind: "undoAdd"; productId: string; quantity: number }
  /** "No" to "Add 2 × Linen Shirt (Blue · M)?" */
  | { kind: "addNo" }
  | { kind: "cart" }
  | { kind: "editCart" }
  | { kind: "increment"; productId: string }
  | { kind: "decrement"; productId: string }
  | { kind: "removeLine"; productId: string }
  | { kind: "clearCart" }
  | { kind: "checkout" }
  | { kind: "lastAddress" }
  | { kind: "newAddress" }
  | { kind: "pay"; method: string }
  /** the summary of cart revision `rev` confirmed */
  | { kind: "confirm"; rev: number }
  | { kind: "stopCheckout" }
  | { kind: "orders" }
  | { kind: "cancel"; orderId: string }
  | { kind: "cancelYes"; orderId: string }
  | { kind: "cancelNo"; orderId: string }
  /** the category list, from the `from`-th category on (its "More" button pages through every category) */
  | { kind: "browse"; from?: number }
  | { kind: "category"; category: string }
  | { kind: "product"; productId: string }
  | { kind: "more"; productId: string }
  | { kind: "human" }
  /** the shopper waiting for a person goes back to the bot (lib/handover/waiting.ts) */
  | { kind: "bot" }
  /** the placeholder of Messenger's phone-number quick reply (Meta sends the number itself back) */
  | { kind: "phone" }
  /** Messenger's Get Started button */
  | { kind: "getStarted" }
  | { kind: "rate"; orderId: string; productId: string; stars: number }
  | { kind: "reviewSkip"; orderId: string; productId: string };

export type PayloadKind = Payload["kind"];

/** The wire name of each kind. */
const NAMES = {
  add: "ADD",
  pick: "PICK",
  undoAdd: "UNDO",
  addNo: "ADDNO",
  cart: "CART",
  editCart: "EDIT",
  increment: "INC",
  decrement: "DEC",
  removeLine: "DEL",
  clearCart: "CLEAR",
  checkout: "CHECKOUT",
  lastAddress: "ADDR:LAST",
  newAddress: "ADDR:NEW",
  pay: "PAY",
  confirm: "CONFIRM",
  stopCheckout: "STOPCHECKOUT",
  orders: "ORDERS",
  cancel: "CANCEL",
  cancelYes: "CANCELYES",
  cancelNo: "CANCELNO",
  browse: "BROWSE",
  category: "CAT",
  product: "PRODUCT",
  more: "MORE",
  human: "HUMAN",
  bot: "BOT",
  phone: "PHONE",
  getStarted: "GET_STARTED",
  rate: "RATE",
  reviewSkip: "REVIEWSKIP",
} as const satisfies Record<PayloadKind, string>;

/** The string to put on a button. */
export function formatPayload(p: Payload): string {
  const name = NAMES[p.kind];
  switch (p.kind) {
    case "add":
      return p.quantity && p.quantity > 1 ? `${name}:${p.productId}:${p.quantity}` : `${name}:${p.productId}`;
    case "pick":
      return `${name}:${p.group}:${p.quantity}:${p.color ?? ""}:${p.size ?? ""}`;
    case "increment":
    case "decrement":
    case "removeLine":
    case "product":
    case "more":
      return `${name}:${p.productId}`;
    case "undoAdd":
      return `${name}:${p.productId}:${p.quantity}`;
    case "pay":
      return `${name}:${p.method}`;
    case "confirm":
      return `${name}:${p.rev}`;
    case "cancel":
    case "cancelYes":
    case "cancelNo":
      return `${name}:${p.orderId}`;
    case "category":
      return `${name}:${p.category}`;
    case "browse":
      return p.from ? `${name}:${p.from}` : name;
    case "rate":
      return `${name}:${p.orderId}:${p.productId}:${p.stars}`;
    case "reviewSkip":
      return `${name}:${p.orderId}:${p.productId}`;
    default:
      return name;
  }
}

const BY_NAME = new Map<string, PayloadKind>(
  Object.entries(NAMES).map(([kind, name]) => [name, kind as PayloadKind]),
);

const positive = (s: string | undefined): number | undefined => {
  const n = Number(s);
  return s && Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The payload read, or undefined for a string that is not one of ours (or is malformed). */
export function parsePayload(raw: string): Payload | undefined {
  if (raw.length > 1000) return undefined;
  const whole = BY_NAME.get(raw);
  if (whole) {
    const p = { kind: whole } as Payload;
    // kinds with arguments need them
    return formatPayload(p) === raw ? p : undefined;
  }
  const i = raw.indexOf(":");
  if (i < 0) return undefined;
  const kind = BY_NAME.get(raw.slice(0, i));
  const rest = raw.slice(i + 1);
  const args = rest.split(":");
  const [a = "", b, c, d] = args;
  switch (kind) {
    case "add":
      if (!a || args.length > 2) return undefined;
      return { kind, productId: a, ...(positive(b) ? { quantity: positive(b) } : {}) };
    case "pick":
      if (!a || args.length > 4) return undefined;
      return {
        kind,
        group: a,
        quantity: positive(b) ?? 1,
        ...(c ? { color: c } : {}),
        ...(d ? { size: d } : {}),
      };
    case "increment":
    case "decrement":
    case "removeLine":
    case "product":
    case "more":
      return a && args.length === 1 ? { kind, productId: a } : undefined;
    case "undoAdd":
      return a && args.length === 2 && positive(b)
        ? { kind, productId: a, quantity: positive(b) ?? 1 }
        : undefined;
    case "pay":
      return a && args.length === 1 ? { kind, method: a } : undefined;
    case "confirm": {
      const rev = Number(a);
      return /^\d+$/.test(a) && Number.isSafeInteger(rev) ? { kind, rev } : undefined;
    }
    case "cancel":
    case "cancelYes":
    case "cancelNo":
      return a && args.length === 1 ? { kind, orderId: a } : undefined;
    case "category":
      return rest ? { kind, category: rest } : undefined;
    case "browse":
      return /^[1-9]\d{0,3}$/.test(a) && args.length === 1 ? { kind, from: Number(a) } : undefined;
    case "rate": {
      const stars = Number(c);
      return a && b && args.length === 3 && /^[1-5]$/.test(c ?? "")
        ? { kind, orderId: a, productId: b, stars }
        : undefined;
    }
    case "reviewSkip":
      return a && b && args.length === 2 ? { kind, orderId: a, productId: b } : undefined;
    default:
      return undefined;
  }
}
