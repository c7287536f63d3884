import type { Intent } from "../types";

/** Training examples of one locale by intent; `{product}` stands for any product name. */
export type Examples = Record<Intent, string[]>;

/** One example per non-empty line. */
export const lines = (block: string): string[] =>
  block
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/**
 * Extra examples for some intents (customer-support requests), merged into a locale's `Examples`. Policy
 * questions come by topic (a concept of vocab/cues.ts: `refund`, `cancel` …): they train the intent, and
 * the topic reader that points a question worded unlike any merchant example to the answer on its topic.
 */
export type SupportExamples = Partial<Omit<Examples, "faq">> & { faq?: Record<string, string[]> };

/** A locale's examples with its support requests added. */
export const merge = (base: Examples, extra: SupportExamples): Examples => {
  const out = { ...base };
  const { faq, ...rest } = extra;
  for (const [intent, examples] of Object.entries(rest) as [keyof Examples, string[]][])
    out[intent] = [...base[intent], ...examples];
  if (faq) out.faq = [...base.faq, ...Object.values(faq).flat()];
  return out;
};
