/** A response kept for replay. */
export interface SavedResponse {
  status: number;
  body: string;
  requestId: string;
}

type Entry = { state: 'running'; fingerprint: string } | ({ state: 'done'; fingerprint: string } & SavedResponse);

/** What the ledger says about an incoming keyed request. */
export type LedgerVerdict = { kind: 'new' } | { kind: 'replay'; saved: SavedResponse } | { kind: 'in_use' } | { kind: 'mismatch' };

/**
 * Idempotency keys as Stripe keeps them: per account, the first result
 * (success, decline or server error) is saved and replayed to a request with
 * the same key and parameters; other parameters are refused; a key whose
 * request is still running is refused with 409. A request that failed
 * validation, or hit a limit, saves nothing, so its key can be used again.
 */
export class IdempotencyLedger {
  readonly #entries = new Map<string, Entry>();

  check(scope: string, key: string, fingerprint: string): LedgerVerdict {
    const entry = this.#entries.get(`${scope}\n${key}`);
    if (!entry) return { kind: 'new' };
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (entry.state === 'running') return { kind: 'in_use' };
    return { kind: 'replay', saved: entry };
  }

  begin(scope: string, key: string, fingerprint: string): void {
    this.#entries.set(`${scope}\n${key}`, { state: 'running', fingerprint });
  }

  /** Saves the result for replay, or frees the key when the result is not one Stripe keeps. */
  finish(scope: string, key: string, fingerprint: string, response: SavedResponse): void {
    const id = `${scope}\n${key}`;
    if (isSaved(response.status)) this.#entries.set(id, { state: 'done', fingerprint, ...response });
    else this.#entries.delete(id);
  }

  /** The keys seen (with their scope), for tests. */
  keys(): string[] {
    return [...this.#entries.keys()].map((k) => k.split('\n')[1] as string);
  }

  clear(): void {
    this.#entries.clear();
  }
}

// Saved: what the endpoint produced once it ran (success, a decline, a server error).
// Not saved: validation failures, missing objects, auth, rate limits, conflicts.
function isSaved(status: number): boolean {
  return status < 400 || status === 402 || status >= 500;
}
