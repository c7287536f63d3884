/** A JSON object (not null, not an array): what the channels' lenient readers of Meta's payloads check first. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
