import { EventEmitter } from 'node:events';
import {
  authMiddleware,
  bottleneckLimiter,
  createClient,
  createLimiter,
  createLimiterRegistry,
  createRedactor,
  fetchTransport,
  idempotencyMiddleware,
  inspectMiddleware,
  kyTransport,
  type Middleware,
  observe,
  Pipeline,
  type RateLimiter,
  type RequestContext,
  rateLimitMiddleware,
  retryMiddleware,
} from '@junction/core';
import { request as octokitRequest } from '@octokit/request';
import Bottleneck from 'bottleneck';
import ky from 'ky';
import Stripe from 'stripe';
import { benchApi, CUSTOMER_ID, TOKEN } from './connector.js';

/** One way of making the benchmark's GET: `call` sends it and returns the parsed JSON. */
export interface Variant {
  key: string;
  label: string;
  group: 'floor' | 'peer' | 'junction' | 'layer';
  call: (i: number) => Promise<unknown>;
  close?: () => Promise<void>;
}

/** A limit far above anything the loopback server can serve in a second, so the limiter never binds. */
export const HIGH_LIMIT = { requests: 1_000_000, intervalMs: 1000 } as const;

const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };

export function fetchVariant(origin: string, fetchImpl: typeof fetch = globalThis.fetch): Variant {
  const url = `${origin}/v1/customers/${CUSTOMER_ID}`;
  return { key: 'fetch', label: 'bare fetch', group: 'floor', call: () => getJson(fetchImpl, url) };
}

/**
 * Bare fetch with what core's transport gives every attempt for its timeout:
 * an AbortController's signal and a timer. What undici does with a signal is
 * the part of the full stack's cost that no client with a timeout avoids.
 */
export function fetchTimeoutVariant(origin: string, fetchImpl: typeof fetch = globalThis.fetch): Variant {
  const url = `${origin}/v1/customers/${CUSTOMER_ID}`;
  return {
    key: 'fetch-timeout',
    label: 'bare fetch with a timeout signal',
    group: 'floor',
    call: async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      try {
        return await getJson(fetchImpl, url, controller.signal);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

async function getJson(fetchImpl: typeof fetch, url: string, signal?: AbortSignal): Promise<unknown> {
  const response = await fetchImpl(url, signal ? { headers, signal } : { headers });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return response.json();
}

export function kyVariant(origin: string, fetchImpl?: typeof fetch): Variant {
  const url = `${origin}/v1/customers/${CUSTOMER_ID}`;
  const options = fetchImpl ? { headers, fetch: fetchImpl } : { headers };
  return { key: 'ky', label: 'ky alone', group: 'peer', call: () => ky.get(url, options).json() };
}

export function stripeVariant(port: number): Variant {
  const stripe = new Stripe(TOKEN, { host: '127.0.0.1', port, protocol: 'http' });
  return { key: 'stripe', label: 'stripe SDK (customers.retrieve)', group: 'peer', call: () => stripe.customers.retrieve(CUSTOMER_ID) };
}

export function octokitVariant(origin: string): Variant {
  const request = octokitRequest.defaults({ baseUrl: origin, headers: { authorization: `token ${TOKEN}` } });
  return {
    key: 'octokit',
    label: '@octokit/request',
    group: 'peer',
    call: async () => (await request('GET /repos/{owner}/{repo}', { owner: 'junction', repo: 'bench' })).data,
  };
}

/** The real client, every layer on: auth, idempotency, retry, core's limiter (high limit), zod output mapping. */
export function junctionVariant(origin: string, fetchImpl?: typeof fetch): Variant {
  const client = createClient(benchApi, {
    credentials: { token: TOKEN },
    baseUrl: origin,
    rateLimit: { ...HIGH_LIMIT },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return { key: 'junction', label: 'Junction client, full stack', group: 'junction', call: () => client.getCustomer({ id: CUSTOMER_ID }) };
}

/** The full-stack client calling an operation without an output schema: the body comes back as parsed JSON, unchecked. */
export function junctionUnmappedVariant(origin: string, fetchImpl?: typeof fetch): Variant {
  const client = createClient(benchApi, {
    credentials: { token: TOKEN },
    baseUrl: origin,
    rateLimit: { ...HIGH_LIMIT },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return {
    key: 'junction-unmapped',
    label: 'Junction client, full stack, no output schema',
    group: 'junction',
    call: () => client.getCustomerUnmapped({ id: CUSTOMER_ID }),
  };
}

/** The real client when no limit is set (the connector declares none): nothing to throttle. */
export function junctionNoLimitsVariant(origin: string, fetchImpl?: typeof fetch): Variant {
  const client = createClient(benchApi, { credentials: { token: TOKEN }, baseUrl: origin, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  return {
    key: 'junction-nolimit',
    label: 'Junction client, no limits set',
    group: 'junction',
    call: () => client.getCustomer({ id: CUSTOMER_ID }),
  };
}

/** The full client with the same high limit, on a Bottleneck the user brings (core's `bottleneckLimiter` adapter). */
export function junctionBottleneckVariant(origin: string, fetchImpl?: typeof fetch): Variant {
  const limiters = createLimiterRegistry({
    create: (key, policy) =>
      bottleneckLimiter(
        new Bottleneck({
          reservoir: policy.requests ?? null,
          reservoirRefreshAmount: policy.requests ?? null,
          reservoirRefreshInterval: policy.intervalMs ?? 1000,
        }),
        { name: key },
      ),
  });
  const client = createClient(benchApi, {
    credentials: { token: TOKEN },
    baseUrl: origin,
    rateLimit: { ...HIGH_LIMIT, key: 'bench' },
    limiters,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return {
    key: 'junction-bottleneck',
    label: 'Junction client, full stack, bottleneck adapter',
    group: 'junction',
    call: () => client.getCustomer({ id: CUSTOMER_ID }),
    close: () => limiters.stop(),
  };
}

/**
 * The layers of client/build-pipeline.ts, added one at a time, innermost
 * first. The limiter here has no limits (core then leaves bottleneck out);
 * bottleneck is added last, as the step from the no-limits client to the
 * full-stack client, so its timer noise does not blur the cheaper layers.
 */
export const LADDER = ['transport', 'observe', 'auth', 'rateLimit', 'retry', 'idempotency'] as const;
export type LadderStep = (typeof LADDER)[number];

const LADDER_LABEL: Record<LadderStep, string> = {
  transport: 'transport only (fetch)',
  observe: '+ observe',
  auth: '+ auth (bearer)',
  rateLimit: '+ rateLimit, no limits set (no bottleneck)',
  retry: '+ retry (p-retry)',
  idempotency: '+ idempotency',
};

/**
 * The pipeline with the first `step` layers of the ladder, built from the
 * same middleware functions build-pipeline.ts uses, in its order, and a
 * context made like createClient's `send` (no input validation, no output mapping).
 */
export function ladderVariant(origin: string, step: LadderStep, fetchImpl?: typeof fetch): Variant {
  const upTo = LADDER.indexOf(step);
  const has = (s: LadderStep) => LADDER.indexOf(s) <= upTo;
  const strategy = benchApi.auth.create({ token: TOKEN });
  let limiter: RateLimiter | undefined;
  const layers: [string, Middleware][] = [];
  if (has('idempotency')) layers.push(['idempotency', idempotencyMiddleware()]);
  if (has('retry')) layers.push(['retry', retryMiddleware()]);
  if (has('rateLimit')) {
    limiter = createLimiter({});
    const rl = rateLimitMiddleware(limiter);
    const inspect = inspectMiddleware();
    layers.push(['rateLimit', (ctx, next) => rl(ctx, (c) => inspect(c, next))]);
  }
  if (has('auth')) layers.push(['auth', authMiddleware(strategy)]);
  if (has('observe')) layers.push(['observe', observe]);
  layers.push(['transport', fetchTransport(fetchImpl ? { fetch: fetchImpl } : {})]);
  const pipeline = new Pipeline(layers);

  const redactor = createRedactor({ secrets: () => strategy.secrets(), headers: strategy.secretHeaders ?? [] });
  const emitter = new EventEmitter();
  const emit: RequestContext['emit'] = (name, event) => {
    emitter.emit(name, event);
  };
  const base = `${origin}/v1/customers/`;
  return {
    key: `layer:${step}`,
    label: LADDER_LABEL[step],
    group: 'layer',
    call: async () => {
      const ctx: RequestContext = {
        connector: benchApi,
        operation: 'getCustomer',
        method: 'GET',
        url: new URL(`${base}${encodeURIComponent(CUSTOMER_ID)}`),
        headers: new Headers({ accept: 'application/json' }),
        input: { id: CUSTOMER_ID },
        idempotent: true,
        attempt: 1,
        timeoutMs: 30_000,
        options: {},
        emit,
        listens: (name) => emitter.listenerCount(name) > 0,
        redactor,
      };
      return (await pipeline.run(ctx)).data;
    },
    ...(limiter ? { close: () => limiter.stop() } : {}),
  };
}

/** The full client with ky as its transport (core's `kyTransport` adapter), to compare with core's default fetch transport. */
export function junctionKyVariant(origin: string, fetchImpl?: typeof fetch): Variant {
  const client = createClient(benchApi, {
    credentials: { token: TOKEN },
    baseUrl: origin,
    rateLimit: { ...HIGH_LIMIT },
    transport: kyTransport(fetchImpl ? ky.create({ fetch: fetchImpl }) : ky),
  });
  return {
    key: 'junction-ky',
    label: 'Junction client, full stack, ky adapter',
    group: 'junction',
    call: () => client.getCustomer({ id: CUSTOMER_ID }),
  };
}
