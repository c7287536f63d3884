/**
 * AWS unit prices the bench uses to price a turn, in one place, with where and when they were read.
 * us-east-1 (N. Virginia), on-demand, no free tier, no Savings Plans, USD. Update the date with the numbers.
 *
 * The price pages render their tables client-side, so the numbers were read from the pages' own text where
 * it states them and cross-checked with a second public source (each entry names both).
 */

export const PRICES_READ_ON = "2026-12-03";
export const REGION = "us-east-1";

export interface UnitPrice {
  usd: number;
  per: string;
  source: string;
  /** a second public source that states the same number */
  checkedWith?: string;
  note?: string;
}

export const PRICES = {
  /** DynamoDB on-demand: a write request unit writes up to 1 KB; a transactional write costs 2 units per KB. */
  dynamoWriteRequestUnit: {
    usd: 0.625 / 1e6,
    per: "write request unit",
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
    checkedWith: "https://airbyte.com/data-engineering-resources/dynamodb-pricing (after the 2024-11-01 cut)",
    note: "$0.625 per million; 1 KB per unit, transactional writes 2 units per KB",
  },
  /** DynamoDB on-demand: a strongly consistent read of up to 4 KB is one unit, eventually consistent half. */
  dynamoReadRequestUnit: {
    usd: 0.125 / 1e6,
    per: "read request unit",
    source: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
    checkedWith: "https://airbyte.com/data-engineering-resources/dynamodb-pricing (after the 2024-11-01 cut)",
    note: "$0.125 per million; 4 KB per unit (eventually consistent ½, transactional 2)",
  },
  /** Lambda duration on Arm (Graviton), first pricing tier (7.5 billion GB-s a month). */
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    per: "GB-second (arm64)",
    source: "https://aws.amazon.com/lambda/pricing/",
    checkedWith:
      "https://cloudchipr.com/blog/aws-lambda-pricing; artillery lib/platform/aws-lambda/prices.js",
    note: "billed per 1 ms; since 2025-08-01 the INIT phase of a cold start is billed too",
  },
  lambdaRequest: {
    usd: 0.2 / 1e6,
    per: "request",
    source: "https://aws.amazon.com/lambda/pricing/",
    note: "$0.20 per million",
  },
  /** API Gateway HTTP API, first 300 million requests a month; metered in 512 KB increments. */
  httpApiRequest: {
    usd: 1.0 / 1e6,
    per: "request (≤ 512 KB)",
    source: "https://aws.amazon.com/api-gateway/pricing/",
    checkedWith:
      "https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html (Table 4)",
    note: "$1.00 per million (over 300 million: $0.90)",
  },
} as const satisfies Record<string, UnitPrice>;

/** Lambda gives a function one vCPU's worth of CPU at this much memory, proportionally less below it. */
export const LAMBDA_MB_PER_VCPU = 1769;
export const LAMBDA_CPU_SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html";

export interface TurnUsage {
  /** DynamoDB read and write request units of one turn */
  readUnits: number;
  writeUnits: number;
  /** billed Lambda duration of one turn, ms (rounded up to 1 ms per invocation by the caller) */
  lambdaMs: number;
  memoryMb: number;
}

export interface TurnCost {
  dynamo: number;
  lambda: number;
  httpApi: number;
  total: number;
}

/** USD per 1,000 turns: DynamoDB request units, Lambda GB-seconds and requests, one HTTP API request each. */
export function costPer1000(u: TurnUsage): TurnCost {
  const dynamo =
    1000 *
    (u.readUnits * PRICES.dynamoReadRequestUnit.usd + u.writeUnits * PRICES.dynamoWriteRequestUnit.usd);
  const gbSeconds = (u.memoryMb / 1024) * (u.lambdaMs / 1000);
  const lambda = 1000 * (gbSeconds * PRICES.lambdaArmGbSecond.usd + PRICES.lambdaRequest.usd);
  const httpApi = 1000 * PRICES.httpApiRequest.usd;
  return { dynamo, lambda, httpApi, total: dynamo + lambda + httpApi };
}

/**
 * Duration at another memory size, from what was measured here: the CPU part scales with the CPU share Lambda
 * gives (memory / 1,769 MB of one vCPU, capped at one: a turn is single-threaded), the rest (waiting on
 * DynamoDB and the Graph API) does not. Assumes one core here runs the code as fast as one Graviton vCPU.
 */
export function durationAt(memoryMb: number, wallMs: number, cpuMs: number): number {
  const cpu = Math.min(cpuMs, wallMs);
  const share = Math.min(1, memoryMb / LAMBDA_MB_PER_VCPU);
  return wallMs - cpu + cpu / share;
}

/** USD per 1,000 turns for every 100 ms a turn waits (e.g. on the Graph API) at `memoryMb`. */
export const waitCostPer100ms = (memoryMb: number): number =>
  1000 * (memoryMb / 1024) * 0.1 * PRICES.lambdaArmGbSecond.usd;
