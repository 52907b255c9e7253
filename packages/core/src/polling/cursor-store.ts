/**
 * Where a poller is in the provider's event list: the cursor after the last
 * fully handled page, and the ids already handled in the page after it. The
 * ids let a restarted poller skip events handled just before it stopped,
 * even when the dedupe store did not survive the restart.
 */
export interface PollCheckpoint {
  /** The cursor to list from; absent before the first page is done. */
  cursor?: string;
  /** Ids of events after `cursor` that are already handled. */
  handled?: string[];
}

/**
 * Keeps poll checkpoints across restarts. Small and async, so a shared
 * implementation (Redis, a database row) can replace the built-in ones.
 * Values must survive JSON.
 */
export interface CursorStore {
  /** The checkpoint under `key`, or undefined when there is none yet. */
  get(key: string): Promise<PollCheckpoint | undefined>;
  /** Replaces the checkpoint under `key`; resolves once it is durable. */
  set(key: string, checkpoint: PollCheckpoint): Promise<void>;
}
