import { type HttpHandler, http } from 'msw';
import { authenticate } from './authenticate.js';
import type { EventOrigin } from './event-recorder.js';
import { applyExpand } from './expand.js';
import { type FormParams, parseForm } from './form.js';
import type { SavedResponse } from './idempotency-ledger.js';
import type { SandboxRuntime } from './runtime.js';
import { SandboxError } from './sandbox-error.js';
import type { AccountStore } from './store.js';

/** One request as a route handler sees it. */
export interface RouteRequest extends EventOrigin {
  /** The body (POST) or query (GET, DELETE) parameters, decoded. */
  params: FormParams;
  /** Path parameters, e.g. `{ id: 'cus_…' }`. */
  path: Record<string, string>;
  store: AccountStore;
}

/** Answers a request with a JSON body (status 200), or throws a `SandboxError`. */
export type RouteHandler = (request: RouteRequest, runtime: SandboxRuntime) => unknown;

/** One endpoint of the sandbox. */
export interface Route {
  method: 'get' | 'post' | 'delete';
  /** An msw path below the origin, e.g. `/v1/customers/:id`. */
  path: string;
  /** The top-level parameters the endpoint takes (from the spec); others are refused with `parameter_unknown`. */
  known?: readonly string[];
  handle: RouteHandler;
}

const MAX_KEY_LENGTH = 255;

/**
 * Turns a route into an msw handler that behaves like Stripe around it:
 * rate limit, secret key, parameter decoding and checking, idempotency
 * (replay, mismatch, in use), `expand`, and Stripe's headers and error bodies.
 */
export function toHandler(route: Route, runtime: SandboxRuntime): HttpHandler {
  return http[route.method](`${runtime.origin}${route.path}`, async ({ request, params }) => {
    const requestId = runtime.ids.next('req');
    const apiVersion = request.headers.get('stripe-version') ?? runtime.apiVersion;
    const headers: Record<string, string> = { 'request-id': requestId, 'stripe-version': apiVersion };
    const idempotencyKey = route.method === 'post' ? request.headers.get('idempotency-key') : null;
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let began: { scope: string; key: string; fingerprint: string } | undefined;

    const answer = (status: number, body: string): Response => {
      if (began) runtime.ledger.finish(began.scope, began.key, began.fingerprint, { status, body, requestId });
      return new Response(body, { status, headers: { ...headers, 'content-type': 'application/json' } });
    };

    try {
      if (runtime.rate && !runtime.rate.window.take()) throw rateLimited(runtime.rate.retryAfterSeconds);
      const key = authenticate(request, runtime.keys);
      const account = request.headers.get('stripe-account') ?? undefined;
      const text = route.method === 'post' ? await request.text() : new URL(request.url).search.slice(1);
      const form = parseForm(text);
      checkKnown(form, route.known);

      if (idempotencyKey) {
        if (idempotencyKey.length > MAX_KEY_LENGTH) {
          throw idempotencyError(400, `Idempotency-Key is too long: keys can be at most ${MAX_KEY_LENGTH} characters.`);
        }
        const scope = `${key}:${account ?? ''}`;
        const fingerprint = `${route.method} ${new URL(request.url).pathname}\n${canonical(form)}`;
        const verdict = runtime.ledger.check(scope, idempotencyKey, fingerprint);
        if (verdict.kind === 'replay') return replay(verdict.saved, headers);
        if (verdict.kind === 'in_use') throw keyInUse(idempotencyKey);
        if (verdict.kind === 'mismatch') throw keyReused(idempotencyKey);
        runtime.ledger.begin(scope, idempotencyKey, fingerprint);
        began = { scope, key: idempotencyKey, fingerprint };
      }

      const store = runtime.state.account(account);
      const result = await route.handle(
        {
          params: form,
          path: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
          store,
          ...(account ? { account } : {}),
          livemode: key.includes('_live_'),
          requestId,
          idempotencyKey,
          apiVersion,
        },
        runtime,
      );
      const expand = Array.isArray(form.expand) ? form.expand.filter((e): e is string => typeof e === 'string') : [];
      return answer(200, JSON.stringify(applyExpand(result, expand, store), null, 2));
    } catch (error) {
      if (error instanceof SandboxError) {
        Object.assign(headers, error.headers);
        return answer(error.status, JSON.stringify({ error: error.fields }, null, 2));
      }
      // A bug in a handler is Stripe's 500: the client should retry it (with its idempotency key).
      const message = error instanceof Error ? error.message : String(error);
      return answer(500, JSON.stringify({ error: { type: 'api_error', message: `Sandbox error: ${message}` } }, null, 2));
    }
  });
}

function replay(saved: SavedResponse, headers: Record<string, string>): Response {
  return new Response(saved.body, {
    status: saved.status,
    headers: {
      ...headers,
      'content-type': 'application/json',
      'idempotent-replayed': 'true',
      'original-request': saved.requestId,
    },
  });
}

function checkKnown(form: FormParams, known: readonly string[] | undefined): void {
  if (!known) return;
  for (const name of Object.keys(form)) {
    if (name !== 'expand' && !known.includes(name)) {
      throw new SandboxError(400, {
        type: 'invalid_request_error',
        code: 'parameter_unknown',
        param: name,
        message: `Received unknown parameter: ${name}`,
        doc_url: 'https://stripe.com/docs/error-codes/parameter-unknown',
      });
    }
  }
}

// Parameters in a stable order, so the same request always has the same fingerprint.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function idempotencyError(status: number, message: string, code?: string): SandboxError {
  return new SandboxError(status, { type: 'idempotency_error', message, ...(code ? { code } : {}) });
}

function keyReused(key: string): SandboxError {
  return idempotencyError(
    400,
    `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  );
}

function keyInUse(key: string): SandboxError {
  return idempotencyError(
    409,
    `There is currently another in-progress request using this Stripe API Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
    'idempotency_key_in_use',
  );
}

function rateLimited(retryAfterSeconds: number | undefined): SandboxError {
  return new SandboxError(
    429,
    {
      type: 'invalid_request_error',
      code: 'rate_limit',
      message: 'Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.',
      doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
    },
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
  );
}
