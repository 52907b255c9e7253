import type { HttpMethod, RequestContext } from '../pipeline/context.js';

/** How a connector attaches idempotency keys to side effects. */
export interface IdempotencyPolicy {
  /** The header that carries the key; `false` for providers without one. Default `Idempotency-Key`. */
  header?: string | false;
  /** The methods that get a key. Default POST and PATCH. */
  methods?: readonly HttpMethod[];
  /**
   * For providers without a header: put the key where the provider will
   * keep it (a body field, custom args). Called once per attempt.
   */
  apply?(ctx: RequestContext, key: string): void;
}
