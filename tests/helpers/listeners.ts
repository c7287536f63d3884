/**
 * The TCP sockets a process listens on, read from Linux's /proc: each LISTEN socket in /proc/net/tcp{,6} whose
 * inode is one of the process's file descriptors. Used to check that the local stack listens on the loopback
 * interface only. Undefined where /proc is not there.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";

export interface Listener {
  address: string;
  port: number;
}

const LISTEN = "0A";

/** "0100007F" (tcp, little-endian words) or a 32-digit tcp6 address, as a readable address. */
export function decodeProcAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => (w.match(/../g) ?? []).reverse().map((b) => Number.parseInt(b, 16)));
  if (bytes.length === 4) return bytes.join(".");
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return `::ffff:${bytes.slice(12).join(".")}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m?.[1]) inodes.add(m[1]);
    } catch {
      // the descriptor closed while we read the list
    }
  }
  return inodes;
}

export function listenersOf(pid: number): Listener[] | undefined {
  if (!existsSync(`/proc/${pid}/fd`)) return undefined;
  const inodes = socketInodes(pid);
  const found: Listener[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [local, state, inode] = [cols[1], cols[3], cols[9]];
      if (!local || state !== LISTEN || !inode || !inodes.has(inode)) continue;
      const [addr = "", port = "0"] = local.split(":");
      found.push({ address: decodeProcAddress(addr), port: Number.parseInt(port, 16) });
    }
  }
  return found;
}

/** The process and all its descendants (from /proc/<pid>/task/<tid>/children). */
export function withDescendants(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    const p = all[i] as number;
    try {
      for (const tid of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${tid}/children`, "utf8").trim();
        if (kids) all.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // the process ended while we walked the tree
    }
  }
  return all;
}

export const isLoopback = (address: string) =>
  address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127.");
