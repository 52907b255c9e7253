import type { WebhookHeaders } from '../verify/types.js';

/** What a declaration's `id` and `type` functions may read besides the event itself. */
export interface DeliveryContext {
  /** A request header by name, in any case; `undefined` when absent. For ids sent in a header (Standard Webhooks' `webhook-id`). */
  header(name: string): string | undefined;
  /** What the verifier returned, e.g. `{ id, timestamp, keyIndex }` from the presets. */
  readonly verified: unknown;
}

/** A {@link DeliveryContext} over any header shape. */
export function deliveryContext(headers: WebhookHeaders, verified: unknown): DeliveryContext {
  return {
    header(name) {
      return readHeader(headers, name);
    },
    verified,
  };
}

/** One header's value in any header shape; a repeated header gives its first value. */
export function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value[0];
  }
  return undefined;
}
