import type { CursorStore, PollCheckpoint } from './cursor-store.js';

/**
 * A {@link CursorStore} in this process's memory: for tests, and for pollers
 * that may start from scratch after a restart (see `createFileCursorStore`).
 */
export function createMemoryCursorStore(): CursorStore {
  const checkpoints = new Map<string, PollCheckpoint>();
  return {
    async get(key) {
      const found = checkpoints.get(key);
      // Copies, so a caller changing what it got cannot change what is stored.
      return found ? structuredClone(found) : undefined;
    },
    async set(key, checkpoint) {
      checkpoints.set(key, structuredClone(checkpoint));
    },
  };
}
