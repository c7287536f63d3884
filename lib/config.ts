/**
 * The only reader of `process.env`. Parsed once per container with zod; a bad value stops start-up with a
 * message that names the variable.
 *
 * Locally (serverless-offline sets `IS_OFFLINE`, tests and scripts run outside Lambda) every variable has a
 * dev default. Deployed, secrets and tokens have no default: they are read from SSM Parameter Store
 * (`SECRETS_SSM_PREFIX`, SecureString) at cold start, so they never appear in the CloudFormation template.
 */

import en from "zod/v4/locales/en.js";
import * as z from "zod/v4/mini";
import { AppError } from "./errors";

// zod's mini build, for a lighter bundle and start (no methods on every schema); unlike the full build it
// leaves error messages to the caller's locale: English, as the full build's.
z.config(en());

const SECRET_NAMES = [
  "META_APP_SECRET",
  "META_VERIFY_TOKEN",
  "MESSENGER_PAGE_TOKEN",
  "WHATSAPP_TOKEN",
  "ADMIN_TOKEN",
  "AGENT_TOKEN",
] as const;
/**
 * Tokens of channels a shop may not use: read like the secrets (environment, then SSM), with a dev default
 * locally, but a deployment without one simply has that channel off (Instagram is the shop's choice; a missing
 * Messenger or WhatsApp token still stops the function).
 */
const OPTIONAL_SECRET_NAMES = ["INSTAGRAM_TOKEN"] as const;
type OptionalSecretName = (typeof OPTIONAL_SECRET_NAMES)[number];
const DEV_OPTIONAL_SECRETS: Record<OptionalSecretName, string> = { INSTAGRAM_TOKEN: "dev-ig-token" };
type SecretName = (typeof SECRET_NAMES)[number];

const DEV_SECRETS: Record<SecretName, string> = {
  META_APP_SECRET: "dev-app-secret",
  META_VERIFY_TOKEN: "dev-verify-token",
  MESSENGER_PAGE_TOKEN: "dev-page-token",
  WHATSAPP_TOKEN: "dev-wa-token",
  ADMIN_TOKEN: "dev-admin-token",
  AGENT_TOKEN: "dev-agent-token",
};

/** The environment's schema, built at the first parse (not at module init: zod schemas are not free). */
function buildEnvSchema() {
  const optionalString = z.pipe(
    z.optional(z.string()),
    z.transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim())),
  );
  const digits = (message: string) => z.string().check(z.regex(/^\d+$/, message));

  return z.object({
    PORT: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(65535)), 3000),
    DATA_DIR: z._default(z.string().check(z.minLength(1)), ".data"),
    DYNAMODB_ENDPOINT: z.pipe(optionalString, z.optional(z.url())),
    TABLE_NAME: z._default(
      z.string().check(z.regex(/^[a-zA-Z0-9_.-]{3,255}$/, "must be a DynamoDB table name")),
      "chatcart",
    ),
    SEED: z._default(z.enum(["demo", "none"]), "demo"),
    META_GRAPH_URL: z.pipe(optionalString, z.optional(z.url())),
    MESSENGER_PAGE_ID: z._default(digits("must be a numeric page id"), "100000000000001"),
    WHATSAPP_PHONE_NUMBER_ID: z._default(digits("must be a numeric phone number id"), "200000000000002"),
    INSTAGRAM_ACCOUNT_ID: z._default(digits("must be a numeric Instagram account id"), "178414000000003"),
    WHATSAPP_CATALOG_ID: z.pipe(optionalString, z.optional(digits("must be a numeric catalog id"))),
    META_APP_ID: z.pipe(optionalString, z.optional(digits("must be a numeric Meta app id"))),
    WHATSAPP_BUSINESS_ACCOUNT_ID: z.pipe(
      optionalString,
      z.optional(digits("must be a numeric WhatsApp Business Account id")),
    ),
    SECRETS_SSM_PREFIX: optionalString,
    AWS_REGION: optionalString,
    LOG_LEVEL: z._default(z.enum(["debug", "info", "warn", "error"]), "info"),
    INBOUND_CLAIM_STALE_MS: z._default(z.coerce.number().check(z.int(), z.gte(500)), 15_000),
    OUTBOX_UNCERTAIN_GRACE_MS: z._default(z.coerce.number().check(z.int(), z.gte(1000)), 60_000),
    STAGE: z._default(z.string().check(z.regex(/^[a-zA-Z0-9-]{1,32}$/, "must be a stage name")), "local"),
    ...Object.fromEntries([...SECRET_NAMES, ...OPTIONAL_SECRET_NAMES].map((n) => [n, optionalString])),
  });
}

/** The local Graph sink's WhatsApp Business Account (lib/dev/deliveries.ts uses it as the entry id). */
export const LOCAL_WABA_ID = "300000000000003";

let envSchema: ReturnType<typeof buildEnvSchema> | undefined;

export interface Config {
  port: number;
  dataDir: string;
  /** a DynamoDB endpoint other than AWS's (DynamoDB Local); undefined deployed */
  dynamodbEndpoint?: string;
  tableName: string;
  seed: "demo" | "none";
  /** Graph API base including the version, without a trailing slash */
  graphUrl: string;
  messengerPageId: string;
  whatsappPhoneNumberId: string;
  whatsappCatalogId?: string;
  /** the Instagram professional account deliveries name as `entry[].id` / `recipient` */
  instagramAccountId: string;
  /** its token; undefined deployed without one: the Instagram channel is off */
  instagramToken?: string;
  /** this Meta app's id: tells our Messenger echoes from a person's (another app's); optional */
  metaAppId?: string;
  /** the WABA whose `message_templates` Chatcart lists and submits; locally the sink's */
  whatsappBusinessAccountId?: string;
  region: string;
  logLevel: "debug" | "info" | "warn" | "error";
  /** true inside a deployed Lambda (not serverless-offline) */
  deployed: boolean;
  /** a message's claim older than this without its turn committed is taken over (lib/store/inbound.ts) */
  claimStaleMs?: number;
  /** an outbox send given up in flight waits this long for Meta's echo before it is resent (docs/outbound.md) */
  outboxGraceMs?: number;
  secrets: Record<SecretName, string>;
}

type Env = Record<string, string | undefined>;

/** True when running in real AWS Lambda, where dev defaults must not apply. */
export const isDeployed = (env: Env): boolean =>
  Boolean(env.AWS_LAMBDA_FUNCTION_NAME) && env.IS_OFFLINE !== "true";

/** The only stages where dev defaults (and the dev secrets' values) are accepted (docs/decisions.md). */
export const DEV_STAGES: readonly string[] = ["local", "test"];

/**
 * Parses the environment. `fetchSecrets` reads the missing secrets (deployed: from SSM); it is injected so
 * tests can check the deployed rules without AWS.
 */
export async function parseConfig(
  env: Env,
  fetchSecrets: (
    names: Array<SecretName | OptionalSecretName>,
    prefix: string,
  ) => Promise<Partial<Record<SecretName | OptionalSecretName, string>>> = fetchSsm,
): Promise<Config> {
  envSchema ??= buildEnvSchema();
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new AppError("config.invalid", `Invalid configuration: ${issues}`);
  }
  const e = parsed.data as z.infer<ReturnType<typeof buildEnvSchema>> &
    Partial<Record<SecretName | OptionalSecretName, string>>;
  const deployed = isDeployed(env);
  // A deployed Lambda or any stage other than local/test (serverless-offline for `--stage prod` included)
  // needs real secrets: neither a default nor a value equal to a dev default.
  const devDefaults = !deployed && DEV_STAGES.includes(e.STAGE);
  const secrets: Partial<Record<SecretName | OptionalSecretName, string>> = {};
  for (const name of [...SECRET_NAMES, ...OPTIONAL_SECRET_NAMES]) secrets[name] = e[name];
  const missing = [...SECRET_NAMES, ...OPTIONAL_SECRET_NAMES].filter((n) => secrets[n] === undefined);
  if (missing.length > 0 && e.SECRETS_SSM_PREFIX) {
    Object.assign(secrets, await fetchSecrets(missing, e.SECRETS_SSM_PREFIX));
  }
  for (const name of SECRET_NAMES) {
    if (!devDefaults && secrets[name] === DEV_SECRETS[name]) {
      throw new AppError(
        "config.dev_secret",
        `${name} is the dev default, which only the local and test stages accept (stage "${e.STAGE}"): set a real secret`,
      );
    }
    if (secrets[name] !== undefined) continue;
    if (!devDefaults) {
      throw new AppError(
        "config.missing_secret",
        `${name} is not set: put it in SSM Parameter Store under ${e.SECRETS_SSM_PREFIX ?? "<SECRETS_SSM_PREFIX>"}/${name}`,
      );
    }
    secrets[name] = DEV_SECRETS[name];
  }
  const graphUrl = (
    e.META_GRAPH_URL ??
    (deployed ? "https://graph.facebook.com/v21.0" : `http://127.0.0.1:${e.PORT}/dev/graph/v21.0`)
  ).replace(/\/+$/, "");
  return {
    port: e.PORT,
    dataDir: e.DATA_DIR,
    dynamodbEndpoint: e.DYNAMODB_ENDPOINT,
    tableName: e.TABLE_NAME,
    seed: e.SEED,
    graphUrl,
    messengerPageId: e.MESSENGER_PAGE_ID,
    whatsappPhoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID,
    whatsappCatalogId: e.WHATSAPP_CATALOG_ID,
    instagramAccountId: e.INSTAGRAM_ACCOUNT_ID,
    instagramToken: secrets.INSTAGRAM_TOKEN ?? (deployed ? undefined : DEV_OPTIONAL_SECRETS.INSTAGRAM_TOKEN),
    metaAppId: e.META_APP_ID,
    whatsappBusinessAccountId: e.WHATSAPP_BUSINESS_ACCOUNT_ID ?? (deployed ? undefined : LOCAL_WABA_ID),
    region: e.AWS_REGION ?? "us-east-1",
    logLevel: e.LOG_LEVEL,
    deployed,
    claimStaleMs: e.INBOUND_CLAIM_STALE_MS,
    outboxGraceMs: e.OUTBOX_UNCERTAIN_GRACE_MS,
    secrets: Object.fromEntries(SECRET_NAMES.map((n) => [n, secrets[n]])) as Record<SecretName, string>,
  };
}

async function fetchSsm(
  names: Array<SecretName | OptionalSecretName>,
  prefix: string,
): Promise<Partial<Record<SecretName | OptionalSecretName, string>>> {
  // Loaded lazily: only deployed functions with a prefix pay for the SSM client.
  const { SSMClient, GetParametersCommand } = await import("@aws-sdk/client-ssm");
  const client = new SSMClient({});
  const out: Partial<Record<SecretName | OptionalSecretName, string>> = {};
  const res = await client.send(
    new GetParametersCommand({ Names: names.map((n) => `${prefix}/${n}`), WithDecryption: true }),
  );
  for (const p of res.Parameters ?? []) {
    const name = p.Name?.slice(prefix.length + 1) as SecretName | OptionalSecretName | undefined;
    if (name && p.Value) out[name] = p.Value;
  }
  return out;
}

let cached: Promise<Config> | undefined;

/** The configuration of this container, parsed on first use. */
export function getConfig(): Promise<Config> {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Forget the parsed configuration (tests that change the environment). */
export function resetConfig(): void {
  cached = undefined;
}
