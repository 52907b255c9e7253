import { type HttpHandler, http, type Path } from 'msw';
import { IdempotencyLedger } from '../sandbox/idempotency-ledger.js';
import { readParams } from './read-params.js';

/** The methods an idempotent endpoint can answer. */
export type IdempotentMethod = 'post' | 'put' | 'patch' | 'delete';

/** Options for {@link idempotentEndpoint}. */
export interface IdempotentEndpointOptions {
  /** Either case: `post` or `POST`. */
  method: IdempotentMethod | Uppercase<IdempotentMethod>;
  /**
   * An msw path. Under `setupServer` in Node, give an absolute URL
   * (`https://api.example.com/v1/charges`) or a path behind a `*` wildcard
   * origin; a bare relative path only matches on a loopback server.
   */
  path: Path;
  /**
   * Performs the side effect and returns what to answer: a JSON body sent
   * with `status`, or a whole `Response`. `params` is the parsed body (JSON,
   * form fields as an object, else text), not validated.
   */
  create: (params: unknown, request: Request) => object | Promise<object>;
  /** The status of a successful creation. Default 200. */
  status?: number;
  /** The header that carries the key. Default `Idempotency-Key`. */
  header?: string;
}

/** A fake endpoint that honours idempotency keys, and what it did. */
export interface IdempotentEndpoint {
  /** The msw handler: give it to `setupServer` or `startLoopbackServer`. */
  readonly handler: HttpHandler;
  /** How many times `create` ran: the real side effects, replays excluded. */
  sideEffects(): number;
  /** The keys seen, in order of first use (finished or still in flight). */
  keys(): string[];
  /** Forgets every key and sets the side-effect count to 0. */
  reset(): void;
}

/**
 * A fake endpoint that treats idempotency keys as Stripe does: the first
 * response for a key is saved and replayed (with `Idempotent-Replayed: true`)
 * to later requests with the same key and parameters; the same key with
 * other parameters is a 400 `idempotency_error`; a key whose request is still
 * running is a 409 `idempotency_key_in_use`. Requests without a key each
 * perform the side effect. A `create` that throws frees its key (nothing is
 * saved) and msw answers 500.
 */
export function idempotentEndpoint(options: IdempotentEndpointOptions): IdempotentEndpoint {
  const status = options.status ?? 200;
  const ledger = new IdempotencyLedger(options.header ? { header: options.header } : {});
  let sideEffects = 0;
  let served = 0;

  const perform = async (text: string, request: Request, requestId: string) => {
    sideEffects += 1;
    const result = await options.create(readParams(text, request.headers.get('content-type')), request);
    const response = result instanceof Response ? result : Response.json(result, { status });
    const headers = new Headers(response.headers);
    headers.set('request-id', requestId);
    return new Response(response.body, { status: response.status, headers });
  };

  const handler = http[options.method.toLowerCase() as IdempotentMethod](options.path, async ({ request }) => {
    served += 1;
    const requestId = `req_${served}`;
    // Read a copy: `create` gets the request untouched and may read the body itself.
    const text = await request.clone().text();
    const key = request.headers.get(ledger.header);
    if (!key) return perform(text, request, requestId);
    // A key covers one exact request: the same path, query and body.
    const url = new URL(request.url);
    const fingerprint = `${request.method} ${url.pathname}${url.search}\n${text}`;
    return ledger.run({ key, fingerprint, requestId }, () => perform(text, request, requestId));
  });

  return {
    handler,
    sideEffects: () => sideEffects,
    keys: () => ledger.keys(),
    reset() {
      ledger.clear();
      sideEffects = 0;
      served = 0;
    },
  };
}
