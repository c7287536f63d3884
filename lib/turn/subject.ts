/**
 * The subject: the product (and variant) under discussion, kept in the dialog state between turns, so a
 * follow-up without a product ("do you have it in M? white", "is it cotton?", "xxl?", "actually make it 2",
 * "有白色的吗", "ada ukuran L?") is read against it. Pure.
 */
import type { ShopData } from "../catalog/cache";
import type { Understanding } from "../nlu";

/** Intents a follow-up about the subject may carry (a new product, a category or an order is not one). */
const FOLLOW_UPS = new Set(["product_question", "add_to_cart", "unknown", "remove_from_cart"]);

/**
 * The message read against the subject: the subject's item becomes the product when the message names none
 * but asks about a size, colour, material, price or stock, or gives only a quantity. Undefined: no change.
 */
export function withSubject(
  meaning: Understanding,
  subject: string | undefined,
  shop: ShopData,
): Understanding | undefined {
  if (!subject || meaning.product || meaning.category || meaning.orderId) return undefined;
  if (!FOLLOW_UPS.has(meaning.intent)) return undefined;
  const p = shop.catalogue.byId.get(subject);
  if (!p) return undefined;
  const { color, size } = meaning.attributes;
  const about =
    meaning.questionKind !== undefined ||
    color !== undefined ||
    size !== undefined ||
    meaning.intent === "product_question";
  const onlyQuantity = meaning.quantity !== undefined && meaning.intent === "unknown";
  if (!about && !onlyQuantity && !meaning.anaphor) return undefined;
  const group = p.groupId ?? p.id;
  const variants = shop.catalogue.byGroup.get(group) ?? [p];
  const fits = variants.filter(
    (v) =>
      (!color || v.attributes.color?.toLowerCase() === color.toLowerCase()) &&
      (!size || v.attributes.size?.toLowerCase() === size.toLowerCase()),
  );
  const productId =
    color || size ? (fits.length === 1 ? fits[0]?.id : undefined) : variants.length === 1 ? p.id : undefined;
  // "actually make it 2": a quantity alone is an order line for the subject, asked back before acting
  const quantityOnly = onlyQuantity && !about;
  const intent =
    meaning.intent === "unknown" ? (quantityOnly ? "add_to_cart" : "product_question") : meaning.intent;
  return {
    ...meaning,
    intent,
    confidence: Math.max(meaning.confidence, 0.6),
    ...(quantityOnly ? { confirm: true, setQuantity: true } : {}),
    ...(intent === "product_question" && !meaning.questionKind
      ? { questionKind: color || size ? ("stock" as const) : ("description" as const) }
      : {}),
    product: {
      ...(productId ? { productId } : {}),
      ...(p.groupId ? { groupId: p.groupId } : {}),
      score: 1,
      candidates: (fits.length > 0 ? fits : variants).map((v) => v.id),
    },
  };
}
