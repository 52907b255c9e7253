import { type HttpHandler, http, type Path } from 'msw';
import { keyInUseResponse, keyReusedResponse } from './idempotency-errors.js';
import { IdempotencyStore } from './idempotency-store.js';
import { readParams } from './read-params.js';
import { replay, saveResponse } from './saved-response.js';

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
  const header = options.header ?? 'Idempotency-Key';
  const status = options.status ?? 200;
  const store = new IdempotencyStore();
  let sideEffects = 0;
  let served = 0;

  const perform = async (text: string, request: Request, requestId: string) => {
    sideEffects += 1;
    const result = await options.create(readParams(text, request.headers.get('content-type')), request);
    const response = result instanceof Response ? result : Response.json(result, { status });
    return saveResponse(response).then((saved) => ({ saved, fresh: replay(saved, { 'request-id': requestId }) }));
  };

  const handler = http[options.method.toLowerCase() as IdempotentMethod](options.path, async ({ request }) => {
    served += 1;
    const requestId = `req_${served}`;
    // Read a copy: `create` gets the request untouched and may read the body itself.
    const text = await request.clone().text();
    const key = request.headers.get(header);
    if (!key) return (await perform(text, request, requestId)).fresh;

    // A key covers one exact request: the same path, query and body.
    const url = new URL(request.url);
    const fingerprint = `${request.method} ${url.pathname}${url.search}\n${text}`;
    const entry = store.get(key);
    if (entry?.state === 'in-flight') return keyInUseResponse(key, requestId);
    if (entry) {
      if (entry.fingerprint !== fingerprint) return keyReusedResponse(key, requestId);
      return replay(entry.response, { 'idempotent-replayed': 'true', 'original-request': entry.requestId, 'request-id': requestId });
    }

    store.begin(key, fingerprint);
    try {
      const { saved, fresh } = await perform(text, request, requestId);
      store.finish(key, fingerprint, saved, requestId);
      return fresh;
    } catch (error) {
      store.abandon(key);
      throw error;
    }
  });

  return {
    handler,
    sideEffects: () => sideEffects,
    keys: () => store.keys(),
    reset() {
      store.clear();
      sideEffects = 0;
      served = 0;
    },
  };
}
