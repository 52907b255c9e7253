import type { HttpMethod, RequestContext } from '../pipeline/context.js';

/** How a connector attaches idempotency keys to side effects. */
export interface IdempotencyPolicy {
  /** The header that carries the key; `false` for providers without one. Default `Idempotency-Key`. */
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
