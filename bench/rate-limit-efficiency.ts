/**
 * 3. Rate-limit efficiency: a loopback server enforces a token bucket
 * (50 requests/s, burst 50; beyond it 429 with Retry-After in whole seconds)
 * and counts what it answers. Each variant sends the same calls all at
 * once, as fast as the caller can: Junction's limiter set to the server's
 * limit (with its retry layer), the same a declared margin below it, Junction
 * with retry only, p-retry around fetch, and bare fetch with no handling.
 *
 *   pnpm --filter @junction/bench exec tsx rate-limit-efficiency.ts
 */
import { createClient, createLimiter, createLimiterRegistry } from '@junction/core';
import pRetry from 'p-retry';
import { benchApi, CUSTOMER_ID, TOKEN } from './lib/connector.js';
import { isMain, QUICK, scaled } from './lib/env.js';
import { type BenchResult, finish, progress, type Target } from './lib/report.js';
import { type LoopbackServer, startServer } from './lib/server.js';
import { fmt, ratio } from './lib/stats.js';

const CALLS = Number(process.env.BENCH_RL_CALLS ?? scaled(2_000, 200));
const RATE = 50;
const PROTOTYPE = process.env.BENCH_RL_PROTOTYPE === '1';
const BURST = 50;
/** The limiter is configured to the server's published limit. */
const POLICY = { requests: RATE, intervalMs: 1000, maxQueued: CALLS * 2, maxWaitMs: (CALLS / RATE) * 1000 * 3 } as const;
/** The share of the published limit a client keeps in hand when it declares a margin. */
const MARGIN = 0.1;
const MARGIN_REQUESTS = Math.floor(RATE * (1 - MARGIN));

interface Variant {
  key: string;
  label: string;
  /** Makes one call; rejects when the call finally fails. */
  call: () => Promise<unknown>;
  close?: () => Promise<void>;
}

export interface RateLimitRow {
  key: string;
  label: string;
  calls: number;
  succeeded: number;
  failed: number;
  firstFailure?: string;
  seconds: number;
  serverOk: number;
  server429: number;
  /** Successful calls per second over the whole run, as a fraction of the server's limit. */
  goodput: number;
  /** 429s as a share of all requests the server answered. */
  share429: number;
  /** Elapsed / (calls / limit). */
  vsIdeal: number;
}

/** Each variant is made just before it runs, as an application would make its client and send a batch. */
function variants(origin: string): (() => Variant)[] {
  const url = `${origin}/v1/customers/${CUSTOMER_ID}`;
  const headers = { authorization: `Bearer ${TOKEN}` };
  const get = async () => {
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`status ${response.status}`);
  };
  const prototype = (): Variant => {
    const limiters = createLimiterRegistry({ create: (key, policy) => createLimiter(policy, { name: key }) });
    const client = createClient(benchApi, {
      credentials: { token: TOKEN },
      baseUrl: origin,
      rateLimit: { ...POLICY, key: 'bench' },
      limiters,
    });
    return {
      key: 'junction-prototype',
      label: 'Junction: a shared bucket (createLimiterRegistry) at the limit + retry',
      call: () => client.getCustomer({ id: CUSTOMER_ID }),
      close: () => limiters.stop(),
    };
  };
  return [
    () => {
      const client = createClient(benchApi, { credentials: { token: TOKEN }, baseUrl: origin, rateLimit: { ...POLICY } });
      return {
        key: 'junction-limiter',
        label: 'Junction: limiter at the server’s limit + retry',
        call: () => client.getCustomer({ id: CUSTOMER_ID }),
      };
    },
    () => {
      const client = createClient(benchApi, {
        credentials: { token: TOKEN },
        baseUrl: origin,
        rateLimit: { ...POLICY, requests: MARGIN_REQUESTS },
      });
      return {
        key: 'junction-margin',
        label: `Junction: limiter with a declared margin (${MARGIN_REQUESTS}/s, ${MARGIN * 100}% under the limit) + retry`,
        call: () => client.getCustomer({ id: CUSTOMER_ID }),
      };
    },
    () => {
      const client = createClient(benchApi, { credentials: { token: TOKEN }, baseUrl: origin, rateLimit: false });
      return {
        key: 'junction-retry-only',
        label: 'Junction: retry only (rateLimit: false; honours Retry-After)',
        call: () => client.getCustomer({ id: CUSTOMER_ID }),
      };
    },
    () => ({
      key: 'p-retry',
      label: 'p-retry around fetch (defaults, 4 retries; Retry-After ignored)',
      call: () => pRetry(get, { retries: 4 }),
    }),
    () => ({ key: 'none', label: 'bare fetch, no handling', call: get }),
    // A shared bucket under a real limit (40 s more): BENCH_RL_PROTOTYPE=1.
    ...(PROTOTYPE ? [prototype] : []),
  ];
}

async function run(variant: Variant, server: LoopbackServer): Promise<RateLimitRow> {
  await server.reset();
  const t0 = performance.now();
  let failed = 0;
  let firstFailure: string | undefined;
  const settled = await Promise.allSettled(Array.from({ length: CALLS }, () => variant.call()));
  const seconds = (performance.now() - t0) / 1000;
  for (const s of settled) {
    if (s.status === 'rejected') {
      failed++;
      firstFailure ??= s.reason instanceof Error ? s.reason.message.slice(0, 160) : String(s.reason);
    }
  }
  const stats = await server.stats();
  const succeeded = CALLS - failed;
  return {
    key: variant.key,
    label: variant.label,
    calls: CALLS,
    succeeded,
    failed,
    ...(firstFailure ? { firstFailure } : {}),
    seconds,
    serverOk: stats.ok,
    server429: stats.rejected,
    goodput: succeeded / seconds / RATE,
    share429: stats.rejected / Math.max(1, stats.ok + stats.rejected),
    vsIdeal: seconds / (CALLS / RATE),
  };
}

export async function rateLimitEfficiency(): Promise<BenchResult> {
  const startedAt = performance.now();
  const server = await startServer({ mode: 'bucket', ratePerSec: RATE, burst: BURST });
  const rows: RateLimitRow[] = [];
  try {
    for (const make of variants(server.origin)) {
      // Let the bucket refill and the previous variant's stragglers finish.
      await new Promise((r) => setTimeout(r, 1_100));
      const variant = make();
      rows.push(await run(variant, server));
      await variant.close?.();
      progress(`${variant.label}: ${fmt(rows.at(-1)!.seconds, 1)} s`);
    }
  } finally {
    await server.close();
  }
  const limiter = rows.find((r) => r.key === 'junction-limiter')!;
  const margin = rows.find((r) => r.key === 'junction-margin')!;
  const outcome = (r: RateLimitRow) =>
    `${fmt(r.goodput, 3)} of the limit, ${r.server429} × 429 (${fmt(r.share429 * 100, 2)}%), ${r.failed} calls failed`;
  const targets: Target[] = [
    {
      name: 'Goodput with Junction’s limiter at the server’s limit',
      target: '≥ 0.97 of the server’s limit, < 1% of requests answered 429',
      measured: outcome(limiter),
      met: limiter.goodput >= 0.97 && limiter.share429 < 0.01 && limiter.failed === 0,
    },
    {
      name: `429s with a declared margin (${MARGIN_REQUESTS}/s against ${RATE}/s)`,
      target: '0 requests answered 429',
      measured: outcome(margin),
      met: margin.server429 === 0 && margin.failed === 0,
    },
  ];
  const ideal = CALLS / RATE;
  return finish(
    {
      name: 'rate-limit-efficiency',
      title: '3. Rate-limit efficiency',
      method: [
        `Server: node:http on 127.0.0.1 in its own process, a token bucket of ${RATE} requests/s with a burst of ${BURST}; beyond it, 429 with \`Retry-After\` in whole seconds (rounded up) and a JSON error body. Bucket refilled and counters reset before each variant.`,
        `Each variant starts ${CALLS.toLocaleString('en-US')} calls at once (Promise.allSettled) and waits for all to settle. Ideal time = calls / limit = ${ideal} s.`,
        `Junction limiter: rateLimit { requests: ${RATE}, intervalMs: 1000, maxQueued: ${POLICY.maxQueued}, maxWaitMs: ${POLICY.maxWaitMs} } with the default retry policy (4 retries, Retry-After honoured, a 429 pauses the whole bucket); ` +
          `with a declared margin, the same with requests: ${MARGIN_REQUESTS}.`,
        'Goodput = successful calls / elapsed seconds / the server’s limit. 429 share = 429s / all responses the server sent.',
      ],
      tables: [
        {
          title: `${CALLS.toLocaleString('en-US')} calls against a ${RATE}/s token bucket`,
          columns: [
            'client',
            'succeeded',
            'failed',
            'server 200s',
            'server 429s',
            '429 share',
            'seconds',
            '× ideal time',
            'goodput (× limit)',
          ],
          rows: rows.map((r) => [
            r.label,
            fmt(r.succeeded),
            fmt(r.failed),
            fmt(r.serverOk),
            fmt(r.server429),
            `${fmt(r.share429 * 100, 1)}%`,
            fmt(r.seconds, 1),
            ratio(r.vsIdeal),
            fmt(r.goodput, 3),
          ]),
          notes: rows.filter((r) => r.firstFailure).map((r) => `${r.label}: first failure: ${r.firstFailure}`),
        },
      ],
      targets,
      findings: [],
      data: rows,
    },
    startedAt,
  );
}

if (isMain(import.meta)) {
  if (QUICK) progress('BENCH_QUICK=1: a smoke run, not a measurement');
  await rateLimitEfficiency();
  process.exit(0);
}
