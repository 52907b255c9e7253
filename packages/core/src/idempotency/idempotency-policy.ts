import type { HttpMethod, RequestContext } from '../pipeline/context.js';

/**
 * How a provider takes idempotency keys. Declare it only for a provider that
 * honours them (keeps the first result under a key and replays it): a key it
 * ignores would make a retried write look safe when it is not. Without a
 * `header` or an `apply`, no key is sent and a write is repeated only when the
 * failure proves it was not processed.
 */
export interface IdempotencyPolicy {
  /** The header the provider reads the key from, e.g. `Idempotency-Key`; `false` (or left out) for none. */
  header?: string | false;
  /** The methods that get a key (besides any operation declared not idempotent). Default POST and PATCH. */
  methods?: readonly HttpMethod[];
  /**
   * Derives the key from the call's validated input (e.g. `order-${input.orderId}`),
   * so the same logical operation gets the same key even across restarts.
   * Return undefined to have one generated.
   */
  key?(input: unknown): string | undefined;
  /**
   * For providers without a header: put the key where the provider will
   * keep it (a body field, custom args). Called once, before the first
   * attempt; every attempt is a copy, so what it sets is sent on every retry.
   */
  apply?(ctx: RequestContext, key: string): void;
}
