import type { SandboxCall, SandboxHandler, SandboxHandlers, SandboxParams } from '@junction/testing';
import type { StripeConnector } from '../stripe-connector.js';
import { readKey } from './authenticate.js';
import type { EventOrigin } from './event-log.js';
import { applyExpand } from './expand.js';
import type { SandboxRuntime } from './runtime.js';
import { errorResponse, jsonResponse, SandboxError } from './sandbox-error.js';

type Operations = StripeConnector['operations'];

/** One request as a Stripe handler sees it: the account's store and what its events record. */
export type StripeRequest = EventOrigin;

/** Answers one operation with a JSON body (status 200), or throws a `SandboxError`. */
export type StripeHandler<O> = (params: SandboxParams<O>, request: StripeRequest, runtime: SandboxRuntime) => unknown;

/** Handlers by operation name, typed from the connector's declarations. */
export type StripeHandlers = { [K in keyof Operations]?: StripeHandler<Operations[K]> };

/**
 * The kit's handlers from Stripe's: each call gets its Connect account's
 * store and its request facts, `expand` is applied to the answer, and a
 * thrown `SandboxError` becomes Stripe's error body.
 */
export function toSandboxHandlers(handlers: StripeHandlers, runtime: SandboxRuntime): SandboxHandlers<Operations> {
  const out: Record<string, SandboxHandler<never>> = {};
  for (const [name, handle] of Object.entries(handlers) as [string, StripeHandler<unknown>][]) {
    out[name] = async (call: SandboxCall<never>) => {
      const request = stripeRequest(call, runtime);
      try {
        const result = await handle(call.params, request, runtime);
        const expand = (call.params as { expand?: unknown }).expand;
        return jsonResponse(applyExpand(result, Array.isArray(expand) ? expand.map(String) : [], request.store));
      } catch (error) {
        if (error instanceof SandboxError) return errorResponse(error);
        throw error;
      }
    };
  }
  return out as SandboxHandlers<Operations>;
}

function stripeRequest(call: SandboxCall<unknown>, runtime: SandboxRuntime): StripeRequest {
  const headers = call.request.headers;
  const account = headers.get('stripe-account') ?? undefined;
  return {
    store: runtime.state.account(account),
    ...(account ? { account } : {}),
    // The key was checked before the handler ran; its mode decides the objects' `livemode`.
    livemode: (readKey(headers.get('authorization') ?? '') ?? '').includes('_live_'),
    requestId: call.requestId,
    idempotencyKey: call.request.method === 'POST' ? headers.get('idempotency-key') : null,
    apiVersion: headers.get('stripe-version') ?? runtime.apiVersion,
  };
}
