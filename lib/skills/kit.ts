/**
 * What the shopping skills share: wording in the shopper's language, money, product titles, pricing a cart,
 * and the buttons that follow a cart change. Pure.
 */

import { type PricedCart, priceCart } from "../cart/pricing";
import type { Product } from "../catalog/types";
import { formatMoney, productTitle } from "../content/format";
import { type Choice, categoryChoices } from "../content/replies";
import { type MessageKey, t } from "../i18n";
import type { Address, Cart } from "../model/cart";
import { formatPayload } from "../turn/payloads";
import { replyContext, type SkillContext, type SkillResult } from "../turn/skill";

export const say = (c: SkillContext, key: MessageKey, params: Record<string, string> = {}): string =>
  t(c.locale, key, params, c.shop.settings.defaultLocale);

export const money = (c: SkillContext, amount: number, currency = c.shop.settings.currency): string =>
  formatMoney({ amount, currency }, c.locale);

const variantsOf = (c: SkillContext, p: Product) =>
  c.shop.catalogue.byGroup.get(p.groupId ?? p.id)?.length ?? 1;

export const title = (c: SkillContext, p: Product): string =>
  productTitle(p, c.locale, c.shop.settings.defaultLocale, variantsOf(c, p) !== 1);

export const titleOf = (c: SkillContext, productId: string): string => {
  const p = c.shop.catalogue.byId.get(productId);
  return p ? title(c, p) : productId;
};

export const price = (
  c: SkillContext,
  lines: Cart["lines"],
  products: ReadonlyMap<string, Product> = c.shop.catalogue.byId,
): PricedCart =>
  priceCart(lines, products, {
    locale: c.locale,
    fallback: c.shop.settings.defaultLocale,
    currency: c.shop.settings.currency,
    variantsOf: (p) => variantsOf(c, p),
  });

/** "Cart: 1 item, $39.00" / "Cart: 3 items, $117.00". */
export const cartSummary = (c: SkillContext, count: number, total: string): string =>
  count === 1
    ? say(c, "cart.summary.one", { total })
    : say(c, "cart.summary", { count: String(count), total });

/** Checkout, view the cart, keep shopping. */
export const cartChoices = (c: SkillContext): Choice[] => [
  { title: say(c, "choice.checkout"), payload: formatPayload({ kind: "checkout" }) },
  { title: say(c, "choice.cart"), payload: formatPayload({ kind: "cart" }) },
  { title: say(c, "choice.keepShopping"), payload: formatPayload({ kind: "browse" }) },
];

/** "Your cart is empty", with the categories to start from. */
export const emptyCart = (c: SkillContext): SkillResult => ({
  reply: { text: say(c, "cart.empty"), choices: categoryChoices(replyContext(c)) },
});

/** One line per cart line: "2 × Linen Shirt: $78.00". */
export const cartLines = (c: SkillContext, priced: PricedCart): string =>
  priced.items
    .map((l) =>
      say(c, "cart.line", {
        quantity: String(l.quantity),
        title: l.title,
        total: money(c, l.lineTotal.amount, l.lineTotal.currency),
      }),
    )
    .join("\n");

/** The button that stops a checkout. */
export const stopChoice = (c: SkillContext): Choice => ({
  title: say(c, "choice.cancel"),
  payload: formatPayload({ kind: "stopCheckout" }),
});

export function addressText(address: Address | undefined): string {
  if (!address) return "";
  if (address.text) return address.text;
  if (address.latitude !== undefined && address.longitude !== undefined) {
    return `${address.latitude.toFixed(5)}, ${address.longitude.toFixed(5)}`;
  }
  return "";
}
