/**
 * esbuild plugins of the Lambda bundles (serverless.yml `custom.esbuild.plugins`; serverless-esbuild
 * requires this file and passes the array to esbuild).
 *
 * lazyBotbuilderCore: botbuilder-core's index requires all of its 46 modules when it loads (the cloud
 * adapter, skills, the test adapter, telemetry, transcript stores, card and message factories …), and its
 * own TurnContext and ActivityHandlerBase require that index. In the bundles, `botbuilder-core`, and that
 * index when required from inside the package, is a generated module with the same exports, each a getter
 * that requires the module defining it the first time it is read: a bundle's module init evaluates the
 * modules the webhook uses (the adapter and handler base classes), not the other forty. The exports are the
 * real index's, found by loading its modules here, at build time; the first module to export a name wins,
 * as in the index.
 *
 * lazyBotframeworkSchema: botframework-schema's index builds zod (v3) schemas when it loads, and
 * botbuilder-core's handler base classes require it when they load, though they read it only while handling
 * an activity. In the bundles, `botframework-schema` is a module with the same exports, each a getter that
 * requires the real index the first time one is read.
 *
 * tests/unit/deploy/esbuildPlugins.test.ts checks that every export of both is the real one. Tests and
 * scripts that import lib/bot directly use the real packages.
 */
const { dirname, join } = require("node:path");
const { readFileSync } = require("node:fs");

const NAMESPACE = "lazy-botbuilder-core";

/** The generated index's source for the botbuilder-core installed under `root`. */
function lazyIndexSource(root) {
  const libDir = join(dirname(require.resolve("botbuilder-core/package.json", { paths: [root] })), "lib");
  const index = readFileSync(join(libDir, "index.js"), "utf8");
  const lines = [
    '"use strict";',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    "const lazy = (load, names) => {",
    "  for (const [name, property] of names)",
    "    Object.defineProperty(exports, name, { enumerable: true, get: () => load()[property ?? name] });",
    "};",
  ];
  const defined = new Set(["__esModule", "default"]);
  /** per module loader, the names it defines: [name] or [name, property] */
  const names = new Map();
  const define = (name, loader, property = name) => {
    defined.add(name);
    names.get(loader).push(property === name ? [name] : [name, property]);
  };
  // Names the index defines one by one (`Object.defineProperty(exports, "N", { … return x_1.P; } })`) are
  // set to undefined before any `__exportStar`, so no star export takes them.
  const picks = [
    ...index.matchAll(
      /Object\.defineProperty\(exports, "(\w+)", \{ enumerable: true, get: function \(\) \{ return (\w+)\.(\w+); \} \}\);/g,
    ),
  ].map(([, name, variable, property]) => ({ name, variable, property }));
  for (const { name } of picks) defined.add(name);
  let modules = 0;
  for (const m of index.matchAll(
    /__exportStar\(require\("([^"]+)"\), exports\)|var (\w+) = require\("([^"]+)"\);/g,
  )) {
    const spec = m[1] ?? m[3];
    // a file of the package by its resolved path; a package stays bare, so the bundle's aliases apply to it
    const path = spec.startsWith(".") ? require.resolve(join(libDir, spec)) : spec;
    const loader = `m${modules++}`;
    lines.push(
      `let ${loader}_;`,
      `const ${loader} = () => (${loader}_ ??= require(${JSON.stringify(path)}));`,
    );
    names.set(loader, []);
    if (m[1]) {
      const real = require(spec.startsWith(".") ? path : require.resolve(spec, { paths: [libDir] }));
      for (const name of Object.keys(real)) if (!defined.has(name)) define(name, loader);
    } else {
      for (const pick of picks.filter((p) => p.variable === m[2])) define(pick.name, loader, pick.property);
    }
  }
  for (const [loader, list] of names)
    if (list.length > 0) lines.push(`lazy(${loader}, ${JSON.stringify(list)});`);
  if (modules < 40 || picks.length === 0)
    throw new Error(
      `botbuilder-core's index (${join(libDir, "index.js")}) no longer reads as expected: see deploy/esbuildPlugins.cjs`,
    );
  return lines.join("\n");
}

const lazyBotbuilderCore = () => ({
  name: "lazy-botbuilder-core",
  setup(build) {
    const root = build.initialOptions.absWorkingDir ?? process.cwd();
    let source;
    build.onResolve({ filter: /^botbuilder-core$/ }, () => ({
      path: "botbuilder-core",
      namespace: NAMESPACE,
    }));
    // the package's own `require(".")` (turnContext, activityHandlerBase)
    build.onResolve({ filter: /^\.(\/index(\.js)?)?$/ }, (args) =>
      /[\\/]node_modules[\\/]botbuilder-core[\\/]lib$/.test(args.resolveDir)
        ? { path: "botbuilder-core", namespace: NAMESPACE }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => {
      source ??= lazyIndexSource(root);
      return { contents: source, loader: "js", resolveDir: root };
    });
  },
});

/** A module with the exports of the package `name` (under `root`), requiring it when one is first read. */
function lazyPackageSource(root, name) {
  const path = require.resolve(name, { paths: [root] });
  return [
    '"use strict";',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    "let real;",
    // by its resolved path, which the plugin does not catch
    `const load = () => (real ??= require(${JSON.stringify(path)}));`,
    `for (const name of ${JSON.stringify(Object.keys(require(path)).filter((n) => n !== "__esModule"))})`,
    "  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });",
  ].join("\n");
}

const lazyBotframeworkSchema = () => ({
  name: "lazy-botframework-schema",
  setup(build) {
    const root = build.initialOptions.absWorkingDir ?? process.cwd();
    let source;
    build.onResolve({ filter: /^botframework-schema$/ }, () => ({
      path: "botframework-schema",
      namespace: "lazy-botframework-schema",
    }));
    build.onLoad({ filter: /.*/, namespace: "lazy-botframework-schema" }, () => {
      source ??= lazyPackageSource(root, "botframework-schema");
      return { contents: source, loader: "js", resolveDir: root };
    });
  },
});

module.exports = [lazyBotbuilderCore(), lazyBotframeworkSchema()];
module.exports.lazyIndexSource = lazyIndexSource;
module.exports.lazyPackageSource = lazyPackageSource;
