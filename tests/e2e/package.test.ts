/**
 * `npx serverless package` (offline, no AWS account needed) builds the deployable template and zips; the
 * template must pass cfn-lint (only W3005 — redundant DependsOn, which the framework writes — is ignored)
 * and keep the contract: least privilege per function, secrets out of the template, the table as in
 * lib/store/table.ts, no dev-only function in a deployed stage.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableDefinition } from "../../lib/store/table";
import { ROOT } from "../../scripts/stack";

type Resource = { Type: string; Properties: Record<string, unknown> };
let dir: string;
let template: { Resources: Record<string, Resource> };
let packageOutput = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "chatcart-pkg-"));
  const r = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/serverless/bin/serverless.js"), "package", "--stage", "prod", "--package", dir],
    {
      cwd: ROOT,
      env: { ...process.env, SLS_TELEMETRY_DISABLED: "1", ESBUILD_WORK_FOLDER: join(dir, ".esbuild") },
      encoding: "utf8",
      timeout: 180_000,
    },
  );
  packageOutput = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`serverless package failed:\n${packageOutput}`);
  template = JSON.parse(readFileSync(join(dir, "cloudformation-template-update-stack.json"), "utf8"));
}, 200_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const byType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

describe("serverless package --stage prod", () => {
  it("passes cfn-lint", () => {
    const r = spawnSync(
      "cfn-lint",
      ["--ignore-checks", "W3005", "--", join(dir, "cloudformation-template-update-stack.json")],
      {
        encoding: "utf8",
      },
    );
    expect(r.error, "cfn-lint must be installed").toBeUndefined();
    expect(`${r.stdout}${r.stderr}`).toBe("");
    expect(r.status).toBe(0);
  }, 180_000); // cfn-lint takes a while on a busy machine

  it("runs every function on nodejs22.x with its own role", () => {
    const fns = byType("AWS::Lambda::Function");
    expect(fns.map(([name]) => name).sort()).toEqual([
      "AdminLambdaFunction",
      "AgentLambdaFunction",
      "CartReminderLambdaFunction",
      "DataDeletionLambdaFunction",
      "HandoverIdleLambdaFunction",
      "HealthLambdaFunction",
      "OutboxLambdaFunction",
      "PagesLambdaFunction",
      "WebhookInstagramLambdaFunction",
      "WebhookMessengerLambdaFunction",
      "WebhookWhatsappLambdaFunction",
    ]);
    const roles = new Set<string>();
    for (const [, fn] of fns) {
      expect(fn.Properties.Runtime).toBe("nodejs22.x");
      roles.add(JSON.stringify(fn.Properties.Role));
    }
    expect(roles.size).toBe(fns.length);
  });

  it("grants only DynamoDB actions that exist, on the one table and its indexes", () => {
    const valid = new Set([
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
    ]);
    const roles = byType("AWS::IAM::Role");
    expect(roles.length).toBeGreaterThanOrEqual(4);
    for (const [, role] of roles) {
      const policies = role.Properties.Policies as Array<{
        PolicyDocument: { Statement: Array<Record<string, unknown>> };
      }>;
      for (const st of policies.flatMap((p) => p.PolicyDocument.Statement)) {
        const actions = [st.Action].flat() as string[];
        for (const a of actions) expect(a).not.toMatch(/\*/);
        const dynamo = actions.filter((a) => a.startsWith("dynamodb:"));
        if (dynamo.length === 0) continue;
        for (const a of dynamo) expect(valid.has(a), `${a} is not an IAM action we use`).toBe(true);
        expect(JSON.stringify(st.Resource)).toContain('"Table"');
        expect(JSON.stringify(st.Resource)).not.toContain('"*"');
      }
    }
  });

  it("keeps secrets out of the template and reads them from SSM", () => {
    const text = JSON.stringify(template);
    for (const secret of [
      "dev-app-secret",
      "dev-verify-token",
      "dev-page-token",
      "dev-wa-token",
      "dev-admin-token",
    ]) {
      expect(text).not.toContain(secret);
    }
    for (const [, fn] of byType("AWS::Lambda::Function")) {
      const env = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
      expect(env.SECRETS_SSM_PREFIX).toBe("/chatcart/prod");
      expect(env.META_APP_SECRET ?? "").toBe("");
    }
  });

  it("declares the table of lib/store/table.ts, on demand, with PITR and TTL", () => {
    const [[, table] = []] = byType("AWS::DynamoDB::Table");
    const p = table?.Properties as Record<string, unknown>;
    const def = tableDefinition("x");
    expect(p.BillingMode).toBe("PAY_PER_REQUEST");
    expect(p.KeySchema).toEqual(def.KeySchema);
    expect(p.AttributeDefinitions).toEqual(def.AttributeDefinitions);
    expect(p.GlobalSecondaryIndexes).toEqual(def.GlobalSecondaryIndexes);
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: "expiresAt", Enabled: true });
  });

  it("packages each function alone, without the dev sink", () => {
    const zips = readdirSync(dir).filter((f) => f.endsWith(".zip"));
    expect(zips.sort()).toEqual([
      "admin.zip",
      "agent.zip",
      "cartReminder.zip",
      "dataDeletion.zip",
      "handoverIdle.zip",
      "health.zip",
      "outbox.zip",
      "pages.zip",
      "webhookInstagram.zip",
      "webhookMessenger.zip",
      "webhookWhatsapp.zip",
    ]);
    // docs/architecture.md: botbuilder stays out of the functions that do not run the bot
    for (const fn of ["admin", "agent", "cartReminder", "dataDeletion", "handoverIdle", "outbox", "pages"]) {
      const code = spawnSync("unzip", ["-p", join(dir, `${fn}.zip`), `functions/${fn}.mjs`], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      }).stdout;
      expect(code.length, fn).toBeGreaterThan(0);
      expect(code, `${fn} bundles botbuilder`).not.toMatch(/botframework|TurnContext/);
    }
    const list = spawnSync("unzip", ["-Z1", join(dir, "health.zip")], { encoding: "utf8" });
    expect(list.stdout.trim().split("\n")).toEqual(["functions/health.mjs"]);
    expect(JSON.stringify(template)).not.toContain("/dev/graph");
  });
});
