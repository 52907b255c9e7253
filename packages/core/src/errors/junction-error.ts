/** What an error shows of the request that failed; always already redacted. */
export interface RequestSummary {
  /** The connector's name, e.g. `stripe`. */
  connector?: string;
  /** The operation's name, when the call was a declared operation. */
  operation?: string;
  method: string;
  url: string;
}

/** One retry of a call: the attempt that failed, why it was tried again, and the wait before the next one. */
export interface RetryHistoryEntry {
  /** The attempt that failed, from 1. */
  attempt: number;
  /** The retry reason, as in the `retry` event (`server_error: 503`, `network: ECONNRESET`); redacted. */
  reason: string;
  /** How long the retry layer waited before the next attempt. */
  delayMs: number;
}

/** Options shared by every Junction error. */
export interface JunctionErrorOptions {
  cause?: unknown;
  request?: RequestSummary;
}

const brandOf = (name: string): symbol => Symbol.for(`junction.error.${name}`);

/** Marks `error` as an instance of the named class, in a way that survives duplicate installs. */
export function brand(error: object, name: string): void {
  Object.defineProperty(error, brandOf(name), { value: true, enumerable: false });
}

/** True when `value` carries the brand of the named error class. */
export function hasBrand(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brandOf(name)] === true;
}

/**
 * The base of every error Junction throws. Check with {@link isJunctionError}
 * rather than `instanceof`: brands work across duplicate copies of the package.
 * Every field is safe to log: secrets are removed before an error is built.
 */
export class JunctionError extends Error {
  /** The request that failed, when there was one (redacted). */
  readonly request?: RequestSummary;
  // Set by the retry layer on a call's final error, only when it made more than one attempt.
  /** How many attempts the call made, when there was more than one. */
  declare readonly attempts?: number;
  /** The time the call spent on all its attempts and the waits between them, in milliseconds (set with `attempts`). */
  declare readonly elapsedMs?: number;
  /** Why each retry was made, oldest first (set with `attempts`). */
  declare readonly retryHistory?: readonly RetryHistoryEntry[];

  constructor(message: string, options: JunctionErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.request) this.request = options.request;
    brand(this, 'JunctionError');
  }

  /** A plain, loggable form of the error. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause' && value !== undefined) out[key] = value;
    }
    return out;
  }

  /** Node's `util.inspect` shows the same fields as `toJSON`, plus the stack. */
  [Symbol.for('nodejs.util.inspect.custom')](
    _depth: number,
    options: unknown,
    inspect: (value: unknown, options: unknown) => string,
  ): string {
    const { name: _n, message: _m, ...fields } = this.toJSON();
    const extra = Object.keys(fields).length > 0 ? ` ${inspect(fields, options)}` : '';
    return `${this.stack ?? `${this.name}: ${this.message}`}${extra}`;
  }
}

/** True for any error thrown by Junction. */
export function isJunctionError(value: unknown): value is JunctionError {
  return hasBrand(value, 'JunctionError');
}
