/**
 * The shopper's cart as a turn changes it, in memory (pure: no DynamoDB). The turn loads the cart once, the
 * skills add, remove and collect checkout answers here, and the turn's single commit writes the difference
 * (lib/store/turn.ts), conditional on the revision that was loaded: a concurrent turn of the same shopper
 * makes the commit fail and the turn run again on the fresh cart, so no line is ever lost.
 *
 * Revisions: a turn that changes the lines makes one new revision (`rev + 1`); a cart that did not exist, or
 * whose time ran out, starts above every revision it could have had (the clock in ms), because the order
 * markers (`PLACED#{rev}`) outlive carts and a new cart must never reuse the number of an ordered one.
 * Collecting checkout answers does not change the revision (the summary names it).
 */
import { AppError } from "../errors";
import { type Cart, type CartLine, type CheckoutState, MAX_LINE_QUANTITY } from "../model/cart";

/** What the commit needs to write the cart back. */
export interface CartChange {
  /** the cart as loaded (its item's revision, 0 when there was none, and whether the item existed) */
  loaded: { rev: number; exists: boolean; lineIds: string[] };
  /** the cart now */
  cart: Cart;
  /** the lines changed (true) or only the checkout (false) */
  linesChanged: boolean;
  /** the item's remaining lines to remove (gone from the cart, or the expired item's old lines) */
  removed: string[];
}

export class CartDraft {
  private lines: Map<string, CartLine>;
  private rev: number;
  private checkout: CheckoutState | undefined;
  private linesChanged = false;
  private checkoutChanged = false;
  /** an order's transaction emptied the cart: the turn must not write it again */
  private replaced = false;

  /**
   * @param loaded the cart as read (an expired cart reads as empty, with its old revision)
   * @param exists whether the item exists in the table (even expired)
   * @param storedLineIds every `line#` the stored item holds (an expired item's too), so the commit removes
   *   what is no longer in the cart
   */
  constructor(
    private readonly loaded: Cart,
    private readonly exists: boolean,
    private readonly storedLineIds: readonly string[],
    private readonly expired = false,
  ) {
    this.lines = new Map(loaded.lines.map((l) => [l.productId, { ...l }]));
    this.rev = loaded.rev;
    this.checkout = loaded.checkout ? structuredClone(loaded.checkout) : undefined;
  }

  /** The cart as it stands in this turn. */
  view(): Cart {
    const lines = [...this.lines.values()].sort(
      (a, b) => a.addedAt.localeCompare(b.addedAt) || a.productId.localeCompare(b.productId),
    );
    return {
      ...this.loaded,
      lines: lines.map((l) => ({ ...l })),
      rev: this.rev,
      ...(this.checkout ? { checkout: structuredClone(this.checkout) } : { checkout: undefined }),
    };
  }

  quantityOf(productId: string): number {
    return this.lines.get(productId)?.quantity ?? 0;
  }

  private touch(now: Date): void {
    if (this.linesChanged) return;
    this.linesChanged = true;
    this.rev =
      !this.exists || this.expired ? Math.max(this.loaded.rev, now.getTime()) + 1 : this.loaded.rev + 1;
  }

  /** Adds `quantity` of a product; a line may not pass {@link MAX_LINE_QUANTITY} (`cart.max_quantity`). */
  add(productId: string, quantity: number, now: Date): Cart {
    if (!Number.isInteger(quantity) || quantity < 1) {
      throw new AppError("request.invalid", "The quantity must be a positive whole number.");
    }
    const line = this.lines.get(productId);
    if ((line?.quantity ?? 0) + quantity > MAX_LINE_QUANTITY) {
      throw new AppError("cart.max_quantity", `At most ${MAX_LINE_QUANTITY} of one product.`);
    }
    this.touch(now);
    if (line) line.quantity += quantity;
    else this.lines.set(productId, { productId, quantity, addedAt: now.toISOString() });
    return this.view();
  }

  /** Sets a line's quantity; 0 removes the line. */
  set(productId: string, quantity: number, now: Date): Cart {
    if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_LINE_QUANTITY) {
      throw new AppError(
        "request.invalid",
        `The quantity must be a whole number from 0 to ${MAX_LINE_QUANTITY}.`,
      );
    }
    const line = this.lines.get(productId);
    if (quantity === 0) {
      if (!line) return this.view();
      this.touch(now);
      this.lines.delete(productId);
      return this.view();
    }
    this.touch(now);
    if (line) line.quantity = quantity;
    else this.lines.set(productId, { productId, quantity, addedAt: now.toISOString() });
    return this.view();
  }

  /** Takes one off a line; the last one removes it. */
  decrement(productId: string, now: Date): Cart {
    const q = this.quantityOf(productId);
    if (q === 0) return this.view();
    return this.set(productId, q - 1, now);
  }

  /** Empties the cart and ends a checkout in progress; the revision goes on counting. */
  clear(now: Date): Cart {
    this.touch(now);
    this.lines.clear();
    this.setCheckout(undefined);
    return this.view();
  }

  /** Saves the checkout in progress (no new revision); `undefined` ends it. */
  setCheckout(state: CheckoutState | undefined): void {
    this.checkout = state ? structuredClone(state) : undefined;
    this.checkoutChanged = true;
  }

  /** An order was placed for this cart in its own transaction (which emptied it and moved the revision). */
  ordered(): void {
    this.replaced = true;
    this.lines.clear();
    this.checkout = undefined;
    this.rev = this.loaded.rev + 1;
  }

  /** Gives up this turn's changes (the cart changed under it); the order's emptying, if any, stays. */
  discard(): void {
    this.linesChanged = false;
    this.checkoutChanged = false;
  }

  /** What the commit writes; undefined when nothing changed (or an order's transaction already wrote it). */
  change(): CartChange | undefined {
    if (this.replaced || (!this.linesChanged && !this.checkoutChanged)) return undefined;
    if (!this.linesChanged && !this.exists) return undefined;
    const cart = this.view();
    const keep = new Set(cart.lines.map((l) => l.productId));
    return {
      loaded: { rev: this.loaded.rev, exists: this.exists, lineIds: [...this.storedLineIds] },
      cart,
      linesChanged: this.linesChanged,
      removed: this.storedLineIds.filter((id) => !keep.has(id)),
    };
  }
}
