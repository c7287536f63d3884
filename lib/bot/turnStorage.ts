/**
 * botbuilder `Storage` over a loaded turn (lib/turn): the dialog state was read with the shopper's
 * conversation in the turn's single request, and what botbuilder writes is kept on the turn until its single
 * commit (lib/store/turn.ts), which writes it only over the conversation revision it read. The eTag is that
 * revision: a write with an eTag other than the loaded one is refused, as MemoryStorage refuses a stale one.
 */
import type { Storage, StoreItems } from "botbuilder-core";
import type { Turn } from "../turn/turn";

export class TurnStorage implements Storage {
  constructor(private readonly turn: Turn) {}

  private get eTag(): string {
    return String(this.turn.load.conversation?.turnRev ?? 0);
  }

  async read(storageKeys: string[]): Promise<StoreItems> {
    if (!storageKeys) throw new ReferenceError("Keys are required when reading.");
    const out: StoreItems = {};
    for (const key of storageKeys) {
      const state = this.turn.dialog[key];
      if (state !== undefined) out[key] = { ...structuredClone(state as object), eTag: this.eTag };
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError("Changes are required when writing.");
    for (const [key, value] of Object.entries(changes)) {
      const { eTag, ...state } = (value ?? {}) as { eTag?: unknown } & Record<string, unknown>;
      if (eTag && eTag !== "*" && eTag !== this.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      this.turn.dialog[key] = structuredClone(state);
      this.turn.dialogChanged = true;
    }
  }

  async delete(storageKeys: string[]): Promise<void> {
    for (const key of storageKeys) {
      if (key in this.turn.dialog) {
        delete this.turn.dialog[key];
        this.turn.dialogChanged = true;
      }
    }
  }
}
