/**
 * Order ids as shoppers type them: `CC-7K3F9Q`, `cc7k3f9q`, `CC 7K3F9Q`, `#CC-7K3F9Q`, `ＣＣ－７Ｋ３Ｆ９Ｑ`. The
 * alphabet is lib/orders/ids.ts's (digits 2–9 and letters without I, L, O, U), so every id found here passes
 * its `ORDER_ID_PATTERN`; a unit test holds the two together. The tokenizer splits such an id into digits and
 * single letters (a quantity "7", a word "k" …), so `understand` takes it out of the text first.
 */

/**
 * `CC`, a dash (ASCII, en dash, or a full-width one folded by NFKC), nothing, or a space, then six characters
 * of the alphabet; not inside a longer Latin word or number (Chinese and Arabic may touch it:
 * "取消订单CC-7K3F9Q"). After a space the six characters must hold a digit: "cc street" is not an order.
 */
const ORDER_ID_RE = /(?<![a-z0-9])cc(?:[-\u2013]|\s(?=[a-z]*[2-9]))?([2-9a-hjkmnp-tv-z]{6})(?![a-z0-9])/i;

function match(normalized: string): { id: string; start: number; end: number } | undefined {
  const m = ORDER_ID_RE.exec(normalized);
  const body = m?.[1];
  if (!m || !body) return undefined;
  return { id: `CC-${body.toUpperCase()}`, start: m.index, end: m.index + m[0].length };
}

/** The first order id in `text`, normalised to `CC-XXXXXX` (upper case, with the dash). */
export function findOrderId(text: string): string | undefined {
  return match(text.normalize("NFKC"))?.id;
}

/**
 * The text with its order id replaced by a six-digit number: the classifier then sees what it sees in
 * "cancel order 10432" (a number, and never a quantity: quantities have at most three digits), and the
 * language detector is not swayed by the id's Latin letters in an Arabic or Chinese message.
 */
export function maskOrderId(text: string): { text: string; orderId?: string } {
  if (!/cc/i.test(text) && !/[\uFF21-\uFF5A]/.test(text)) return { text };
  const normalized = text.normalize("NFKC");
  const m = match(normalized);
  if (!m) return { text };
  return { text: `${normalized.slice(0, m.start)} 000000 ${normalized.slice(m.end)}`, orderId: m.id };
}
