import { defineConfig } from "vitest/config";

// One DynamoDB Local and one local stack (serverless-offline) serve the whole run: tests/helpers/globalSetup.ts
// starts them and stops them at the end, also when tests fail.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/helpers/globalSetup.ts"],
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: "forks",
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
