/**
 * botbuilder `Storage` over the single DynamoDB table. Items are namespaced per shop; the state is kept as a
 * JSON string (any shape botbuilder gives, no marshalling surprises) with an `eTag`.
 *
 * Contract (as botbuilder's MemoryStorage and CosmosDbPartitionedStorage): a write whose eTag no longer
 * matches is rejected; `*` or no eTag forces; an unknown key reads as absent; deleting an unknown key is fine.
 */
import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Storage, StoreItems } from "botbuilder-core";
import type { Db } from "../store/client";
import { entity, keys } from "../store/keys";
import { batchGetAll, batchWriteAll } from "../store/query";

export class DynamoStorage implements Storage {
  constructor(
    private readonly db: Db,
    private readonly shopId: string,
  ) {}

  async read(storageKeys: string[]): Promise<StoreItems> {
    if (!storageKeys) throw new ReferenceError("Keys are required when reading.");
    const out: StoreItems = {};
    const items = await batchGetAll(
      this.db,
      [...new Set(storageKeys)].map((k) => ({ ...keys.botState(this.shopId, k) })),
      "DynamoStorage.read: unprocessed keys remained",
    );
    for (const item of items) {
      out[item.storageKey as string] = { ...JSON.parse(item.data as string), eTag: item.eTag };
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError("Changes are required when writing.");
    await Promise.all(
      Object.entries(changes).map(async ([storageKey, value]) => {
        const { eTag, ...state } = (value ?? {}) as { eTag?: unknown } & Record<string, unknown>;
        // As MemoryStorage: any falsy eTag (absent, "", null) or "*" writes unconditionally. A null eTag
        // used to become a condition `eTag = NULL` that never matches, so the write was rejected.
        const conditional = Boolean(eTag) && eTag !== "*";
        try {
          await this.db.doc.send(
            new PutCommand({
              TableName: this.db.table,
              Item: entity("BotState", keys.botState(this.shopId, storageKey), {
                storageKey,
                data: JSON.stringify(state),
                eTag: randomUUID(),
                updatedAt: new Date().toISOString(),
              }),
              ...(conditional
                ? {
                    ConditionExpression: "attribute_not_exists(pk) OR eTag = :etag",
                    ExpressionAttributeValues: { ":etag": eTag },
                  }
                : {}),
            }),
          );
        } catch (e) {
          if (e instanceof ConditionalCheckFailedException) {
            throw new Error(`Storage: error writing "${storageKey}" due to eTag conflict.`, { cause: e });
          }
          throw e;
        }
      }),
    );
  }

  async delete(storageKeys: string[]): Promise<void> {
    const unique = [...new Set(storageKeys)];
    await batchWriteAll(
      this.db,
      unique.map((k) => ({ DeleteRequest: { Key: keys.botState(this.shopId, k) } })),
      {
        attempts: 6,
        delay: (attempt) => 20 * 2 ** attempt,
        failure: "DynamoStorage.delete: unprocessed items remained",
      },
    );
  }
}
