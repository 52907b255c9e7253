/** A module imported on first use: `load()` imports it once; `loaded` holds it from then on. */
export interface LazyModule<T> {
  /** The module once loaded, so a hot path can skip the await. */
  readonly loaded: T | undefined;
  /** Imports the module (once) and resolves with it. */
  load(): Promise<T>;
}

/**
 * Defers a dependency's import to its first use. Importing core then costs
 * only what every user needs, and an ESM-only dependency reached by a native
 * `import()` loads the same way from core's CommonJS build (a bundled
 * `require` of it would hand over the namespace instead of its default export).
 */
export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let loaded: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    get loaded() {
      return loaded;
    },
    load() {
      loading ??= importer().then((module) => {
        loaded = module;
        return module;
      });
      return loading;
    },
  };
}
