/**
 * `npm start`: the whole stack on http://localhost:${PORT:-3000}. Ctrl-C (SIGINT) or SIGTERM stops it all,
 * the DynamoDB Local JVM included.
 */
import { startStack } from "./stack";

const started = Date.now();
const stack = await startStack({
  verbose: process.env.VERBOSE === "1",
  ...(process.env.ESBUILD_WORK_FOLDER ? { buildDir: process.env.ESBUILD_WORK_FOLDER } : {}),
});
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(JSON.stringify({ level: "info", event: "stack.stopping", signal }));
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
console.log(
  JSON.stringify({
    level: "info",
    event: "stack.ready",
    ms: Date.now() - started,
    pids: stack.pids,
    pages: {
      chat: `${stack.url}/chat`,
      inbox: `${stack.url}/inbox`,
      admin: `${stack.url}/admin?token=dev-admin-token`,
    },
    webhooks: ["messenger", "whatsapp", "instagram"].map((c) => `${stack.url}/webhooks/${c}`),
  }),
);
