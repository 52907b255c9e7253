/**
 * A loopback HTTP server run in its own process (started by lib/server.ts),
 * so the client's CPU time (process.cpuUsage) never includes the server's.
 * Every GET answers the same JSON body. In `bucket` mode it enforces a token
 * bucket and answers 429 with Retry-After beyond it, counting both.
 * It stops by itself: when the parent goes away, after `maxLifetimeMs`, or
 * after `maxRequests`.
 */
import { createServer, type ServerResponse } from 'node:http';
import { CUSTOMER_JSON } from './payloads.js';

export interface ServerConfig {
  mode: 'json' | 'bucket';
  /** Token bucket refill rate, requests per second (bucket mode). */
  ratePerSec?: number;
  /** Token bucket capacity (bucket mode); default one second's worth. */
  burst?: number;
  /** The server closes after answering this many requests. */
  maxRequests: number;
  /** The process exits after this long, whatever happens. */
  maxLifetimeMs: number;
}

export interface ServerStats {
  ok: number;
  rejected: number;
}

export type ServerMessage = { type: 'listening'; port: number } | { type: 'stats'; stats: ServerStats; id: number };
export type ParentMessage = { type: 'stats'; id: number } | { type: 'reset'; id: number };

const config = JSON.parse(process.argv[2] ?? '{}') as ServerConfig;
const body = Buffer.from(CUSTOMER_JSON);
const okHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': String(body.byteLength),
  'request-id': 'req_bench',
};
const rate = config.ratePerSec ?? 50;
const burst = config.burst ?? rate;

let stats: ServerStats = { ok: 0, rejected: 0 };
let total = 0;
let tokens = burst;
let refilledAt = performance.now();

function takeToken(): number {
  const now = performance.now();
  tokens = Math.min(burst, tokens + ((now - refilledAt) / 1000) * rate);
  refilledAt = now;
  if (tokens >= 1) {
    tokens -= 1;
    return 0;
  }
  return ((1 - tokens) / rate) * 1000;
}

function reject(res: ServerResponse, waitMs: number): void {
  stats.rejected++;
  const error = Buffer.from(JSON.stringify({ error: { type: 'rate_limit_error', message: 'Too many requests' } }));
  res.writeHead(429, {
    'content-type': 'application/json',
    'content-length': String(error.byteLength),
    // Seconds, as the HTTP spec has it (rounded up: never invite an early return).
    'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
  });
  res.end(error);
}

const server = createServer({ keepAliveTimeout: 60_000, requestTimeout: 0 }, (req, res) => {
  req.resume();
  if (++total >= config.maxRequests) setImmediate(stop);
  if (config.mode === 'bucket') {
    const wait = takeToken();
    if (wait > 0) return reject(res, wait);
  }
  stats.ok++;
  res.writeHead(200, okHeaders);
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 61_000;

function stop(): void {
  server.close();
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 200).unref();
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'reset') {
    stats = { ok: 0, rejected: 0 };
    tokens = burst;
    refilledAt = performance.now();
  }
  process.send?.({ type: 'stats', stats, id: message.id } satisfies ServerMessage);
});
process.on('disconnect', stop);
setTimeout(stop, config.maxLifetimeMs).unref();
// Keeps the process alive until stop(), even between connections.
const lifetime = setInterval(() => {}, 60_000);
server.on('close', () => clearInterval(lifetime));

server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  const address = server.address();
  if (address && typeof address === 'object') process.send?.({ type: 'listening', port: address.port } satisfies ServerMessage);
});
