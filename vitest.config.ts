import { defineConfig } from "vitest/config";

// Unit tests need nothing. Integration and e2e tests share one DynamoDB Local and one local stack
// (serverless-offline) for the whole run: tests/helpers/globalSetup.ts starts them and stops them at the end,
// also when tests fail.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: "forks",
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "stack",
          include: ["tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/helpers/globalSetup.ts"],
        },
      },
    ],
  },
});
