/**
 * The WhatsApp commands Chatcart sets (lib/welcome/surfaces.ts): a shopper who picks one sends `/name` as text,
 * which the router reads as the button it stands for. Pure.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/phone-numbers/conversational-components
 */
import { formatPayload, type Payload } from "../turn/payloads";

/** command name → the payload it stands for, in the order WhatsApp lists them */
export const COMMANDS: ReadonlyArray<{ name: string; payload: Payload }> = [
  { name: "browse", payload: { kind: "browse" } },
  { name: "cart", payload: { kind: "cart" } },
  { name: "order", payload: { kind: "orders" } },
  { name: "human", payload: { kind: "human" } },
];

/** The payload of a command the shopper sent (`/cart`), as text; undefined for anything else. */
export function commandPayload(text: string | undefined): string | undefined {
  const m = /^\/([a-z_]{1,32})\s*$/i.exec(text?.trim() ?? "");
  if (!m) return undefined;
  const found = COMMANDS.find((c) => c.name === m[1]?.toLowerCase());
  return found ? formatPayload(found.payload) : undefined;
}
