import type { SavedResponse } from './saved-response.js';

/** What is known about one key: still running, or done with its response saved. */
export type KeyEntry =
  | { state: 'in-flight'; fingerprint: string }
  | { state: 'done'; fingerprint: string; response: SavedResponse; requestId: string };

/** The keys an endpoint has seen, in order of first use. */
export class IdempotencyStore {
  readonly #entries = new Map<string, KeyEntry>();

  get(key: string): KeyEntry | undefined {
    return this.#entries.get(key);
  }

  /** Marks `key` as taken by a request that is running now. */
  begin(key: string, fingerprint: string): void {
    this.#entries.set(key, { state: 'in-flight', fingerprint });
  }

  /** Saves the response the key will replay from now on. */
  finish(key: string, fingerprint: string, response: SavedResponse, requestId: string): void {
    this.#entries.set(key, { state: 'done', fingerprint, response, requestId });
  }

  /** Frees a key whose request failed before it produced anything worth replaying. */
  abandon(key: string): void {
    this.#entries.delete(key);
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }

  clear(): void {
    this.#entries.clear();
  }
}
