import type { RetryHistoryEntry } from '../errors/junction-error.js';
import { lazyModule } from '../internal/lazy-module.js';
import { forkContext, type Middleware, type RequestContext } from '../pipeline/context.js';
import { planRetry } from './plan-retry.js';
import { retryPolicyResolver } from './resolve-retry-policy.js';
import { recordRetryHistory } from './retry-history.js';
import type { RetryPolicy } from './retry-policy.js';
import { sleep } from './sleep.js';

const pRetryModule = lazyModule(() => import('p-retry'));

/**
 * The retry layer: runs each attempt on its own copy of the context (so
 * inner layers see fresh headers and the attempt number), and decides after
 * every failure whether to try again (see `planRetry`). p-retry runs the
 * loop; the waits are ours, because p-retry has no per-error delay and we
 * must honour Retry-After. When it stops, the caller gets the last typed
 * error as thrown, never a wrapper; after more than one attempt, that error
 * also tells the call's retry history (see `recordRetryHistory`).
 *
 * @param clientRetry the client's settings, merged over the connector's and under each call's.
 */
export function retryMiddleware(clientRetry?: RetryPolicy | false): Middleware {
  const policyFor = retryPolicyResolver(clientRetry);
  return async function retry(ctx, next) {
    const { default: pRetry } = pRetryModule.loaded ?? (await pRetryModule.load());
    const policy = policyFor(ctx);
    const startedAt = performance.now();
    let current: RequestContext = ctx;
    let failure: unknown;
    const history: RetryHistoryEntry[] = [];
    // Kept as thrown: p-retry wraps non-Error values, and the caller must get the original.
    const remember = (error: unknown): never => {
      failure = error;
      throw error;
    };

    return pRetry(
      (attempt) => {
        current = forkContext(ctx, { attempt });
        // A catch handler rather than an async function: a call queued behind the limiter holds one frame less.
        try {
          return next(current).catch(remember);
        } catch (error) {
          return remember(error);
        }
      },
      {
        retries: policy.retries,
        // p-retry waits 0 between attempts; onFailedAttempt does the real wait.
        minTimeout: 0,
        // p-retry's own defaults, spelled out: it copies its options and fills in each missing one, and on
        // Node 20 adding properties to a spread copy is a V8 slow path (~15 µs per call; see bench/RESULTS.md).
        factor: 2,
        maxTimeout: Number.POSITIVE_INFINITY,
        maxRetryTime: Number.POSITIVE_INFINITY,
        randomize: false,
        shouldRetry: always,
        shouldConsumeRetry: always,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        onFailedAttempt: async ({ attemptNumber, retriesLeft }) => {
          if (ctx.signal?.aborted) throw ctx.signal.reason;
          const plan =
            retriesLeft > 0
              ? planRetry(failure, current, policy, { attempt: attemptNumber, elapsedMs: performance.now() - startedAt })
              : undefined;
          if (!plan) {
            recordRetryHistory(failure, history, performance.now() - startedAt);
            throw failure;
          }
          // A connector's or caller's reason may quote the response: keep secrets out of events and errors.
          const reason = ctx.redactor.text(plan.reason);
          history.push({ attempt: attemptNumber, reason, delayMs: plan.delayMs });
          ctx.emit('retry', {
            connector: ctx.connector.name,
            ...(ctx.operation ? { operation: ctx.operation } : {}),
            method: current.method,
            url: ctx.redactor.url(current.url),
            attempt: attemptNumber,
            reason,
            delayMs: plan.delayMs,
            error: failure,
          });
          await sleep(plan.delayMs, ctx.signal);
        },
      },
    );
  };
}

function always(): boolean {
  return true;
}
