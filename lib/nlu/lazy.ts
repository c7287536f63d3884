/**
 * Word sets the NLU derives from its lexicons (stopword keys, filler words) are computed at their first
 * use, not when a bundle is imported: a Lambda's module init should not tokenize word lists.
 */
export class LazySet<T> implements ReadonlySet<T> {
  private set: Set<T> | undefined;

  constructor(private readonly build: () => Iterable<T>) {}

  private get members(): Set<T> {
    this.set ??= new Set(this.build());
    return this.set;
  }

  has(value: T): boolean {
    return this.members.has(value);
  }

  get size(): number {
    return this.members.size;
  }

  forEach(callback: (value: T, value2: T, set: ReadonlySet<T>) => void, thisArg?: unknown): void {
    for (const v of this.members) callback.call(thisArg, v, v, this);
  }

  entries(): SetIterator<[T, T]> {
    return this.members.entries();
  }

  keys(): SetIterator<T> {
    return this.members.keys();
  }

  values(): SetIterator<T> {
    return this.members.values();
  }

  [Symbol.iterator](): SetIterator<T> {
    return this.members[Symbol.iterator]();
  }
}
