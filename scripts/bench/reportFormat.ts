/** What the bench report's parts share: the section shape, the turn kinds and channels, number formats. */
import type { ChannelId } from "../../lib/channels/types";
import type { BenchResults } from "./report";

export interface Section {
  title: string;
  headers?: string[];
  rows?: string[][];
  notes: string[];
}

export const KINDS = ["question", "redelivery", "add (tap)", "add (text)", "checkout step", "order"] as const;
export const PHASE_OF: Record<(typeof KINDS)[number], string> = {
  question: "questions",
  redelivery: "redeliveries",
  "add (tap)": "adds",
  "add (text)": "adds",
  "checkout step": "checkouts",
  order: "checkouts",
};
export const WEBHOOK_OF: Record<ChannelId, string> = {
  messenger: "webhookMessenger",
  whatsapp: "webhookWhatsapp",
  instagram: "webhookInstagram",
};
export const CHANNELS: ChannelId[] = ["messenger", "whatsapp"];

export const x = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `×${(a / b).toFixed(1)}` : "–");
export const usd = (v: number) => `$${v.toFixed(5)}`;
export const n2 = (v: number) => v.toFixed(2);

export function memoryOf(r: BenchResults, channel: ChannelId): number {
  return r.functions?.find((f) => f.name === WEBHOOK_OF[channel])?.memoryMb ?? 1024;
}
