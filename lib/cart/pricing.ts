/**
 * A cart priced from our own catalogue (never from a platform payload): lines with unit price and line total,
 * the total, and the lines that cannot be bought as they are (gone, sold out, fewer left, another currency).
 * Pure: the catalogue passed in is what the caller trusts (the cached one for showing, fresh reads for orders).
 */
import type { Money, Product } from "../catalog/types";
import { productTitle } from "../content/format";
import type { Locale } from "../i18n";
import type { PricedLine } from "../orders/types";
import type { CartLine } from "../store/carts";

export interface PricedCart {
  items: PricedLine[];
  total: Money;
  /** number of pieces */
  count: number;
  problems: CartProblem[];
}

export interface CartProblem {
  productId: string;
  /** title when the product still exists */
  title?: string;
  reason: "missing" | "out_of_stock" | "short" | "currency";
  available?: number;
}

export function priceCart(
  lines: CartLine[],
  products: ReadonlyMap<string, Product>,
  opts: { locale: Locale; fallback: Locale; currency: string; variantsOf?: (p: Product) => number },
): PricedCart {
  const items: PricedLine[] = [];
  const problems: CartProblem[] = [];
  let amount = 0;
  let count = 0;
  for (const line of lines) {
    const p = products.get(line.productId);
    if (!p) {
      problems.push({ productId: line.productId, reason: "missing" });
      continue;
    }
    const title = productTitle(p, opts.locale, opts.fallback, opts.variantsOf?.(p) !== 1);
    if (p.price.currency !== opts.currency) {
      problems.push({ productId: p.id, title, reason: "currency" });
      continue;
    }
    if (p.stock <= 0) problems.push({ productId: p.id, title, reason: "out_of_stock", available: 0 });
    else if (p.stock < line.quantity) {
      problems.push({ productId: p.id, title, reason: "short", available: p.stock });
    }
    const lineTotal = p.price.amount * line.quantity;
    amount += lineTotal;
    count += line.quantity;
    items.push({
      productId: p.id,
      title,
      quantity: line.quantity,
      unitPrice: { ...p.price },
      lineTotal: { amount: lineTotal, currency: p.price.currency },
    });
  }
  return { items, total: { amount, currency: opts.currency }, count, problems };
}
