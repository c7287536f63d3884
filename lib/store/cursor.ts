/**
 * Page cursors of the GSI1 lists: the index position DynamoDB returns (`LastEvaluatedKey`), as base64url JSON.
 * A cursor is accepted only with exactly the four key attributes of GSI1, all strings, and only for the
 * partition of the list being read (a cursor of another shop's list is refused, so no list can be read
 * through another's).
 */
import { AppError } from "../errors";

export type IndexKey = { pk: string; sk: string; gsi1pk: string; gsi1sk: string };

export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString("base64url") : undefined;

/** The index position, or `request.invalid` naming `path` (the query parameter the API reads it from). */
export function decodeCursor(
  cursor: string | undefined,
  partition: string,
  path: string,
): IndexKey | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const names = key && typeof key === "object" && !Array.isArray(key) ? Object.keys(key).sort() : [];
    if (
      names.join(",") === "gsi1pk,gsi1sk,pk,sk" &&
      names.every((n) => typeof (key as Record<string, unknown>)[n] === "string") &&
      key.gsi1pk === partition
    ) {
      return key as IndexKey;
    }
  } catch {
    // falls through to the 400
  }
  throw new AppError("request.invalid", `${path} is not a cursor of this list.`, [
    { path, message: "must be the `next` value of a previous page" },
  ]);
}
