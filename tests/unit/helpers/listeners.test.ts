import { describe, expect, it } from "vitest";
import { decodeProcAddress, isLoopback, listenersOf } from "../../helpers/listeners";

describe("reading listeners from /proc", () => {
  it.each([
    ["0100007F", "127.0.0.1"],
    ["00000000", "0.0.0.0"],
    ["0000000000000000FFFF00000100007F", "::ffff:127.0.0.1"],
    ["00000000000000000000000000000000", "::"],
    ["00000000000000000000000001000000", "::1"],
  ])("decodes %s as %s", (hex, address) => {
    expect(decodeProcAddress(hex)).toBe(address);
  });

  it("tells loopback from every-interface addresses", () => {
    expect(["127.0.0.1", "::1", "::ffff:127.0.0.1"].every(isLoopback)).toBe(true);
    expect(["0.0.0.0", "::", "192.168.1.4"].some(isLoopback)).toBe(false);
  });

  it.skipIf(process.platform !== "linux")("finds a server this process opened, on its address", async () => {
    const { createServer } = await import("node:net");
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      expect(listenersOf(process.pid)).toContainEqual({ address: "127.0.0.1", port });
    } finally {
      server.close();
    }
  });
});
