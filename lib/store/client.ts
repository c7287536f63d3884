/**
 * DynamoDB clients, built once per container. Locally (`DYNAMODB_ENDPOINT`) dummy credentials are used:
 * DynamoDB Local accepts any.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface Db {
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  table: string;
}

export function createDb(opts: { endpoint?: string; region: string; table: string }): Db {
  const raw = new DynamoDBClient({
    region: opts.region,
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {}),
    maxAttempts: 4,
  });
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return { raw, doc, table: opts.table };
}
