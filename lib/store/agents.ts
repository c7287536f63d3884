/**
 * The agents of a shop as their colleagues see them: the agent id (from the token, lib/agent/routes.ts) and a
 * display name the agent chose (`PUT /api/agent/me`). An agent is listed once they set a name or used the
 * inbox; assignment offers exactly these people. One partition per shop.
 */
import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { entity, keys, toDomain } from "./keys";

export interface AgentProfile {
  agentId: string;
  name: string;
  updatedAt: string;
}

export async function putAgent(db: Db, shopId: string, agent: AgentProfile): Promise<AgentProfile> {
  await db.doc.send(
    new PutCommand({ TableName: db.table, Item: entity("Agent", keys.agent(shopId, agent.agentId), agent) }),
  );
  return agent;
}

export async function getAgent(db: Db, shopId: string, agentId: string): Promise<AgentProfile | undefined> {
  const res = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.agent(shopId, agentId) }));
  return res.Item ? toDomain<AgentProfile>(res.Item) : undefined;
}

export async function listAgents(db: Db, shopId: string): Promise<AgentProfile[]> {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.agentPartition(shopId) },
    }),
  );
  return (res.Items ?? []).map((i) => toDomain<AgentProfile>(i));
}
