/**
 * Stands in for `botframework-connector` in the Lambda bundles (serverless.yml `custom.esbuild.alias`).
 *
 * botbuilder-core's index loads its Azure Bot Service modules (CloudAdapter, credential factories), which
 * require the connector and with it Azure Identity, MSAL, axios and node-fetch (about 1.3 MB minified). The
 * Meta channels never use them: our adapters extend `BotAdapter` and talk to the Graph API themselves. Two of
 * those modules extend a connector class when they load, so every name here is a class; constructing one
 * (i.e. actually using Azure Bot Service) fails loudly.
 */
const classes = new Map();

function unavailable(name) {
  let c = classes.get(name);
  if (!c) {
    c = class {
      constructor() {
        throw new Error(`botframework-connector is not bundled: ${name} is not available`);
      }
    };
    Object.defineProperty(c, "name", { value: name });
    classes.set(name, c);
  }
  return c;
}

module.exports = new Proxy(
  {},
  {
    get(_target, name) {
      if (typeof name !== "string" || name === "__esModule" || name === "then") return undefined;
      return unavailable(name);
    },
  },
);
