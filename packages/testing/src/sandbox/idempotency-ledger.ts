import { keyInUseResponse, keyReusedResponse } from './idempotency-responses.js';
import { replay, type SavedResponse, saveResponse } from './saved-response.js';

/** What one key's first request left: still running, or its response kept for replay. */
type LedgerEntry =
  | { state: 'in-flight'; fingerprint: string }
  | { state: 'done'; fingerprint: string; response: SavedResponse; requestId: string };

/** One keyed request, as the ledger needs to know it. */
export interface LedgerRequest {
  /** The idempotency key the client sent. */
  key: string;
  /** The exact request the key covers (method, path, parameters): another request with the key is a mismatch. */
  fingerprint: string;
  /** This request's id, quoted as `Original-Request` when its response is replayed. */
  requestId: string;
  /** Keeps keys apart per account or API key, as providers do. Default: one scope. */
  scope?: string;
}

/** How a provider keeps idempotency keys. Every option defaults to Stripe's behaviour, the reference. */
export interface IdempotencyLedgerOptions {
  /** The header that carries the key. Default `Idempotency-Key`. */
  header?: string;
  /**
   * Whether a response is kept for replay. Default: every response. Stripe
   * keeps what the endpoint produced (2xx, 402, 5xx) but not validation
   * failures or conflicts, so the key can be used again after a fix.
   */
  saves?: (status: number) => boolean;
  /** Headers added to a replay. Default `Idempotent-Replayed: true`, `Original-Request` and this `Request-Id`. */
  replayHeaders?: (original: { requestId: string }, requestId: string) => Record<string, string>;
  /** The answer when a key comes back with other parameters. Default Stripe's 400 `idempotency_error`. */
  mismatch?: (key: string, requestId: string) => Response;
  /** The answer while the key's first request still runs. Default Stripe's 409 `idempotency_key_in_use`. */
  inFlight?: (key: string, requestId: string) => Response;
  /** Reads the scope of a request (e.g. its API key and account). Default: one scope for all. */
  scope?: (request: Request) => string;
  /**
   * The methods whose keys the provider honours. Default every method but
   * GET and HEAD; Stripe takes keys on POST only (a key on DELETE has no effect).
   */
  methods?: readonly string[];
}

/**
 * The record of idempotency keys a provider keeps: the first response for a
 * key is saved and replayed to later requests with the same key and
 * parameters; the same key with other parameters, or while its first request
 * still runs, gets the provider's error. `idempotentEndpoint` and
 * `defineSandbox` both answer through it.
 */
export class IdempotencyLedger {
  /** The header that carries the key. */
  readonly header: string;
  readonly #options: IdempotencyLedgerOptions;
  readonly #entries = new Map<string, LedgerEntry>();

  constructor(options: IdempotencyLedgerOptions = {}) {
    this.header = options.header ?? 'Idempotency-Key';
    this.#options = options;
  }

  /** Whether the provider honours a key on a request with `method`, from the `methods` option. */
  honours(method: string): boolean {
    const upper = method.toUpperCase();
    return this.#options.methods ? this.#options.methods.some((m) => m.toUpperCase() === upper) : upper !== 'GET' && upper !== 'HEAD';
  }

  /** The scope of `request`, from the `scope` option. */
  scopeOf(request: Request): string {
    return this.#options.scope?.(request) ?? '';
  }

  /**
   * Answers one keyed request: a replay, a mismatch or in-flight error, or
   * what `perform` makes (saved when `saves` says so). If `perform` throws,
   * the key is freed and the error passes on.
   */
  async run(request: LedgerRequest, perform: () => Promise<Response>): Promise<Response> {
    const id = `${request.scope ?? ''}\n${request.key}`;
    const entry = this.#entries.get(id);
    if (entry?.state === 'in-flight') return (this.#options.inFlight ?? keyInUseResponse)(request.key, request.requestId);
    if (entry) {
      if (entry.fingerprint !== request.fingerprint) return (this.#options.mismatch ?? keyReusedResponse)(request.key, request.requestId);
      return replay(entry.response, (this.#options.replayHeaders ?? defaultReplayHeaders)(entry, request.requestId));
    }
    this.#entries.set(id, { state: 'in-flight', fingerprint: request.fingerprint });
    let response: Response;
    try {
      response = await perform();
    } catch (error) {
      this.#entries.delete(id);
      throw error;
    }
    if (!(this.#options.saves?.(response.status) ?? true)) {
      this.#entries.delete(id);
      return response;
    }
    const saved = await saveResponse(response);
    this.#entries.set(id, { state: 'done', fingerprint: request.fingerprint, response: saved, requestId: request.requestId });
    return replay(saved, {});
  }

  /** The keys seen, in order of first use (finished or still in flight). */
  keys(): string[] {
    return [...this.#entries.keys()].map((id) => id.slice(id.indexOf('\n') + 1));
  }

  /** Forgets every key. */
  clear(): void {
    this.#entries.clear();
  }
}

function defaultReplayHeaders(original: { requestId: string }, requestId: string): Record<string, string> {
  return { 'idempotent-replayed': 'true', 'original-request': original.requestId, 'request-id': requestId };
}

/** The same parameters in a stable order, so one request always has one fingerprint. */
export function fingerprintOf(method: string, pathname: string, params: unknown): string {
  return `${method.toUpperCase()} ${pathname}\n${canonical(params)}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
