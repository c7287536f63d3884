/**
 * Starts DynamoDB Local and the local stack once for the whole test run, and stops both at the end. The PIDs
 * are written to .test-results/pids so `npm test` can end them should vitest itself be killed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, type LocalDynamo, startDynamoLocal } from "../../lib/store/local";
import { startStack } from "../../scripts/stack";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    stackUrl: string;
    stackTable: string;
    /** DynamoDB Local's and serverless-offline's PIDs, to check what they listen on */
    stackPids: number[];
  }
}

export default async function setup(project: TestProject) {
  const dir = join(process.cwd(), ".test-results");
  mkdirSync(dir, { recursive: true });
  let dynamo: LocalDynamo | undefined;
  let stopStack: (() => Promise<void>) | undefined;
  const teardown = async () => {
    await stopStack?.();
    await dynamo?.stop();
  };
  try {
    dynamo = await startDynamoLocal({ dataDir: ":memory:" });
    writeFileSync(join(dir, "pids"), `${dynamo.pid}\n`);
    const stack = await startStack({
      port: await freePort(),
      buildDir: `.esbuild/test-${process.pid}`,
      // STACK_LOG=1 shows the stack's own log lines (warn and up) while the tests run
      verbose: process.env.STACK_LOG === "1",
      env: {
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        TABLE_NAME: "chatcart-e2e",
        SEED: "demo",
        LOG_LEVEL: "warn",
        // tests/e2e/crash.test.ts: a dead stack's claims are taken over after 3 s, not 15
        INBOUND_CLAIM_STALE_MS: "3000",
      },
    });
    stopStack = stack.stop;
    writeFileSync(join(dir, "pids"), `${[dynamo.pid, ...stack.pids].join("\n")}\n`);
    project.provide("dynamoEndpoint", dynamo.endpoint);
    project.provide("stackUrl", stack.url);
    project.provide("stackTable", stack.tableName);
    project.provide("stackPids", [dynamo.pid, ...stack.pids]);
  } catch (e) {
    await teardown();
    throw e;
  }
  return teardown;
}
