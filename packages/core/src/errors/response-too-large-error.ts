import { brand, hasBrand, JunctionError, type JunctionErrorOptions } from './junction-error.js';

/** Options for {@link ResponseTooLargeError}. */
export interface ResponseTooLargeErrorOptions extends JunctionErrorOptions {
  /** The limit that was passed, in bytes. */
  limitBytes: number;
  /** The size the server announced in `content-length`, when it did. */
  declaredBytes?: number;
  /** The response's status. */
  status: number;
}

/**
 * The response body was larger than `maxResponseBytes` allows. It was
 * refused before it was read whole (from `content-length`, or while
 * streaming), so one huge answer cannot exhaust memory. Not retried: the
 * same request would get the same body.
 */
export class ResponseTooLargeError extends JunctionError {
  readonly limitBytes: number;
  readonly declaredBytes?: number;
  readonly status: number;
  readonly retryable = false;

  constructor(message: string, options: ResponseTooLargeErrorOptions) {
    super(message, options);
    this.limitBytes = options.limitBytes;
    if (options.declaredBytes !== undefined) this.declaredBytes = options.declaredBytes;
    this.status = options.status;
    brand(this, 'ResponseTooLargeError');
  }
}

/** True when `value` is a {@link ResponseTooLargeError}. */
export function isResponseTooLargeError(value: unknown): value is ResponseTooLargeError {
  return hasBrand(value, 'ResponseTooLargeError');
}
