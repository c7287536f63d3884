import { describe, expect, it, vi } from "vitest";
import { parseConfig } from "../../../lib/config";

describe("config", () => {
  it("has the documented local defaults", async () => {
    const c = await parseConfig({});
    expect(c).toMatchObject({
      port: 3000,
      dataDir: ".data",
      tableName: "chatcart",
      seed: "demo",
      graphUrl: "http://127.0.0.1:3000/dev/graph/v21.0",
      messengerPageId: "100000000000001",
      whatsappPhoneNumberId: "200000000000002",
      deployed: false,
    });
    expect(c.secrets).toEqual({
      META_APP_SECRET: "dev-app-secret",
      META_VERIFY_TOKEN: "dev-verify-token",
      MESSENGER_PAGE_TOKEN: "dev-page-token",
      WHATSAPP_TOKEN: "dev-wa-token",
      ADMIN_TOKEN: "dev-admin-token",
      AGENT_TOKEN: "dev-agent-token",
    });
  });

  it("follows PORT in the local Graph URL and trims a trailing slash from META_GRAPH_URL", async () => {
    expect((await parseConfig({ PORT: "4100" })).graphUrl).toBe("http://127.0.0.1:4100/dev/graph/v21.0");
    expect((await parseConfig({ META_GRAPH_URL: "http://127.0.0.1:9/v21.0/" })).graphUrl).toBe(
      "http://127.0.0.1:9/v21.0",
    );
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["SEED", "everything"],
    ["TABLE_NAME", "no spaces allowed"],
    ["MESSENGER_PAGE_ID", "page-1"],
    ["DYNAMODB_ENDPOINT", "not a url"],
  ])("names %s when its value %j is invalid", async (name, value) => {
    await expect(parseConfig({ [name]: value })).rejects.toThrow(name);
  });

  describe("deployed (in Lambda, not serverless-offline)", () => {
    const lambda = { AWS_LAMBDA_FUNCTION_NAME: "chatcart-prod-webhookWhatsapp" };

    it("refuses to start without a secret, naming it; dev defaults do not apply", async () => {
      await expect(parseConfig(lambda)).rejects.toThrow(/META_APP_SECRET is not set/);
    });

    it("reads missing secrets from SSM under the prefix and uses Meta's Graph API", async () => {
      const fetchSecrets = vi.fn(async (names: string[]) =>
        Object.fromEntries(names.map((n) => [n, `ssm-${n}`])),
      );
      const c = await parseConfig(
        { ...lambda, SECRETS_SSM_PREFIX: "/chatcart/prod", WHATSAPP_TOKEN: "from-env" },
        fetchSecrets,
      );
      expect(fetchSecrets).toHaveBeenCalledWith(
        expect.not.arrayContaining(["WHATSAPP_TOKEN"]),
        "/chatcart/prod",
      );
      expect(c.secrets.META_APP_SECRET).toBe("ssm-META_APP_SECRET");
      expect(c.secrets.WHATSAPP_TOKEN).toBe("from-env");
      expect(c.graphUrl).toBe("https://graph.facebook.com/v21.0");
      expect(c.deployed).toBe(true);
    });

    it("names the secret SSM did not have", async () => {
      const fetchSecrets = async () => ({ META_APP_SECRET: "x" });
      await expect(
        parseConfig({ ...lambda, SECRETS_SSM_PREFIX: "/chatcart/prod" }, fetchSecrets),
      ).rejects.toThrow(
        "META_VERIFY_TOKEN is not set: put it in SSM Parameter Store under /chatcart/prod/META_VERIFY_TOKEN",
      );
    });

    it("serverless-offline counts as local", async () => {
      expect((await parseConfig({ ...lambda, IS_OFFLINE: "true" })).deployed).toBe(false);
    });
  });

  describe("stages: only local and test accept dev defaults", () => {
    const real = {
      META_APP_SECRET: "s1",
      META_VERIFY_TOKEN: "s2",
      MESSENGER_PAGE_TOKEN: "s3",
      WHATSAPP_TOKEN: "s4",
      ADMIN_TOKEN: "s5",
      AGENT_TOKEN: "s6",
    };

    it("accepts dev defaults on the local and test stages", async () => {
      for (const STAGE of ["local", "test"]) {
        expect((await parseConfig({ STAGE })).secrets.ADMIN_TOKEN).toBe("dev-admin-token");
      }
    });

    it("refuses a stage other than local/test without a secret, naming it, even outside Lambda", async () => {
      await expect(parseConfig({ STAGE: "dev", IS_OFFLINE: "true" })).rejects.toThrow(
        /META_APP_SECRET is not set/,
      );
      await expect(parseConfig({ STAGE: "staging", ...real, AGENT_TOKEN: undefined })).rejects.toThrow(
        /AGENT_TOKEN is not set/,
      );
    });

    it("refuses a dev default's value on a stage other than local/test, naming the variable", async () => {
      await expect(parseConfig({ STAGE: "dev", ...real, ADMIN_TOKEN: "dev-admin-token" })).rejects.toThrow(
        /ADMIN_TOKEN is the dev default.*stage "dev"/,
      );
    });

    it("starts on any stage with real secrets", async () => {
      const c = await parseConfig({ STAGE: "dev", ...real });
      expect(c.secrets).toEqual(real);
    });
  });
});

describe("config: Instagram", () => {
  it("has local defaults for the Instagram account and token", async () => {
    const c = await parseConfig({});
    expect(c.instagramAccountId).toBe("178414000000003");
    expect(c.instagramToken).toBe("dev-ig-token");
  });

  it("deployed without an Instagram token, the channel is off instead of the function failing", async () => {
    const fetchSecrets = async (names: string[]) =>
      Object.fromEntries(names.filter((n) => n !== "INSTAGRAM_TOKEN").map((n) => [n, `ssm-${n}`]));
    const c = await parseConfig(
      { AWS_LAMBDA_FUNCTION_NAME: "chatcart-prod-webhookInstagram", SECRETS_SSM_PREFIX: "/chatcart/prod" },
      fetchSecrets,
    );
    expect(c.instagramToken).toBeUndefined();
    expect(c.secrets.META_APP_SECRET).toBe("ssm-META_APP_SECRET");
  });

  it("names INSTAGRAM_ACCOUNT_ID when it is not numeric", async () => {
    await expect(parseConfig({ INSTAGRAM_ACCOUNT_ID: "ig-1" })).rejects.toThrow("INSTAGRAM_ACCOUNT_ID");
  });
});
