/**
 * Short order ids a shopper can read out or type: `CC-` and six characters of an alphabet without the
 * look-alikes I, L, O, U (and no 0/1), so "CC-7K3F9Q" survives being copied by hand. 30^6 ≈ 729 million ids;
 * the order's conditional put catches the rare collision and a new id is drawn.
 */
import { randomInt } from "node:crypto";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 6;

export const ORDER_ID_PATTERN = /^CC-[2-9A-HJKMNP-TV-Z]{6}$/;

export function newOrderId(random: (max: number) => number = randomInt): string {
  let id = "CC-";
  for (let i = 0; i < LENGTH; i++) id += ALPHABET[random(ALPHABET.length)];
  return id;
}

/** `cc7k3f9q`, `CC 7K3F9Q`, `cc-7k3f9q` → `CC-7K3F9Q`; undefined when it is not an order id. */
export function normalizeOrderId(text: string): string | undefined {
  const m = /^\s*cc[\s-]?([0-9a-z]{6})\s*$/i.exec(text);
  if (!m?.[1]) return undefined;
  const id = `CC-${m[1].toUpperCase()}`;
  return ORDER_ID_PATTERN.test(id) ? id : undefined;
}
