import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { describeWithRedis } from './support/redis-server.js';
import { forkWorker, killWorkersAfterEach } from './support/worker-process.js';

const WORKER = new URL('./support/limiter-worker.ts', import.meta.url);
const LIMIT = 20;
const PROCESSES = 4;
const CALLS = 20;
// The one 429 the server sends on purpose, and its retry-after.
const PAUSE_AT = 30;
const PAUSE_S = 1;

let server: Server | undefined;
killWorkersAfterEach();
afterEach(() => {
  server?.close();
});

/** A server that enforces LIMIT requests in any sliding second (429 past it), and answers request PAUSE_AT with a 429 of its own. */
async function enforcingServer() {
  const arrivals: number[] = [];
  let overLimit = 0;
  let pausedAt = 0;
  server = createServer((_request, response) => {
    const now = performance.now();
    arrivals.push(now);
    const inLastSecond = arrivals.filter((at) => at > now - 1000).length;
    if (inLastSecond > LIMIT) {
      overLimit++;
      response.writeHead(429, { 'retry-after': '1' }).end();
    } else if (arrivals.length === PAUSE_AT) {
      pausedAt = now;
      response.writeHead(429, { 'retry-after': String(PAUSE_S) }).end();
    } else {
      response.writeHead(200).end('ok');
    }
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, arrivals, overLimit: () => overLimit, pausedAt: () => pausedAt };
}

function start(env: Record<string, string>) {
  const worker = forkWorker(WORKER, env);
  return { child: worker.child, ready: worker.message('ready'), done: worker.message<{ limited: number }>('done') };
}

describeWithRedis('the Redis rate limiter across real processes', (redis) => {
  it(`4 processes share ${LIMIT} requests/s against a server that enforces it: never over the limit, no 429 but the one sent on purpose, which pauses all`, async () => {
    const api = await enforcingServer();
    const workers = Array.from({ length: PROCESSES }, () =>
      start({ REDIS_PORT: String(redis().port), KEY: 'shared', LIMIT: String(LIMIT), URL: api.url, CALLS: String(CALLS) }),
    );
    await Promise.all(workers.map((w) => w.ready));
    const started = performance.now();
    for (const w of workers) w.child.send('go');
    const done = await Promise.all(workers.map((w) => w.done));
    const elapsed = (performance.now() - started) / 1000;

    const arrivals = api.arrivals;
    let most = 0;
    for (const at of arrivals) most = Math.max(most, arrivals.filter((t) => t >= at && t < at + 1000).length);
    // Requests that arrived during the pause, once the 429 had time to reach its process and pause Redis
    // (a call granted just before the pause was recorded is still sent; on a loaded machine that takes a while).
    const pausedAt = api.pausedAt();
    const duringPause = arrivals.filter((t) => t > pausedAt + 300 && t < pausedAt + PAUSE_S * 1000 - 5).length;
    const total = PROCESSES * CALLS;
    // Budget: the first second's LIMIT, then LIMIT per second, plus the pause.
    const goodput = (total - LIMIT) / (elapsed - PAUSE_S) / LIMIT;
    console.log(
      `shared limiter, ${PROCESSES} processes × ${CALLS} calls at ${LIMIT}/s: most in any second ${most}, 429s over the limit ${api.overLimit()}, requests during the pause ${duringPause}, ${elapsed.toFixed(1)} s, goodput ${goodput.toFixed(2)} of the limit`,
    );
    expect(api.overLimit()).toBe(0);
    expect(most).toBeLessThanOrEqual(LIMIT);
    expect(pausedAt).toBeGreaterThan(0);
    expect(duringPause).toBe(0);
    // Only the one 429 sent on purpose reached a worker, and every call then succeeded.
    expect(done.reduce((sum, d) => sum + d.limited, 0)).toBe(1);
    expect(arrivals.length).toBe(total + 1);
  }, 30_000);
});
