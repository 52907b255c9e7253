import {
  authMiddleware,
  bottleneckLimiter,
  createClient,
  createLimiter,
  createRedactor,
  forkContext,
  idempotencyMiddleware,
  inspectMiddleware,
  type JunctionResponse,
  type Middleware,
  observe,
  type RequestContext,
  rateLimitMiddleware,
  retryMiddleware,
} from '@junction/core';
import Bottleneck from 'bottleneck';
import pRetry from 'p-retry';
import { z } from 'zod';
import { benchApi, CUSTOMER_ID, customerSchema, TOKEN } from './connector.js';
import { parseLenient, resolveIdempotencyPolicy, resolveRetryPolicy } from './core-internals.js';
import { collectGarbage } from './env.js';
import { CUSTOMER } from './payloads.js';
import { median } from './stats.js';

/** One step a Junction call takes, timed alone. */
export interface MicroCase {
  name: string;
  /** Where core does it, per call. */
  where: string;
  /** How many times one GET through the full client does it. */
  perCall: number;
  run: () => unknown;
  /** Iterations for this case, when it must be fewer (bottleneck: ~3 ms a call). */
  iterations?: number;
  /** `layer`: one pipeline layer called with a `next` that answers at once, awaited one call at a time. */
  kind?: 'step' | 'layer';
}

export interface MicroResult {
  kind: 'step' | 'layer';
  name: string;
  where: string;
  perCall: number;
  /** CPU µs per operation (median of rounds). */
  us: number;
  /** us × perCall. */
  usPerCall: number;
}

/**
 * The per-call steps of core's pipeline that the profiles point at, each
 * timed in a tight loop (CPU via process.cpuUsage, median of rounds), to put
 * a number of microseconds on each candidate fix.
 */
export function microCases(): MicroCase[] {
  const strategy = benchApi.auth.create({ token: TOKEN });
  const redactor = createRedactor({ secrets: () => strategy.secrets(), headers: strategy.secretHeaders ?? [] });
  const url = new URL(`http://127.0.0.1:8080/v1/customers/${CUSTOMER_ID}`);
  const headers = new Headers({ accept: 'application/json', authorization: `Bearer ${TOKEN}` });
  const ctx: RequestContext = {
    connector: benchApi,
    operation: 'getCustomer',
    method: 'GET',
    url,
    headers,
    input: { id: CUSTOMER_ID },
    idempotent: true,
    attempt: 1,
    timeoutMs: 30_000,
    options: {},
    emit: () => {},
    listens: () => false,
    redactor,
  };
  const input = z.object({ id: z.string() });
  const json = JSON.stringify(CUSTOMER);
  const resolved = Promise.resolve(1);
  return [
    {
      name: 'zod output mapping (parseLenient, customer schema)',
      where: 'client/create-client.ts parseOutput',
      perCall: 1,
      run: () => parseLenient(customerSchema, CUSTOMER),
    },
    {
      name: 'zod input validation ({ id })',
      where: 'client/create-client.ts validateInput',
      perCall: 1,
      run: () => input.safeParse({ id: CUSTOMER_ID }),
    },
    { name: 'JSON.parse of the 1 KB body (for scale)', where: 'pipeline/transport.ts readBody', perCall: 1, run: () => JSON.parse(json) },
    {
      name: 'redactor.url(ctx.url)',
      where: 'pipeline/observe.ts, only with a listener; rate-limit-middleware.ts summarize(), only when a call is refused',
      perCall: 0,
      run: () => redactor.url(url),
    },
    {
      name: 'redactor.headers(ctx.headers)',
      where: 'pipeline/observe.ts request event, only with a listener',
      perCall: 0,
      run: () => redactor.headers(headers),
    },
    {
      name: 'forkContext(ctx) (new URL + new Headers)',
      where: 'retry/retry-middleware.ts, each attempt',
      perCall: 1,
      run: () => forkContext(ctx, { attempt: 1 }),
    },
    {
      name: 'resolveRetryPolicy(connector, client, call)',
      where: 'retry/retry-middleware.ts + retry/inspect-middleware.ts, once per client (again for a call with its own retry option)',
      perCall: 0,
      run: () => resolveRetryPolicy(undefined, undefined, undefined),
    },
    {
      name: 'resolveIdempotencyPolicy(connector, client)',
      where: 'idempotency/idempotency-middleware.ts, once per client',
      perCall: 0,
      run: () => resolveIdempotencyPolicy(undefined, undefined),
    },
    {
      name: 'new AbortController()',
      where: 'rate-limit/bottleneck-limiter.ts schedule(); ky, ×1 each',
      perCall: 2,
      run: () => new AbortController(),
    },
    {
      name: 'new Headers({ accept, authorization })',
      where: 'client/create-client.ts send(); forkContext',
      perCall: 2,
      run: () => new Headers({ accept: 'application/json', authorization: `Bearer ${TOKEN}` }),
    },
    {
      name: 'pRetry, 2 options given (as core passed them before this run’s fix)',
      where: 'retry/retry-middleware.ts, each call (before)',
      perCall: 0,
      run: () => pRetry(() => resolved, { retries: 4, minTimeout: 0 }),
    },
    {
      name: 'pRetry, all its options given (as core passes them now)',
      where: 'retry/retry-middleware.ts, each call',
      perCall: 1,
      run: () =>
        pRetry(() => resolved, {
          retries: 4,
          minTimeout: 0,
          factor: 2,
          maxTimeout: Number.POSITIVE_INFINITY,
          maxRetryTime: Number.POSITIVE_INFINITY,
          randomize: false,
          shouldRetry: yes,
          shouldConsumeRetry: yes,
          onFailedAttempt: noop,
        }),
    },
    {
      name: 'setTimeout + clearTimeout (60 s max-wait timer)',
      where: 'rate-limit/bottleneck-limiter.ts schedule()',
      perCall: 1,
      run: () => clearTimeout(setTimeout(noop, 60_000)),
    },
    ...layerCases(ctx, strategy),
  ];
}

const ANSWER: JunctionResponse = { status: 200, headers: new Headers({ 'content-type': 'application/json' }), data: CUSTOMER, url: '' };
const answer = async () => ANSWER;

/** Each layer of build-pipeline.ts alone, around a `next` that answers at once: its own cost, without fetch or any other layer. */
function layerCases(base: RequestContext, strategy: ReturnType<typeof benchApi.auth.create>): MicroCase[] {
  const layer = (name: string, where: string, middleware: Middleware, iterations?: number): MicroCase => ({
    kind: 'layer',
    name,
    where,
    perCall: 1,
    // A fresh context per call, as the client makes one (auth sets a header on it).
    run: () => middleware({ ...base, headers: new Headers(base.headers) }, answer),
    ...(iterations === undefined ? {} : { iterations }),
  });
  const inspect = inspectMiddleware();
  const limited = (limiter: Parameters<typeof rateLimitMiddleware>[0]): Middleware => {
    const rl = rateLimitMiddleware(limiter);
    return (ctx, next) => rl(ctx, (c) => inspect(c, next));
  };
  const fresh = (ctx: RequestContext) => ({ ...ctx, headers: new Headers(ctx.headers) });
  // The client as users build it, with a last middleware that answers instead of sending: core's whole per-call cost, no fetch, no ky.
  const answered = createClient(benchApi, {
    credentials: { token: TOKEN },
    middleware: [
      { use: async () => ({ ...ANSWER, url: 'http://127.0.0.1:9/v1/customers/x' }), position: { before: 'transport' }, name: 'answer' },
    ],
  });
  return [
    layer('observe (nobody listens)', 'pipeline/observe.ts', (ctx, next) => observe(ctx, next)),
    {
      ...layer('observe (a listener on every event)', 'pipeline/observe.ts', (ctx, next) => observe({ ...ctx, listens: yes }, next)),
      perCall: 0,
    },
    layer('auth (bearer)', 'auth/auth-middleware.ts', authMiddleware(strategy)),
    layer(
      'rateLimit, no limits set (+ inspect)',
      'rate-limit/rate-limit-middleware.ts, sliding-log-limiter.ts',
      limited(createLimiter({})),
    ),
    layer(
      'rateLimit, high limit: bottleneck (+ inspect)',
      'rate-limit/bottleneck-adapter.ts on a bottleneck',
      limited(
        bottleneckLimiter(
          new Bottleneck({
            reservoir: 1_000_000,
            reservoirRefreshAmount: 1_000_000,
            reservoirRefreshInterval: 1000,
            heartbeatInterval: 100,
          }),
        ),
      ),
      300,
    ),
    layer(
      'rateLimit, high limit: core’s limiter (+ inspect)',
      'rate-limit/sliding-log-limiter.ts (core’s default)',
      limited(createLimiter({ requests: 1_000_000, intervalMs: 1000 })),
    ),
    layer('retry (p-retry)', 'retry/retry-middleware.ts', retryMiddleware()),
    layer('idempotency (GET: no key)', 'idempotency/idempotency-middleware.ts', idempotencyMiddleware()),
    {
      kind: 'layer',
      name: 'idempotency (POST: a key generated)',
      where: 'idempotency/idempotency-middleware.ts',
      perCall: 0,
      run: () => idempotencyMiddleware({ header: 'Idempotency-Key' })({ ...fresh(base), method: 'POST', idempotent: false }, answer),
    },
    {
      kind: 'layer',
      name: 'the whole client, a middleware answering in place of the transport (no limits set)',
      where: 'everything of core’s but the transport: validation, encoding, context, every layer, zod mapping',
      perCall: 0,
      run: () => answered.getCustomer({ id: CUSTOMER_ID }),
    },
  ];
}

function noop(): void {}
function yes(): boolean {
  return true;
}

/** Times each case: `iterations` runs per round, `rounds` rounds, CPU µs per run (median). Promise-returning cases are awaited in batches. */
export async function runMicro(iterations: number, rounds: number): Promise<MicroResult[]> {
  const results: MicroResult[] = [];
  for (const c of microCases()) {
    const n = Math.min(iterations, c.iterations ?? iterations);
    const samples: number[] = [];
    for (let round = 0; round <= rounds; round++) {
      collectGarbage();
      const pending: unknown[] = [];
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < n; i++) {
        const out = c.run();
        if (c.kind === 'layer') await out;
        else if (out instanceof Promise) pending.push(out);
      }
      await Promise.all(pending);
      const cpu = process.cpuUsage(cpu0);
      // Round 0 warms up the JIT and is not kept.
      if (round > 0) samples.push((cpu.user + cpu.system) / n);
    }
    const us = median(samples);
    results.push({ kind: c.kind ?? 'step', name: c.name, where: c.where, perCall: c.perCall, us, usPerCall: us * c.perCall });
  }
  return results;
}
