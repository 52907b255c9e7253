import { authMiddleware } from '../auth/auth-middleware.js';
import type { AuthStrategy } from '../auth/auth-strategy.js';
import type { AnyConnector } from '../connector/define-connector.js';
import { idempotencyMiddleware } from '../idempotency/idempotency-middleware.js';
import type { Middleware } from '../pipeline/context.js';
import { fetchTransport } from '../pipeline/fetch-transport.js';
import { observe } from '../pipeline/observe.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { type ClientLimiter, clientLimiter } from '../rate-limit/client-limiter.js';
import { limitSignalMiddleware } from '../rate-limit/limit-signal-middleware.js';
import { rateLimitMiddleware } from '../rate-limit/rate-limit-middleware.js';
import { inspectMiddleware } from '../retry/inspect-middleware.js';
import { resolveRetryPolicy } from '../retry/resolve-retry-policy.js';
import { retryMiddleware } from '../retry/retry-middleware.js';
import type { ClientSettings } from './types.js';

/** A client's pipeline, and the limiter its calls wait in before their state is built. */
export interface ClientPipeline {
  pipeline: Pipeline;
  limited?: ClientLimiter;
}

/**
 * Assembles a client's pipeline from the connector's policies and the user's
 * settings, outermost first: idempotency (the key is fixed before the first
 * attempt), retry (each retry waits for a limiter slot and every attempt
 * gets fresh credentials), rateLimit, auth, observe, transport. The first
 * attempt's slot is taken by the client before the call enters it.
 */
export function buildPipeline(connector: AnyConnector, settings: ClientSettings, strategy: AuthStrategy): ClientPipeline {
  // Fail at start-up, not on the first call, when the retry numbers are wrong.
  resolveRetryPolicy(connector.retry, settings.retry);
  const limited = clientLimiter(connector, settings);
  const inspected = inspectMiddleware(settings.retry);
  // A limit declared for a successful answer (a body marker) becomes a RateLimitError here, inside the limiter.
  const inspect = connector.rateLimit?.signals ? around(inspected, limitSignalMiddleware()) : inspected;
  const layers: [string, Middleware][] = [
    ['idempotency', idempotencyMiddleware(settings.idempotency)],
    ['retry', retryMiddleware(settings.retry)],
    // Responses are inspected inside the limiter, so a rate limit read from a 200 body pauses the bucket too.
    [
      'rateLimit',
      limited
        ? around(
            rateLimitMiddleware(limited.limiter, limited.policy.maxWaitMs === undefined ? {} : { maxWaitMs: limited.policy.maxWaitMs }),
            inspect,
          )
        : inspect,
    ],
    ['auth', authMiddleware(strategy)],
    ['observe', observe],
    ['transport', settings.transport ?? fetchTransport(settings.fetch ? { fetch: settings.fetch } : {})],
  ];
  return { pipeline: new Pipeline(layers), ...(limited ? { limited } : {}) };
}

/** One layer made of two: `outer` calls `inner`, which calls the rest. */
function around(outer: Middleware, inner: Middleware): Middleware {
  return (ctx, next) => outer(ctx, (c) => inner(c, next));
}
