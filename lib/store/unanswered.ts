/**
 * Questions the bot could not answer, for the merchant to write answers for. Similar questions share one
 * item: the group key is the normalised text ({@link groupKey}), so "Do you ship to Cebu?" and "do you ship
 * to cebu" count together, as do "size 42?" and "size 38?" (digits become `#`). Grouping by meaning (synonyms,
 * word order, translations) can come later on top of the same item, by mapping a question to an existing key.
 *
 * One UpdateItem per question (`ADD count`), no read; GSI1 lists a shop's groups by the last time seen.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { UnansweredQuestion } from "../catalog/types";
import type { Locale } from "../i18n";
import type { Db } from "./client";
import { ENTITY_VERSION, GSI1, type Key, keys } from "./keys";
import { queryPages } from "./query";

const MAX_KEY = 200;
export const MAX_TEXT = 1000;

/**
 * The group key of a question: NFKC (full-width letters and digits become ASCII), lower case, punctuation,
 * symbols and emoji removed, each run of digits replaced by `#`, whitespace collapsed, at most 200 characters.
 * Empty when nothing is left (an emoji, "???").
 */
export function groupKey(text: string): string {
  const s = text
    .normalize("NFKC")
    .toLowerCase()
    // \p{P} punctuation, \p{S} symbols (most emoji, their skin tones), \p{Cf} format characters such as the
    // zero-width joiner inside emoji sequences, U+FE0E/U+FE0F variation selectors, keycap U+20E3.
    .replace(/(?:\p{P}|\p{S}|\p{Cf}|\u{FE0E}|\u{FE0F}|\u{20E3})+/gu, " ")
    .replace(/\p{Nd}+/gu, "#")
    .replace(/\s+/gu, " ")
    .trim();
  return Array.from(s).slice(0, MAX_KEY).join("").trimEnd();
}

/**
 * Counts a question the bot could not answer. Keeps the latest wording and locale, the first and the last
 * time seen; a late, older report only adds to the count. Returns the group key, or undefined when the text
 * has nothing to group by (and nothing was written). `when` is a Date or an ISO time (stored as ISO UTC, so
 * times sort as text).
 */
export async function recordUnanswered(
  db: Db,
  shopId: string,
  text: string,
  locale: Locale,
  when: Date | string = new Date(),
): Promise<string | undefined> {
  const at = typeof when === "string" ? new Date(when).toISOString() : when.toISOString();
  const key = groupKey(text);
  if (!key) return undefined;
  const itemKey = keys.unanswered(shopId, key);
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: itemKey,
        UpdateExpression:
          "ADD #count :one SET #key = :key, #text = :text, #locale = :locale, firstAt = if_not_exists(firstAt, :at), " +
          "lastAt = :at, gsi1pk = :gpk, gsi1sk = :gsk, #et = :et, #v = :v",
        ConditionExpression: "attribute_not_exists(lastAt) OR lastAt <= :at",
        ExpressionAttributeNames: {
          "#count": "count",
          "#key": "key",
          "#text": "text",
          "#locale": "locale",
          "#et": "_et",
          "#v": "_v",
        },
        ExpressionAttributeValues: {
          ":one": 1,
          ":key": key,
          ":text": Array.from(text.trim()).slice(0, MAX_TEXT).join(""),
          ":locale": locale,
          ":at": at,
          ":gpk": keys.unansweredByTime(shopId),
          ":gsk": `${at}#${key}`,
          ":et": "Unanswered",
          ":v": ENTITY_VERSION,
        },
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: itemKey,
        UpdateExpression: "ADD #count :one",
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: { ":one": 1 },
      }),
    );
  }
  return key;
}

/** The shop's unanswered question groups, most recently asked first (one Query on GSI1). */
export async function listUnanswered(db: Db, shopId: string, limit = 50): Promise<UnansweredQuestion[]> {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: GSI1,
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.unansweredByTime(shopId) },
      ScanIndexForward: false,
      Limit: Math.max(1, Math.min(limit, 500)),
    }),
  );
  return (res.Items ?? []).map(questionOf);
}

/** Removes a question group (dismissed, or turned into an answer). False when there was none. */
export async function deleteUnanswered(
  db: Db,
  shopId: string,
  key: string,
): Promise<UnansweredQuestion | undefined> {
  const res = await db.doc.send(
    new DeleteCommand({ TableName: db.table, Key: keys.unanswered(shopId, key), ReturnValues: "ALL_OLD" }),
  );
  const i = res.Attributes;
  if (!i) return undefined;
  return questionOf(i);
}

/** One question group by its key. */
export async function getUnanswered(
  db: Db,
  shopId: string,
  key: string,
): Promise<UnansweredQuestion | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.unanswered(shopId, key) }));
  const i = res.Item;
  if (!i) return undefined;
  return questionOf(i);
}

const questionOf = (i: Record<string, unknown>): UnansweredQuestion => ({
  key: i.key as string,
  text: i.text as string,
  locale: i.locale as Locale,
  count: i.count as number,
  firstAt: i.firstAt as string,
  lastAt: i.lastAt as string,
  ...(typeof i.conversationId === "string" && { conversationId: i.conversationId }),
});
/**
 * The shop's unanswered-question items that hold words of `conversationId` (the turn adds the conversation to
 * the item's `convs` set): a data deletion removes them (issue 14: the shopper's words stayed in the list).
 * Items written before `convs` existed cannot be told apart and are left (they expire with the shop's data).
 */
export async function unansweredKeysOf(db: Db, shopId: string, conversationId: string): Promise<Key[]> {
  const out: Key[] = [];
  for await (const page of queryPages(db, {
    IndexName: GSI1,
    KeyConditionExpression: "gsi1pk = :pk",
    FilterExpression: "contains(convs, :c)",
    ExpressionAttributeValues: { ":pk": keys.unansweredByTime(shopId), ":c": conversationId },
    ProjectionExpression: "pk, sk",
  })) {
    for (const item of page.items) out.push({ pk: item.pk as string, sk: item.sk as string });
  }
  return out;
}
