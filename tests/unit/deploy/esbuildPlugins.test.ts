/**
 * The bundles' stand-ins for botbuilder packages (deploy/esbuildPlugins.cjs, lib/bot/stdlibStub.cjs) must
 * export what the real packages export, the very same values, so that only when modules load changes.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, "../../..");
const { lazyIndexSource, lazyPackageSource } = require(join(root, "deploy/esbuildPlugins.cjs")) as {
  lazyIndexSource: (root: string) => string;
  lazyPackageSource: (root: string, name: string) => string;
};

describe("the lazy botbuilder-core index", () => {
  it("exports every name of the real index, each the real value, loading nothing until read", () => {
    const real = require("botbuilder-core") as Record<string, unknown>;
    const required: string[] = [];
    const lazy: Record<string, unknown> = {};
    const load = (id: string) => {
      required.push(id);
      return require(id);
    };
    new Function("exports", "require", lazyIndexSource(root))(lazy, load);
    expect(required).toEqual([]);
    expect(Object.keys(lazy).sort()).toEqual(Object.keys(real).sort());
    for (const name of Object.keys(real)) expect(lazy[name], name).toBe(real[name]);
    expect(lazy.__esModule).toBe(true);
  });
});

describe("the lazy botframework-schema", () => {
  it("exports every name of the real package, each the real value, loading it only when one is read", () => {
    const real = require("botframework-schema") as Record<string, unknown>;
    const required: string[] = [];
    const lazy: Record<string, unknown> = {};
    const load = (id: string) => {
      required.push(id);
      return require(id);
    };
    new Function("exports", "require", lazyPackageSource(root, "botframework-schema"))(lazy, load);
    expect(required).toEqual([]);
    expect(Object.keys(lazy).sort()).toEqual(Object.keys(real).sort());
    for (const name of Object.keys(real)) expect(lazy[name], name).toBe(real[name]);
    expect(required).toHaveLength(1);
  });
});

describe("the botbuilder-stdlib stand-in", () => {
  it("exports the real package's functions, and no Azure HTTP layer", () => {
    const real = require("botbuilder-stdlib") as Record<string, unknown>;
    const stub = require(join(root, "lib/bot/stdlibStub.cjs")) as Record<string, unknown>;
    expect(Object.keys(stub).sort()).toEqual(Object.keys(real).sort());
    for (const name of ["delay", "maybeCast", "retry", "stringify"])
      expect(stub[name], name).toBe(real[name]);
    expect(stub.stringExt).toBe(real.stringExt);
    expect(() => (stub.AzureCoreHttpCompat as Record<string, unknown>).addHeader).toThrow(/not bundled/);
  });
});
