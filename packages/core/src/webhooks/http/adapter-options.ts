import { ConfigurationError } from '../../errors/configuration-error.js';

/** The default body size limit: 1 MiB, well above what providers send (Stripe caps events far below it). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Options every HTTP adapter takes. */
export interface WebhookAdapterOptions {
  /** Bodies larger than this answer 413 without being read into memory. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Called for every delivery refused or failed (bad signature, malformed
   * body, a handler threw), with the typed error, for your logs and metrics.
   * Default: one line on `console.error`, so failures are never silent.
   */
  onError?: (error: unknown) => void;
}

/** The limit to apply, checked once. */
export function maxBodyBytes(options: WebhookAdapterOptions): number {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!(limit > 0)) throw new ConfigurationError(`maxBodyBytes must be a positive number of bytes; got ${limit}.`);
  return limit;
}

/** The error reporter to use. */
export function errorReporter(options: WebhookAdapterOptions): (error: unknown) => void {
  return (
    options.onError ??
    ((error) => {
      // The message only: Junction errors never carry secrets, and a stack adds nothing for a refused delivery.
      console.error(`[junction] webhook not handled: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    })
  );
}
