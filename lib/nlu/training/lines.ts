import type { Intent } from "../types";

/** Training examples of one locale by intent; `{product}` stands for any product name. */
export type Examples = Record<Intent, string[]>;

/** One example per non-empty line. */
export const lines = (block: string): string[] =>
  block
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
