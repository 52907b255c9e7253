import type { HttpMethod } from '../pipeline/context.js';
import type { IdempotencyPolicy } from './idempotency-policy.js';

/** The defaults: no header (a provider's must be declared), and keys on POST and PATCH once one is. */
export const IDEMPOTENCY_DEFAULTS = Object.freeze({
  methods: Object.freeze(['POST', 'PATCH']) as readonly HttpMethod[],
});

/** An idempotency policy with its header and methods filled in. */
export interface ResolvedIdempotencyPolicy extends IdempotencyPolicy {
  /** The header name, or undefined when the provider takes none. */
  header: string | undefined;
  methods: readonly HttpMethod[];
}

/** Merges idempotency settings, least specific first (connector, client): each field of a later level replaces the earlier one. */
export function resolveIdempotencyPolicy(...levels: (IdempotencyPolicy | undefined)[]): ResolvedIdempotencyPolicy {
  const merged: IdempotencyPolicy = {};
  for (const level of levels) Object.assign(merged, definedOnly(level ?? {}));
  const { header } = merged;
  return {
    ...merged,
    header: header === false || header === '' ? undefined : header,
    methods: merged.methods ?? IDEMPOTENCY_DEFAULTS.methods,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
