/**
 * The abandoned-cart reminder (function `cartReminder`, every 5 minutes deployed). Reads the carts on the
 * reminder index oldest first, judges each (lib/reminders/rules.ts) and sends at most one reminder per cart:
 *
 * 1. a cart that will get no reminder (reminders off, empty, shopper said stop, a person has the
 *    conversation, the window closed or about to) leaves the index, so it is not read again;
 * 2. a due cart is claimed with a conditional write (`remindedAt` not set, `updatedAt` as read) that also
 *    takes it off the index, and only then is the reminder sent: two overlapping runs never both send;
 * 3. a cart the shopper changes afterwards is back on the index (lib/store/carts.ts clears `remindedAt`) and
 *    may be reminded again once it idles again.
 *
 * The reminder is a short text in the conversation's language with the cart's count and total and two
 * buttons the bot understands (`CART`, `CHECKOUT`), sent through the one outbound path (lib/outbound/send.ts)
 * and written to the transcript as the bot's. No botbuilder.
 * A send Meta refuses is logged and not retried (the claim stays): a reminder is not worth a second try.
 */

import { priceCart } from "../cart/pricing";
import type { ShopSettings } from "../catalog/types";
import type { ChannelId } from "../channels/types";
import { formatMoney } from "../content/format";
import { isLocale, t } from "../i18n";
import { log, maskId } from "../log";
import { type OutboundDeps, sendToShopper } from "../outbound/send";
import { type Conversation, getConversation } from "../store/conversations";
import { getProductsFresh } from "../store/orders";
import { claimReminder, dropFromReminders, type IdleCart, idleCarts } from "../store/reminders";
import { getSettings } from "../store/settings";
import { formatPayload } from "../turn/payloads";
import {
  type DropReason,
  judgeCart,
  judgeConversation,
  MIN_REMINDER_AFTER_MINUTES,
  reminderAfterMs,
} from "./rules";

/** index entries read per run (the not-yet-due ones are read again next run) */
export const MAX_READ = 500;
/** reminders sent per run, so a run stays well inside its timeout */
export const MAX_SEND = 100;
export type ReminderDeps = OutboundDeps;

export interface ReminderRunResult {
  read: number;
  sent: number;
  /** went to the outbox (Meta was slow) */
  queued: number;
  failed: number;
  waiting: number;
  /** another run (or a cart change) got there first */
  lost: number;
  dropped: Partial<Record<DropReason, number>>;
}

/** The reminder as an Activity-shaped message (text + two buttons), in the shopper's language. */
export function reminderMessage(
  count: number,
  total: string,
  locale: Parameters<typeof t>[0],
  fallback: Parameters<typeof t>[0],
) {
  return {
    type: "message",
    text: t(locale, "reminder.cart", { count: String(count), total }, fallback),
    suggestedActions: {
      to: [],
      actions: [
        {
          type: "postBack",
          title: t(locale, "choice.cart", {}, fallback),
          value: formatPayload({ kind: "cart" }),
        },
        {
          type: "postBack",
          title: t(locale, "choice.checkout", {}, fallback),
          value: formatPayload({ kind: "checkout" }),
        },
      ],
    },
  };
}

async function remind(
  deps: ReminderDeps,
  cart: IdleCart,
  conversation: Conversation,
  settings: ShopSettings,
  now: number,
): Promise<"sent" | "queued" | "failed" | "lost" | "empty" | "no_account"> {
  const channel = conversation.channel as ChannelId;
  const locale = isLocale(conversation.locale) ? conversation.locale : settings.defaultLocale;
  const products = await getProductsFresh(
    deps.db,
    cart.shopId,
    cart.lines.map((l) => l.productId),
  );
  const priced = priceCart(
    cart.lines.map((l) => ({ ...l, addedAt: "" })),
    products,
    { locale, fallback: settings.defaultLocale, currency: settings.currency },
  );
  if (priced.items.length === 0) return "empty";
  const account = conversation.accountId
    ? await deps.directory.find(channel, conversation.accountId)
    : await deps.directory.accountOf(cart.shopId, channel);
  if (!account || account.shopId !== cart.shopId) return "no_account";

  if (!(await claimReminder(deps.db, cart, new Date(now).toISOString()))) return "lost";

  const message = reminderMessage(
    priced.count,
    formatMoney(priced.total, locale),
    locale,
    settings.defaultLocale,
  );
  const result = await sendToShopper(deps, {
    shopId: cart.shopId,
    conversationId: cart.conversationId,
    purpose: "cart_reminder",
    author: "bot",
    locale,
    message: {
      text: message.text,
      choices: message.suggestedActions.actions.map((a) => ({ title: a.title, payload: a.value })),
    },
    kind: "reminder",
    // one per cart version: a retried run cannot enqueue the same reminder twice
    idPrefix: `remind#${cart.shopId}#${cart.conversationId}#${cart.updatedAt}`,
    now,
    // the rules already keep reminders inside the window; a refusal is only logged
    recordRefusal: false,
  });
  if (result.state === "not_sent") {
    log.warn("cart.reminder_failed", {
      shopId: cart.shopId,
      conversation: maskId(cart.conversationId),
      reason: result.reason,
    });
    return "failed";
  }
  return result.state;
}

/** One run: reminds every due cart (up to {@link MAX_SEND}), drops the ones that will get none. */
export async function sendCartReminders(deps: ReminderDeps, now = Date.now()): Promise<ReminderRunResult> {
  const result: ReminderRunResult = {
    read: 0,
    sent: 0,
    queued: 0,
    failed: 0,
    waiting: 0,
    lost: 0,
    dropped: {},
  };
  const settingsOf = new Map<string, Promise<ShopSettings>>();
  const shopSettings = (shopId: string) => {
    let s = settingsOf.get(shopId);
    if (!s) {
      s = getSettings(deps.db, shopId);
      settingsOf.set(shopId, s);
    }
    return s;
  };
  const drop = async (cart: IdleCart, reason: DropReason) => {
    if (await dropFromReminders(deps.db, cart)) result.dropped[reason] = (result.dropped[reason] ?? 0) + 1;
    else result.lost++;
  };
  const cutoff = new Date(now - MIN_REMINDER_AFTER_MINUTES * 60_000).toISOString();
  const carts = await idleCarts(deps.db, cutoff, MAX_READ);
  for (const cart of carts) {
    if (result.sent + result.queued + result.failed >= MAX_SEND) break;
    result.read++;
    try {
      const settings = await shopSettings(cart.shopId);
      const afterMs = reminderAfterMs(settings);
      const byCart = judgeCart(cart, afterMs, now);
      if (byCart.kind === "drop") {
        await drop(cart, byCart.reason);
        continue;
      }
      if (byCart.kind === "wait" || afterMs === undefined) {
        result.waiting++;
        continue;
      }
      const conversation = await getConversation(deps.db, cart.shopId, cart.conversationId);
      const byConversation = judgeConversation(conversation, afterMs, now);
      if (byConversation.kind === "drop") {
        await drop(cart, byConversation.reason);
        continue;
      }
      if (byConversation.kind === "wait" || !conversation) {
        result.waiting++;
        continue;
      }
      const outcome = await remind(deps, cart, conversation, settings, now);
      if (outcome === "empty" || outcome === "no_account") await drop(cart, outcome);
      else result[outcome]++;
      if (outcome === "sent" || outcome === "queued") {
        log.info("cart.reminded", {
          shopId: cart.shopId,
          conversation: maskId(cart.conversationId),
          delivery: outcome,
        });
      }
    } catch (e) {
      // one bad cart must not stop the others; it stays on the index and is tried again next run
      result.failed++;
      log.error("cart.reminder_error", {
        shopId: cart.shopId,
        conversation: maskId(cart.conversationId),
        error: e,
      });
    }
  }
  return result;
}
