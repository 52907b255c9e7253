import type { SandboxHookContext, SandboxOptions } from '@junction/testing';
import { authenticate } from './authenticate.js';
import { errorResponse, jsonResponse, SandboxError } from './sandbox-error.js';

// Stripe refuses longer idempotency keys.
const MAX_KEY_LENGTH = 255;

/**
 * Checks a request before its parameters are read, as Stripe does: the
 * secret key (401), then the idempotency key's length (400).
 */
export function checkRequest(keys: ReadonlySet<string>): NonNullable<SandboxOptions['before']> {
  return ({ request }) => {
    try {
      authenticate(request, keys);
    } catch (error) {
      if (error instanceof SandboxError) return errorResponse(error);
      throw error;
    }
    const key = request.method === 'POST' ? request.headers.get('idempotency-key') : null;
    if (key && key.length > MAX_KEY_LENGTH) {
      return errorResponse(
        new SandboxError(400, {
          type: 'idempotency_error',
          message: `Idempotency-Key is too long: keys can be at most ${MAX_KEY_LENGTH} characters.`,
        }),
      );
    }
    return undefined;
  };
}

/** Puts Stripe's headers on every answer: `Request-Id`, the `Stripe-Version` in force, and the `Idempotency-Key` of a POST. */
export function stripeHeaders(apiVersion: string): (response: Response, context: SandboxHookContext) => Response {
  return (response, { request, requestId }) => {
    const headers = new Headers(response.headers);
    headers.set('request-id', requestId);
    headers.set('stripe-version', request.headers.get('stripe-version') ?? apiVersion);
    const key = request.method === 'POST' ? request.headers.get('idempotency-key') : null;
    if (key) headers.set('idempotency-key', key);
    return new Response(response.body, { status: response.status, headers });
  };
}

/** A bug in a handler is Stripe's 500: the client should retry it (with its idempotency key). */
export function handlerFailed(error: unknown): Response {
  const message = error instanceof Error ? error.message : String(error);
  return jsonResponse({ error: { type: 'api_error', message: `Sandbox error: ${message}` } }, 500);
}
