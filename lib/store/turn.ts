/**
 * A shopper turn's single read and single write.
 *
 * Read: one BatchGetItem (consistent) of the shop item (settings and catalogue version), the conversation
 * record (with the bot's dialog state on it), the cart with the checkout in progress, and the co-purchase
 * total (the recommender's cache key).
 *
 * Write: one TransactWriteItems (one UpdateItem when only the conversation changes) with everything the turn
 * decided: the conversation (this message's times and source, the dialog state, patched fields, a handover),
 * the first-contact user index, the cart's changed lines and checkout, the transcript lines, the funnel
 * counters and an unanswered question. It is conditional on the conversation's `turnRev` as loaded (and the
 * cart's `rev`): when another turn of the same shopper committed first, nothing is written and
 * {@link TurnConflict} is thrown so the caller runs the turn again on fresh state.
 */

import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { type Turn, TurnConflict, type TurnLoad } from "../turn/turn";
import { ADDED_PREFIX, cartFromItem, LINE_PREFIX } from "./carts";
import type { Db } from "./client";
import { handoverTimerItem, nextSeq } from "./conversations";
import { basketUpdates } from "./copurchase";
import { channelCounter, sourceOfConversation } from "./funnel";
import { whatsappIdentityItem } from "./identities";
import { ENTITY_VERSION, entity, expiresInDays, keys } from "./keys";
import { batchGetAll } from "./query";
import { settingsFromItem } from "./settings";
import { cancellationCodes, isConflict, type TransactItem } from "./transactions";
import { groupKey, MAX_TEXT } from "./unanswered";

type TransactUpdate = NonNullable<TransactItem["Update"]>;

export { TurnConflict };

const DEFAULT_EXPIRY_DAYS = 7;

export async function loadTurn(
  db: Db,
  ref: { shopId: string; conversationId: string },
  now: Date,
): Promise<TurnLoad> {
  const { shopId, conversationId } = ref;
  const want = [
    keys.shop(shopId),
    keys.conversation(shopId, conversationId),
    keys.cart(shopId, conversationId),
    keys.coPurchaseTotal(shopId),
  ];
  const items = await batchGetAll(
    db,
    want.map((k) => ({ ...k })),
    "loadTurn: unprocessed keys remained",
  );
  const find = (k: { pk: string; sk: string }) => items.find((i) => i.pk === k.pk && i.sk === k.sk);
  const [shopItem, convItem, cartItem, totalItem] = want.map(find);
  const cart = cartFromItem(shopId, conversationId, cartItem, now);
  const expired =
    typeof cartItem?.expiresAt === "number" && (cartItem.expiresAt as number) * 1000 <= now.getTime();
  return {
    ...(convItem ? { conversation: convItem as TurnLoad["conversation"] } : {}),
    cart,
    cartExists: Boolean(cartItem),
    cartExpired: expired,
    cartLineIds: Object.keys(cartItem ?? {})
      .filter((n) => n.startsWith(LINE_PREFIX))
      .map((n) => n.slice(LINE_PREFIX.length)),
    settings: settingsFromItem(shopItem),
    coPurchaseBaskets: Number(totalItem?.baskets ?? 0),
  };
}

/** Builds an UpdateExpression from named parts, with placeholders allocated as values are added. */
class Update {
  private readonly sets: string[] = [];
  private readonly adds: string[] = [];
  private readonly removes: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private n = 0;

  name(attr: string): string {
    const found = Object.entries(this.names).find(([, v]) => v === attr);
    if (found) return found[0];
    const ph = `#n${this.n++}`;
    this.names[ph] = attr;
    return ph;
  }

  value(v: unknown): string {
    const ph = `:v${this.n++}`;
    this.values[ph] = v;
    return ph;
  }

  set(attr: string, v: unknown): this {
    this.sets.push(`${this.name(attr)} = ${this.value(v)}`);
    return this;
  }

  setIfAbsent(attr: string, v: unknown): this {
    const n = this.name(attr);
    this.sets.push(`${n} = if_not_exists(${n}, ${this.value(v)})`);
    return this;
  }

  add(attr: string, v: number | Set<string>): this {
    this.adds.push(`${this.name(attr)} ${this.value(v)}`);
    return this;
  }

  remove(attr: string): this {
    this.removes.push(this.name(attr));
    return this;
  }

  expression(): string {
    return [
      this.sets.length ? `SET ${this.sets.join(", ")}` : "",
      this.adds.length ? `ADD ${this.adds.join(", ")}` : "",
      this.removes.length ? `REMOVE ${this.removes.join(", ")}` : "",
    ]
      .filter(Boolean)
      .join(" ");
  }

  item(db: Db, key: { pk: string; sk: string }, condition?: string): NonNullable<TransactItem["Update"]> {
    return {
      TableName: db.table,
      Key: key,
      UpdateExpression: this.expression(),
      ...(condition ? { ConditionExpression: condition } : {}),
      ExpressionAttributeNames: this.names,
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

function conversationWrite(db: Db, turn: Turn): NonNullable<TransactItem["Update"]> {
  const { touch } = turn;
  const stored = turn.load.conversation;
  const u = new Update();
  u.set("shopId", touch.shopId)
    .set("conversationId", touch.conversationId)
    .set("channel", touch.channel)
    .set("userId", touch.userId)
    .set("_et", "Conversation")
    .set("_v", ENTITY_VERSION)
    .setIfAbsent("createdAt", touch.at)
    .add("inbound", 1)
    .set("turnRev", (stored?.turnRev ?? 0) + 1);
  if (!turn.late) {
    // the status index's sort key moves with every message, so the newest activity comes first
    u.set("lastInboundAt", touch.at)
      .set("lastActivityAt", touch.at)
      .set("gsi1sk", `${touch.at}#${touch.conversationId}`);
    if (touch.source) u.set("lastSource", touch.source);
  }
  if (touch.name) u.set("name", touch.name);
  if (touch.accountId) u.set("accountId", touch.accountId);
  if (touch.phone) u.set("phone", touch.phone);
  if (touch.bsuid) u.set("bsuid", touch.bsuid);
  if (touch.source) u.setIfAbsent("source", touch.source);
  if (!stored?.userIndexed) u.set("userIndexed", true);
  if (turn.dialogChanged) u.set("dialog", turn.dialog);
  const { status, ...fields } = turn.patch;
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) u.remove(k);
    else u.set(k, v);
  }
  const conditions: string[] = [];
  if (turn.handover) {
    u.set("status", "waiting")
      .set("gsi1pk", keys.conversationsByStatus(touch.shopId, "waiting"))
      .remove("agentId");
    // only while it is still with the bot (a person may have taken it since the read)
    if (stored) conditions.push(`${u.name("status")} = ${u.value("bot")}`);
  } else if (turn.release && stored) {
    u.set("status", "bot").set("gsi1pk", keys.conversationsByStatus(touch.shopId, "bot"));
    // only while a person still had it (a release meanwhile makes this turn run again on the fresh state)
    conditions.push(`${u.name("status")} IN (${u.value("waiting")}, ${u.value("agent")})`);
  } else {
    u.setIfAbsent("status", status ?? "bot").setIfAbsent(
      "gsi1pk",
      keys.conversationsByStatus(touch.shopId, "bot"),
    );
  }
  if (!stored) conditions.unshift("attribute_not_exists(pk)");
  else if (stored.turnRev === undefined)
    conditions.unshift("attribute_exists(pk) AND attribute_not_exists(turnRev)");
  else conditions.unshift(`turnRev = ${u.value(stored.turnRev)}`);
  return u.item(db, keys.conversation(touch.shopId, touch.conversationId), conditions.join(" AND "));
}

function cartWrite(db: Db, turn: Turn): NonNullable<TransactItem["Update"]> | undefined {
  const change = turn.cart.change();
  if (!change) return undefined;
  const { shopId, conversationId } = turn.touch;
  const { cart } = change;
  const expiryDays = turn.load.settings.cart?.expiryDays ?? DEFAULT_EXPIRY_DAYS;
  const at = turn.now.toISOString();
  const u = new Update();
  u.set("expiresAt", expiresInDays(expiryDays, turn.now.getTime()));
  if (change.linesChanged) {
    u.set("rev", cart.rev)
      .set("updatedAt", at)
      .set("_et", "Cart")
      .set("_v", ENTITY_VERSION)
      .set("shopId", shopId)
      .set("conversationId", conversationId)
      .remove("remindedAt");
    for (const line of cart.lines) {
      u.set(`${LINE_PREFIX}${line.productId}`, line.quantity).set(
        `${ADDED_PREFIX}${line.productId}`,
        line.addedAt,
      );
    }
    for (const id of change.removed) u.remove(`${LINE_PREFIX}${id}`).remove(`${ADDED_PREFIX}${id}`);
    // the cart reminder lists carts with lines by their last change (sparse: an empty cart leaves the index)
    if (cart.lines.length > 0)
      u.set("gsi1pk", keys.cartsByActivity).set("gsi1sk", `${at}#${shopId}#${conversationId}`);
    else u.remove("gsi1pk").remove("gsi1sk");
  }
  if (cart.checkout) u.set("checkout", cart.checkout);
  else u.remove("checkout");
  const condition = change.loaded.exists ? `rev = ${u.value(change.loaded.rev)}` : "attribute_not_exists(pk)";
  return u.item(db, keys.cart(shopId, conversationId), condition);
}

function funnelWrite(db: Db, turn: Turn): NonNullable<TransactItem["Update"]> | undefined {
  const counters = Object.entries(turn.funnel).filter(([, v]) => v !== 0);
  if (counters.length === 0) return undefined;
  const source = sourceOfConversation(turn.conversation);
  const day = turn.now.toISOString().slice(0, 10);
  const u = new Update();
  u.set("_et", "Funnel").set("_v", ENTITY_VERSION).set("day", day).set("source", source);
  const channel = turn.conversation.channel;
  for (const [k, v] of counters) {
    u.add(k, v as number);
    if (channel) u.add(channelCounter(channel, k), v as number);
  }
  return u.item(db, keys.funnel(turn.touch.shopId, day, source));
}

function unansweredWrite(db: Db, turn: Turn): NonNullable<TransactItem["Update"]> | undefined {
  if (!turn.unanswered) return undefined;
  const key = groupKey(turn.unanswered.text);
  if (!key) return undefined;
  const at = turn.now.toISOString();
  const { shopId } = turn.touch;
  const u = new Update();
  u.add("count", 1)
    // whose words these are: a data deletion finds the item by the conversation (lib/privacy/deletion.ts)
    .add("convs", new Set([turn.touch.conversationId]))
    .set("key", key)
    .set("text", Array.from(turn.unanswered.text.trim()).slice(0, MAX_TEXT).join(""))
    .set("locale", turn.unanswered.locale)
    // the latest conversation that asked: the admin page opens it from the question
    .set("conversationId", turn.touch.conversationId)
    .setIfAbsent("firstAt", at)
    .set("lastAt", at)
    .set("gsi1pk", keys.unansweredByTime(shopId))
    .set("gsi1sk", `${at}#${key}`)
    .set("_et", "Unanswered")
    .set("_v", ENTITY_VERSION);
  return u.item(db, keys.unanswered(shopId, key));
}

/** Everything the turn writes, in one request. */
export function turnWrites(db: Db, turn: Turn): TransactItem[] {
  const { shopId, conversationId, userId } = turn.touch;
  const items: TransactItem[] = [{ Update: conversationWrite(db, turn) }];
  if (!turn.load.conversation?.userIndexed) {
    // first contact: the conversation is listed under the user id, so a data deletion request (lib/privacy)
    // finds it across shops and channels
    items.push({
      Put: {
        TableName: db.table,
        Item: entity("UserConversation", keys.userConversation(userId, shopId, conversationId), {
          userId,
          shopId,
          conversationId,
          createdAt: turn.conversation.createdAt,
        }),
      },
    });
  }
  if (turn.touch.joinBsuid && turn.touch.bsuid) {
    items.push({
      Put: { TableName: db.table, Item: whatsappIdentityItem(shopId, turn.touch.bsuid, conversationId) },
    });
  }
  if (turn.handover) {
    items.push({
      Put: { TableName: db.table, Item: handoverTimerItem(shopId, conversationId, turn.handover.releaseAt) },
    });
  }
  if (turn.release && turn.load.conversation) {
    items.push({ Delete: { TableName: db.table, Key: keys.handoverTimer(shopId, conversationId) } });
  }
  const cart = cartWrite(db, turn);
  if (cart) items.push({ Update: cart });
  turn.transcript.forEach((m) => {
    items.push({
      Put: {
        TableName: db.table,
        Item: entity("Message", keys.message(shopId, conversationId, m.at, nextSeq()), m),
      },
    });
  });
  const funnel = funnelWrite(db, turn);
  if (funnel) items.push({ Update: funnel });
  const unanswered = unansweredWrite(db, turn);
  if (unanswered) items.push({ Update: unanswered });
  for (const u of basketUpdates(db, shopId, turn.basket ?? [])) items.push({ Update: u as TransactUpdate });
  return items;
}

/** The message's claim was taken over or committed by another invocation: this one must not commit or send. */
export class ClaimLost extends Error {
  override readonly name = "ClaimLost";
}

/**
 * Writes the turn; {@link TurnConflict} when another turn of the shopper committed since the read. `claim` (the
 * message's redelivery claim, lib/store/inbound.ts) commits in the same transaction, so the message counts as
 * handled exactly when its effects are written; {@link ClaimLost} when another invocation holds it now.
 */
export async function commitTurn(db: Db, turn: Turn, claim?: TransactItem): Promise<void> {
  const items = turnWrites(db, turn);
  if (claim) items.push(claim);
  try {
    if (items.length === 1 && items[0]?.Update) {
      await db.doc.send(new UpdateCommand(items[0].Update));
      return;
    }
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException || isConflict(e))
      throw new TurnConflict("turn conflict", { cause: e });
    const codes = cancellationCodes(e);
    if (claim && codes?.[items.length - 1] === "ConditionalCheckFailed")
      throw new ClaimLost("the message's claim is held by another invocation", { cause: e });
    if (codes?.includes("ConditionalCheckFailed")) throw new TurnConflict("turn conflict", { cause: e });
    throw e;
  }
}
