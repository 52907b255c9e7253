/** One kind of object a sandbox keeps, by id, in creation order. */
export class Collection<T> {
  readonly #items = new Map<string, T>();

  /** Adds or replaces the object with `id`. */
  set(id: string, value: T): T {
    this.#items.set(id, value);
    return value;
  }

  get(id: string): T | undefined {
    return this.#items.get(id);
  }

  has(id: string): boolean {
    return this.#items.has(id);
  }

  delete(id: string): boolean {
    return this.#items.delete(id);
  }

  /** Every object, oldest first. */
  all(): T[] {
    return [...this.#items.values()];
  }

  /** The ids, oldest first (read like a `Map`, so tests written against one keep working). */
  keys(): IterableIterator<string> {
    return this.#items.keys();
  }

  /** The objects, oldest first. */
  values(): IterableIterator<T> {
    return this.#items.values();
  }

  /** `[id, object]` pairs, oldest first. */
  entries(): IterableIterator<[string, T]> {
    return this.#items.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, T]> {
    return this.#items.entries();
  }

  get size(): number {
    return this.#items.size;
  }

  clear(): void {
    this.#items.clear();
  }
}

/** Typed collections, one per kind of object, that handlers write and tests read. */
export type ObjectStore<TShape extends Record<string, unknown>> = { readonly [K in keyof TShape]: Collection<TShape[K]> } & {
  /** Empties every collection. */
  clear(): void;
};

/**
 * A sandbox's state: `createObjectStore<{ notes: Note; users: User }>(['notes', 'users'])`
 * gives `store.notes` and `store.users`, each a {@link Collection}.
 */
export function createObjectStore<TShape extends Record<string, unknown>>(kinds: readonly (keyof TShape & string)[]): ObjectStore<TShape> {
  const collections = Object.fromEntries(kinds.map((kind) => [kind, new Collection()]));
  return Object.assign(collections, {
    clear() {
      for (const kind of kinds) (collections[kind] as Collection<unknown>).clear();
    },
  }) as unknown as ObjectStore<TShape>;
}
