/**
 * Stands in for `botbuilder-stdlib` in the Lambda bundles (serverless.yml `custom.esbuild.alias`).
 *
 * botbuilder-core's storage module (which `ConversationState` loads) requires the package's index only for
 * `stringify`, but the index also loads `AzureCoreHttpCompat`, and with it @azure/core-client,
 * @azure/core-rest-pipeline, @azure/core-http-compat and @typespec/ts-http-runtime: about 180 KiB minified
 * and a tenth of the webhook's module init, for HTTP clients only the Azure Bot Service connector uses
 * (itself replaced by connectorStub.cjs). Everything else is the package's own code, required by a literal
 * relative path (esbuild bundles only literal paths, and does not alias relative ones); `AzureCoreHttpCompat`
 * fails loudly when used.
 */
const AzureCoreHttpCompat = new Proxy(
  {},
  {
    get(_target, name) {
      if (typeof name !== "string" || name === "__esModule" || name === "then") return undefined;
      throw new Error(`botbuilder-stdlib's AzureCoreHttpCompat is not bundled: ${name} is not available`);
    },
  },
);

module.exports = {
  stringExt: require("../../node_modules/botbuilder-stdlib/lib/stringExt.js"),
  AzureCoreHttpCompat,
  delay: require("../../node_modules/botbuilder-stdlib/lib/delay.js").delay,
  maybeCast: require("../../node_modules/botbuilder-stdlib/lib/maybeCast.js").maybeCast,
  retry: require("../../node_modules/botbuilder-stdlib/lib/retry.js").retry,
  stringify: require("../../node_modules/botbuilder-stdlib/lib/stringify.js").stringify,
};
